/** Challenge bundles (lib/bundles): round trips of each kind, every rejected bundle, and the CLI. */
import { gunzipSync, gzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { strToU8, unzipSync } from "fflate";
import { parse } from "yaml";
import { beforeAll, expect, it } from "vitest";
import type { AnomalyDataset } from "@/challenges/anomaly-detection";
import { anomalyBuiltIn } from "@/challenges/anomaly-detection/built-in";
import type { GeneratedSolution } from "@/challenges/built-in";
import { detectorBuiltIn } from "@/challenges/detector-design/built-in";
import { generateHiggsDataset } from "@/challenges/higgs-tautau/built-in";
import { keyToHex } from "@/challenges/shared/random";
import { createChallengeWithDataset, freshDataKey } from "@/lib/challenges/create-challenge";
import { challengeForBundle } from "@/db/queries/bundles";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { currentDataset, getDatasetFile } from "@/db/queries/datasets";
import { datasetFiles, type Challenge } from "@/db/schema";
import { BundleError, exportBundle, importBundle, readBundle } from "@/lib/bundles";
import {
  challengeBySlug,
  edited,
  entriesOf,
  expectBundleRejected,
  higgsSpec,
  roundTrip,
  row,
  rowCounts,
  scoreOn,
  setRow,
  uniqueSlug,
  withManifest,
  zipOf,
} from "./bundle-fixtures";
import { describeEachDatabase } from "./databases";
import { goodCsv } from "./queue-fixtures";

describeEachDatabase("challenge bundles", (get) => {
  let higgs: Challenge;
  let higgsZip: Uint8Array;
  let ids: number[];
  let generated: GeneratedSolution;

  beforeAll(async () => {
    const data = generateHiggsDataset({ seed: 11, trainEvents: 50, testEvents: 300 });
    generated = data.solution;
    ids = Array.from(data.solution.eventId);
    higgs = (await createChallengeWithDataset(get().db, higgsSpec(uniqueSlug("higgs")), data)) as Challenge;
    higgsZip = await exportBundle(get().db, higgs.id);
  });

  it("round-trips a Higgs challenge: same settings, phases, files and answer key, identical scores", async () => {
    const { db } = get();
    const csv = goodCsv(ids);
    const before = await scoreOn(db, higgs, csv);
    const { zip, created } = await roundTrip(db, higgs.id);
    expect(Object.keys(unzipSync(zip)).sort()).toEqual(
      ["challenge.yaml", "data/sample_submission.csv", "data/test.csv", "data/training.csv", "description.md", "solution.csv"].sort(),
    );
    const after = await scoreOn(db, await challengeBySlug(db, created.slug), csv);
    expect(after).toEqual(before);
    expect(before.pub).toBeGreaterThan(0);
    // Bit for bit the generator's answer key, not only the same as what the export read back.
    const order = Array.from(generated.eventId.keys()).sort((a, b) => generated.eventId[a]! - generated.eventId[b]!);
    const inOrder = <T extends Int32Array | Uint8Array | Float64Array>(a: T) => order.map((i) => a[i]!);
    const key = (await challengeForBundle(db, created.id))!.solution;
    expect([key.eventId, key.label, key.weight, key.usage].map((a) => Array.from(a))).toEqual(
      [generated.eventId, generated.label, generated.weight, generated.usage].map(inOrder),
    );
    // The manifest is readable YAML with the settings in plain sight.
    const m = parse(entriesOf(zip)["challenge.yaml"]!);
    expect(m).toMatchObject({
      format: "collider-arena-bundle/1",
      metric: "ams",
      publicFraction: 0.25,
      limits: { dailySubmissionLimit: 7, maxTeamSize: 3, finalSelections: 1 },
    });
    expect(m.phases.map((p: { name: string }) => p.name)).toEqual(["Warm-up", "Final"]);
  });

  it("ships each stored gzip's deflate stream as it is, recompresses another layout and refuses a damaged file", async () => {
    const { db } = get();
    const stored = await getDatasetFile(db, higgs.id, "test.csv");
    const sizes: Record<string, number> = {};
    unzipSync(higgsZip, { filter: (f) => ((sizes[f.name] = f.size), false) });
    // A gzip member made by node: a 10-byte header and an 8-byte trailer around the deflate stream.
    expect(sizes["data/test.csv"]).toBe(stored!.gzipContent.byteLength - 18);
    const text = gunzipSync(stored!.gzipContent);
    const half = text.byteLength >> 1;
    const setStored = (gz: Buffer) => db.update(datasetFiles).set({ gzipContent: gz }).where(eq(datasetFiles.id, stored!.id));
    try {
      await setStored(Buffer.concat([gzipSync(text.subarray(0, half)), gzipSync(text.subarray(half))]));
      expect(await readBundle(await exportBundle(db, higgs.id))).toEqual(await readBundle(higgsZip));
      await setStored(gzipSync(Buffer.concat([text, Buffer.from("1,2\n")])));
      await expect(exportBundle(db, higgs.id)).rejects.toThrow(
        `the stored file data/test.csv does not match its SHA-256 ${stored!.sha256}`,
      );
    } finally {
      await setStored(Buffer.from(stored!.gzipContent));
    }
  });

  it("round-trips a detector-design challenge with its private key (or a typed private seed)", async () => {
    const { db } = get();
    const { generate: _generate, baselines: _baselines, ...meta } = detectorBuiltIn;
    const key = freshDataKey();
    const keyed = await createChallengeWithDataset(db, { ...meta, slug: uniqueSlug("straw") }, detectorBuiltIn.generate(1, key));
    const keyedCopy = (await roundTrip(db, keyed.id)).created;
    expect((await currentDataset(db, keyedCopy.id))!.secrets).toEqual({ privateSeed: keyToHex(key) });
    const original = await createChallengeWithDataset(db, { ...meta, slug: uniqueSlug("straw") }, detectorBuiltIn.generate(1, 12345));
    const { zip, created } = await roundTrip(db, original.id);
    expect((await currentDataset(db, created.id))!.secrets).toEqual({ privateSeed: 12345 });
    expect(entriesOf(zip)["solution.csv"]).toBe("EventId,Label,Weight,Usage\n");
  });

  it("round-trips an anomaly challenge: control rows keep their m_JJ, scores are identical", async () => {
    const { db } = get();
    const { generate: _generate, ...meta } = anomalyBuiltIn;
    const data = anomalyBuiltIn.generate(0.01, 7) as AnomalyDataset;
    const original = await createChallengeWithDataset(db, { ...meta, slug: uniqueSlug("anomaly") }, data);
    const { zip, created } = await roundTrip(db, original.id);
    const solution = (await challengeForBundle(db, created.id))!.solution;
    // Ids are consecutive in file order, so the control events' m_JJ come back in the generator's order.
    expect(Array.from(solution.eventId.filter((_, i) => solution.usage[i] === 3))).toEqual(Array.from(data.control.eventId));
    expect(Array.from(solution.aux!.filter(Number.isFinite))).toEqual(Array.from(data.control.mjj));
    expect(data.control.mjj.length).toBe(10_000);
    // Lines: a Public or Private row has an empty Aux, a Control row its m_JJ.
    expect(entriesOf(zip)["solution.csv"]).toMatch(/^EventId,Label,Weight,Usage,Aux\n1000000,[01],1,(Public|Private|Control),/);
    const [header, ...rows] = entriesOf(zip)["data/test.csv"]!.trimEnd().split("\n");
    const tau = [header!.split(",").indexOf("tau21_1"), header!.split(",").indexOf("tau21_2")];
    const csv =
      ["EventId,score", ...rows.map((r) => r.split(",")).map((f) => `${f[0]},${2 - Number(f[tau[0]!]) - Number(f[tau[1]!])}`)].join("\n") +
      "\n";
    const copy = await challengeBySlug(db, created.slug);
    expect(await scoreOn(db, copy, csv)).toEqual(await scoreOn(db, await challengeBySlug(db, original.slug), csv));
  });

  const expectRejected = (zip: Uint8Array, issues: (string | RegExp)[], opts?: { slug?: string }) =>
    expectBundleRejected(get().db, zip, issues, opts);

  it("rejects bytes that are not a zip", async () => {
    await expectRejected(strToU8("EventId,Label\n1,1\n"), [/^not a zip archive \(/]);
  });

  it("reads a zip of the bundle's folder as the bundle, and stops a zip bomb", async () => {
    const inFolder = Object.fromEntries(Object.entries(entriesOf(higgsZip)).map(([k, v]) => [`my-bundle/${k}`, v]));
    expect(await readBundle(zipOf(inFolder))).toEqual(await readBundle(higgsZip));
    await expect(readBundle(higgsZip, { maxUnzippedBytes: 10_000 })).rejects.toThrow("the unzipped bundle would exceed 10000 bytes");
  });

  it("rejects a zip without challenge.yaml", async () => {
    await expectRejected(
      edited(higgsZip, (e) => delete e["challenge.yaml"]),
      ["challenge.yaml is missing (a bundle has it at the top level of the zip)"],
    );
  });

  it("reports a YAML syntax error with its line", async () => {
    const zip = edited(higgsZip, (e) => (e["challenge.yaml"] = e["challenge.yaml"]!.replace(/^title: .*$/m, "title: [unclosed")));
    const yaml = entriesOf(zip)["challenge.yaml"]!;
    const line = yaml.split("\n").findIndex((l) => l.startsWith("title:")) + 1;
    await expectRejected(zip, [new RegExp(`^challenge\\.yaml: YAML syntax error at line ${line + 1}, column 1: `)]);
  });

  it("rejects an unknown format version", async () => {
    await expectRejected(
      withManifest(higgsZip, (m) => (m.format = "collider-arena-bundle/2")),
      ['challenge.yaml: format: unknown bundle format "collider-arena-bundle/2" (this version reads collider-arena-bundle/1)'],
    );
  });

  it("reports missing and unknown fields together", async () => {
    const zip = withManifest(higgsZip, (m) => {
      delete m.title;
      delete m.limits.maxTeamSize;
      m.colour = "red";
    });
    await expectRejected(zip, [
      "challenge.yaml: title: is missing",
      "challenge.yaml: limits.maxTeamSize: is missing",
      'challenge.yaml: unknown field "colour"',
    ]);
  });

  it("rejects an unknown metric id", async () => {
    await expectRejected(
      withManifest(higgsZip, (m) => (m.metric = "f2")),
      [/^challenge\.yaml: metric: unknown metric "f2" \(known: ams, auc, .*design-score\)$/],
    );
  });

  it("rejects a metric that cannot score the kind", async () => {
    await expectRejected(
      withManifest(higgsZip, (m) => (m.metric = "design-score")),
      ["challenge.yaml: metric: design-score cannot score a higgs-tautau challenge (use ams)"],
    );
  });

  it("rejects a phase that ends before it starts", async () => {
    const zip = withManifest(higgsZip, (m) => (m.phases[1].end = "2020-01-01T00:00:00Z"));
    await expectRejected(zip, ["challenge.yaml: phases.1.end: ends before it starts (end must be after start)"]);
  });

  it("rejects a listed file missing from the zip", async () => {
    // The test file is gone, so the solution's ids cannot be checked against it either: one problem, not two.
    await expectRejected(
      edited(higgsZip, (e) => delete e["data/test.csv"]),
      ["data/test.csv: listed in challenge.yaml but missing from the zip"],
    );
  });

  it("rejects a file whose checksum does not match", async () => {
    const sha = parse(entriesOf(higgsZip)["challenge.yaml"]!).dataset.files[0].sha256 as string;
    const zip = edited(higgsZip, (e) => (e["data/training.csv"] = e["data/training.csv"]!.replace(/,s\n/, ",b\n")));
    await expectRejected(zip, [
      new RegExp(`^data/training\\.csv: SHA-256 is [0-9a-f]{64}, challenge\\.yaml says ${sha} \\(the file was changed or damaged\\)$`),
    ]);
  });

  it("rejects a row count that does not match", async () => {
    await expectRejected(
      withManifest(higgsZip, (m) => (m.dataset.files[0].rows = 51)),
      ["data/training.csv: has 50 rows, challenge.yaml says 51"],
    );
  });

  it("rejects a solution whose ids do not match test.csv's", async () => {
    const e = entriesOf(higgsZip);
    const moved = row(e["solution.csv"]!, 2)[0]!;
    const testLine = e["data/test.csv"]!.split("\n").findIndex((l) => l.startsWith(`${moved},`)) + 1;
    const zip = edited(
      higgsZip,
      (x) => (x["solution.csv"] = setRow(x["solution.csv"]!, 2, ["999999999", ...row(x["solution.csv"]!, 2).slice(1)])),
    );
    await expectRejected(zip, [
      `data/test.csv: line ${testLine}: EventId "${moved}" has no row in solution.csv`,
      'solution.csv: line 2: EventId "999999999" is not in data/test.csv',
    ]);
  });

  it("rejects duplicate ids", async () => {
    const e = entriesOf(higgsZip);
    const first = row(e["solution.csv"]!, 2)[0]!;
    const zip = edited(
      higgsZip,
      (x) => (x["solution.csv"] = setRow(x["solution.csv"]!, 3, [first, ...row(x["solution.csv"]!, 3).slice(1)])),
    );
    await expectRejected(zip, [`solution.csv: line 3: EventId "${first}" appears again (first at line 2)`]);
  });

  it("rejects bad labels, weights and usage, with every problem", async () => {
    const zip = edited(higgsZip, (x) => {
      const id = (n: number) => row(x["solution.csv"]!, n)[0]!;
      x["solution.csv"] = setRow(setRow(x["solution.csv"]!, 2, [id(2), "x", "1", "Public"]), 4, [id(4), "1", "-2", "Secret"]);
    });
    await expectRejected(zip, [
      'solution.csv: line 2: Label "x" is not s/b or 1/0',
      'solution.csv: line 4: Weight "-2" is not a positive finite number',
      'solution.csv: line 4: Usage "Secret" is not one of Ignored, Public, Private, Control',
    ]);
  });

  it("keeps the first 20 problems of a part and counts the rest", async () => {
    const zip = edited(higgsZip, (x) => (x["solution.csv"] = x["solution.csv"]!.replace(/^(\d+),[01],/gm, "$1,x,")));
    const lines = Array.from({ length: 20 }, (_, k) => `solution.csv: line ${k + 2}: Label "x" is not s/b or 1/0`);
    await expectRejected(zip, [...lines, "solution.csv: and 280 more problems"]);
  });

  it("reports problems of several parts at once", async () => {
    const zip = edited(
      withManifest(higgsZip, (m) => (m.metric = "auc")),
      (x) => {
        x["solution.csv"] = setRow(
          x["solution.csv"]!,
          2,
          row(x["solution.csv"]!, 2).map((f, k) => (k === 1 ? "x" : f)),
        );
      },
    );
    await expectRejected(zip, [
      "challenge.yaml: metric: auc cannot score a higgs-tautau challenge (use ams)",
      'solution.csv: line 2: Label "x" is not s/b or 1/0',
    ]);
  });

  it("rejects a detector-design bundle without secrets.privateSeed", async () => {
    const { db } = get();
    const { generate: _generate, baselines: _baselines, ...meta } = detectorBuiltIn;
    const straw = await createChallengeWithDataset(db, { ...meta, slug: uniqueSlug("straw") }, detectorBuiltIn.generate(1, 99));
    const zip = withManifest(await exportBundle(db, straw.id), (m) => (m.secrets = {}));
    await expectRejected(zip, [
      "challenge.yaml: secrets.privateSeed: a detector-design bundle needs its private leaderboard's seed, expected a 64-hex-digit key (or a non-negative integer other than the public seed)",
    ]);
  });

  it("refuses a slug that is taken, and writes nothing", async () => {
    await expectRejected(higgsZip, [`slug: a challenge with the slug "${higgs.slug}" already exists (import it under another slug)`]);
  });

  it("lets one of two simultaneous imports under one slug win; the other gets the slug message", async () => {
    const { db } = get();
    const slug = uniqueSlug("race");
    const bundle = await readBundle(higgsZip);
    const results = await Promise.allSettled([importBundle(db, bundle, { slug }), importBundle(db, bundle, { slug })]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!.reason as BundleError;
    expect(failure.issues).toEqual([`slug: a challenge with the slug "${slug}" already exists (import it under another slug)`]);
  });

  it("leaves nothing half-created when the transaction fails part-way", async () => {
    const { db } = get();
    // PostgreSQL text cannot hold NUL: the dataset_file insert fails after the challenge, phase and dataset rows.
    const bundle = await readBundle(higgsZip);
    bundle.files[1]!.description = "bad\u0000description";
    const before = await rowCounts(db);
    const slug = uniqueSlug("half");
    await expect(importBundle(db, bundle, { slug })).rejects.toThrow(/insert into "dataset_file"/);
    expect(await rowCounts(db)).toEqual(before);
    expect(await getChallengeBySlug(db, slug)).toBeUndefined();
  });
});
