/** Challenge bundles: export a challenge as a zip, validate one, create a challenge from it (lib/bundles/README.md). */
export { exportBundle } from "./export";
export { importBundle, type ImportBundleOptions } from "./import";
export { BundleError } from "./issues";
export { BUNDLE_FORMAT, type BundleManifest } from "./manifest";
export { readBundle, type BundleFile, type ParsedBundle, type ReadBundleOptions } from "./read";
