/** Public API of the Higgs importer (pure: byte sources in, a GeneratedDataset out). */
export { parseCernFile, type CernImportOptions } from "./cern";
export { cernCsv } from "./cern-csv";
export { importedHiggsDescription } from "./description";
export { higgsDatasetFiles, higgsImportDataset, subsetSums, type HiggsImport, type SplitOptions } from "./higgs-import";
export { ImportFormatError } from "./import-error";
export { parseKaggleFiles, type KaggleFiles, type KaggleImportOptions } from "./kaggle";
export { IMPORT_MAX_BYTES, KAGGLE_SET } from "./read-events";
