/**
 * Description page of an imported Higgs challenge: the built-in page's explanations (physics, features, AMS,
 * submission format) under an introduction that says where the events come from, so the two never drift apart.
 */
import { higgsDescription } from "../description";

const FIRST_SECTION = "## The physics in five minutes";

/** `origin`: a markdown paragraph about the data, e.g. its source and licence. */
export function importedHiggsDescription(title: string, origin: string): string {
  const at = higgsDescription.indexOf(FIRST_SECTION);
  // The built-in page is the source of the shared sections; without its heading the result would be nonsense.
  if (at < 0) throw new Error(`the built-in Higgs description no longer has the section "${FIRST_SECTION}"`);
  return `# ${title}

Find the collisions in which a Higgs boson decayed into two tau leptons, in the
format of the 2014 HiggsML challenge on Kaggle.

${origin.trim()}

${higgsDescription.slice(at)}`;
}

export const CERN_ORIGIN = `The events are the ATLAS simulated events released for the 2014 challenge on
CERN Open Data (record 328, "Dataset from the ATLAS Higgs Boson Machine
Learning Challenge 2014", CC0), with the weights Kaggle used (KaggleWeight).`;

export const KAGGLE_ORIGIN = `The events come from the HiggsML challenge files (training.csv, test.csv and
the organisers' solution), made from the ATLAS simulation.`;
