/**
 * The anomaly kind's upload: the LHC Olympics 2020 R&D high-level features (train and test files) as a Track A
 * challenge. The training file's signal events are dropped; `control` of its background events are hidden among
 * the test events for the mass-sculpting gate, drawn with the edge's secret key.
 */
import { IMPORT_MAX_BYTES } from "../higgs-tautau/importer/read-events";
import type { KindUpload } from "../kind";
import { UploadError } from "../kind";
import { requiredFile, uploadText } from "../shared/upload-bytes";
import { DEFAULT_PUBLIC_FRACTION } from "./dataset";
import { datasetFromLhco } from "./importer/lhco-dataset";
import { linesOf, parseLhcoCsv } from "./importer/lhco-csv";
import { MIN_CONTROL_EVENTS } from "./score-submission";

export const lhcoUpload: KindUpload = {
  id: "lhco",
  label: "LHC Olympics 2020 R&D features (train and test files)",
  files: [
    { name: "train", label: "Train file" },
    { name: "test", label: "Test file" },
  ],
  fields: [
    {
      name: "control",
      label: `Control events: training background hidden among the test events for the mass-sculpting gate (default ${MIN_CONTROL_EVENTS})`,
      optional: true,
    },
    { name: "public-fraction", label: `Public share of the test events (default ${DEFAULT_PUBLIC_FRACTION})`, optional: true },
  ],
  async prepare({ files, fileNames, fields, seed, maxBytes = IMPORT_MAX_BYTES }) {
    const problems: { file: string; line: null; message: string }[] = [];
    const controlText = fields.control?.trim() || undefined;
    const controlEvents = controlText === undefined ? MIN_CONTROL_EVENTS : Number(controlText);
    if (!(Number.isSafeInteger(controlEvents) && controlEvents >= 0))
      problems.push({ file: "control", line: null, message: `must be a whole number, got ${JSON.stringify(controlText)}` });
    const shareText = fields["public-fraction"]?.trim() || undefined;
    const publicFraction = shareText === undefined ? undefined : Number(shareText);
    if (publicFraction !== undefined && !(publicFraction > 0 && publicFraction < 1))
      problems.push({ file: "public-fraction", line: null, message: `must be a number between 0 and 1, got ${JSON.stringify(shareText)}` });
    if (problems.length > 0) throw new UploadError(problems);
    const names = { train: fileNames?.train ?? "train.csv", test: fileNames?.test ?? "test.csv" };
    const parse = (name: "train" | "test") =>
      parseLhcoCsv(linesOf(uploadText(requiredFile(files, name), names[name], maxBytes)), { fileName: names[name] });
    const train = await parse("train");
    const test = await parse("test");
    const data = datasetFromLhco(train, test, { seed, controlEvents, publicFraction });
    return {
      metricId: "eff-at-1e-3",
      config: { track: "A", imported: "lhco2020-rnd" },
      data: { ...data, manifest: { ...data.manifest, files: [names.train, names.test] } },
      summary: "Find the anomaly in the LHC Olympics 2020 R&D dataset without labels.",
    };
  },
};
