/**
 * The Higgs kind's uploads: the CERN open-data HiggsML file (its own train / Public / Private split, or a seeded
 * split of a file that holds training rows only) and Kaggle's three files. Both become an AMS challenge whose page
 * is the built-in one's under a paragraph on where the events come from.
 */
import type { KindUpload, PreparedUpload, UploadInput } from "../kind";
import { UploadError } from "../kind";
import { requiredFile } from "../shared/upload-bytes";
import { parseCernFile } from "./importer/cern";
import { CERN_ORIGIN, importedHiggsDescription, KAGGLE_ORIGIN } from "./importer/description";
import { higgsImportDataset, type HiggsImport, type SplitOptions } from "./importer/higgs-import";
import { parseKaggleFiles } from "./importer/kaggle";

const SUMMARY = "Tell H → ττ decays from background in ATLAS simulated events (HiggsML 2014 data). Scored by weighted AMS.";

function prepared(imported: HiggsImport, origin: string): PreparedUpload {
  const data = higgsImportDataset(imported);
  return {
    metricId: "ams",
    config: { imported: data.manifest.source },
    data,
    summary: SUMMARY,
    describe: (title) => importedHiggsDescription(title, origin),
    openDays: 180,
  };
}

const given = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);

/** The seeded split's fields, checked: a seed alone, or with either share; no shares without a seed. */
function splitOf(fields: UploadInput["fields"]): SplitOptions | undefined {
  const problems: { file: string; line: null; message: string }[] = [];
  const share = (name: string): number | undefined => {
    const text = given(fields[name]);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!(value > 0 && value < 1))
      problems.push({ file: name, line: null, message: `must be a number between 0 and 1, got ${JSON.stringify(text)}` });
    return value;
  };
  const seedText = given(fields["split-seed"]);
  const seed = seedText === undefined ? undefined : Number(seedText);
  if (seed !== undefined && !(Number.isSafeInteger(seed) && seed >= 0))
    problems.push({ file: "split-seed", line: null, message: `must be a non-negative integer, got ${JSON.stringify(seedText)}` });
  const testFraction = share("test-fraction");
  const publicFraction = share("public-fraction");
  if (seed === undefined && (testFraction !== undefined || publicFraction !== undefined)) {
    problems.push({ file: "split-seed", line: null, message: "must be given for test-fraction or public-fraction" });
  }
  if (problems.length > 0) throw new UploadError(problems);
  return seed === undefined ? undefined : { seed, testFraction, publicFraction };
}

export const higgsCernUpload: KindUpload = {
  id: "higgs-cern",
  label: "CERN open-data HiggsML file (atlas-higgs-challenge-2014-v2.csv[.gz])",
  files: [{ name: "file", label: "File" }],
  fields: [
    {
      name: "split-seed",
      label: "Split seed (only for a file without test rows: splits its training rows into train, Public and Private)",
      optional: true,
    },
    { name: "test-fraction", label: "Test share of a seeded split (default 0.4)", optional: true },
    { name: "public-fraction", label: "Public share of a seeded split's test set (default 0.18)", optional: true },
  ],
  async prepare({ files, fileNames, fields, maxBytes }) {
    const split = splitOf(fields);
    const imported = await parseCernFile(requiredFile(files, "file"), { fileName: fileNames?.file, split, maxBytes });
    return prepared(imported, CERN_ORIGIN);
  },
};

export const higgsKaggleUpload: KindUpload = {
  id: "higgs-kaggle",
  label: "HiggsML CSVs in Kaggle's format (training with Weight and Label, test, solution with Usage)",
  files: [
    { name: "training", label: "Training" },
    { name: "test", label: "Test" },
    { name: "solution", label: "Solution" },
  ],
  fields: [],
  async prepare({ files, fileNames, maxBytes }) {
    const sources = {
      training: requiredFile(files, "training"),
      test: requiredFile(files, "test"),
      solution: requiredFile(files, "solution"),
    };
    const imported = await parseKaggleFiles(sources, {
      fileNames: { training: fileNames?.training, test: fileNames?.test, solution: fileNames?.solution },
      maxBytes,
    });
    return prepared(imported, KAGGLE_ORIGIN);
  },
};
