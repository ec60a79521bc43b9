/** The kinds' upload declarations read their fields and files themselves: every problem names its field or file. */
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { lhcoUpload } from "@/challenges/anomaly-detection/upload";
import { higgsCernUpload, higgsKaggleUpload } from "@/challenges/higgs-tautau/uploads";
import { simulateHiggs } from "@/challenges/higgs-tautau/simulator/simulate";
import { UploadError } from "@/challenges/kind";
import { encode as bytes } from "../scoring/helpers";
import { cernText, mixedSets } from "./higgs-importer-files";

const issues = (p: Promise<unknown>) =>
  p.then(
    () => [],
    (err: unknown) => {
      if (!(err instanceof UploadError)) throw err;
      return err.issues.map((i) => `${i.file}${i.line === null ? "" : `:${i.line}`} ${i.message}`);
    },
  );
const cern = bytes(cernText(simulateHiggs({ seed: 3, nEvents: 200 }), mixedSets(200)));

describe("the Higgs CERN upload", () => {
  it("keeps the file's own split without a split seed, and names each bad split field", async () => {
    const prepared = await higgsCernUpload.prepare({ files: { file: cern }, fields: {}, seed: 1 });
    expect(prepared).toMatchObject({ metricId: "ams", openDays: 180, config: { imported: "cern-open-data" } });
    expect(prepared.describe!("Open data")).toMatch(/^# Open data\n/);
    expect(
      await issues(higgsCernUpload.prepare({ files: { file: cern }, fields: { "split-seed": "-1", "test-fraction": "1.5" }, seed: 1 })),
    ).toEqual(['split-seed must be a non-negative integer, got "-1"', 'test-fraction must be a number between 0 and 1, got "1.5"']);
    expect(await issues(higgsCernUpload.prepare({ files: { file: cern }, fields: { "public-fraction": "0.2" }, seed: 1 }))).toEqual([
      "split-seed must be given for test-fraction or public-fraction",
    ]);
  });

  it("asks for a file the edge did not pass, by its name", async () => {
    expect(await issues(higgsKaggleUpload.prepare({ files: { training: cern }, fields: {}, seed: 1 }))).toEqual(["test attach this file"]);
  });
});

describe("the LHCO upload", () => {
  const header = "mjj_TeV,mj_min_TeV,delta_mj_TeV,tau21_jmin,tau21_jmax,label\n";
  it("names a bad control count and a corrupt gzip file", async () => {
    const file = bytes(`${header}3.5,0.1,0.4,0.3,0.2,0\n`);
    expect(await issues(lhcoUpload.prepare({ files: { train: file, test: file }, fields: { control: "many" }, seed: 1 }))).toEqual([
      'control must be a whole number, got "many"',
    ]);
    const corrupt = gzipSync(file).subarray(0, 20);
    expect(
      await issues(
        lhcoUpload.prepare({ files: { train: corrupt, test: file }, fileNames: { train: "train.csv.gz" }, fields: {}, seed: 1 }),
      ),
    ).toEqual([expect.stringMatching(/^train\.csv\.gz the gzip data is truncated or corrupt/)]);
  });
});
