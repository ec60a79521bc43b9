/** Public API of the Higgs importer (pure: byte sources in, a GeneratedDataset out). */
import type { ByteSource } from "../../../scoring/byte-source";
import { parseCernFile } from "./cern";
import { CERN_ORIGIN, KAGGLE_ORIGIN } from "./description";
import type { HiggsImport, SplitOptions } from "./higgs-import";
import { parseKaggleFiles } from "./kaggle";

export { parseCernFile, type CernImportOptions } from "./cern";
export { cernCsv } from "./cern-csv";
export { importedHiggsDescription } from "./description";
export { higgsDatasetFiles, higgsImportDataset, subsetSums, type HiggsImport, type SplitOptions } from "./higgs-import";
export { ImportFormatError } from "./import-error";
export { parseKaggleFiles, type KaggleFiles, type KaggleImportOptions } from "./kaggle";
export { IMPORT_MAX_BYTES, KAGGLE_SET } from "./read-events";

/** Where an import's events come from: the CERN file (optionally split), or Kaggle's three files. */
export type HiggsImportSource =
  | { format: "cern"; file: ByteSource; fileName?: string; split?: SplitOptions }
  | { format: "kaggle"; training: ByteSource; test: ByteSource; solution: ByteSource; fileNames?: { training?: string; test?: string; solution?: string } };

/** Parses either format; `origin` is the paragraph the description page uses to say where the data comes from. */
export async function parseHiggsSource(source: HiggsImportSource, maxBytes?: number): Promise<{ imported: HiggsImport; origin: string }> {
  if (source.format === "cern") {
    const imported = await parseCernFile(source.file, { fileName: source.fileName, split: source.split, maxBytes });
    return { imported, origin: CERN_ORIGIN };
  }
  const imported = await parseKaggleFiles(source, { fileNames: source.fileNames, maxBytes });
  return { imported, origin: KAGGLE_ORIGIN };
}
