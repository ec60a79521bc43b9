/**
 * Tabular challenge bundles: a real-valued key (the di-τ mass), a multi-class key (which process) and an organiser's
 * binary key with weights and every Usage come back whole, score the same file identically, and keep every tabular
 * metric with its parameters; malformed tabular bundles are refused with file and line, and nothing is written.
 */
import { eq } from "drizzle-orm";
import { parse } from "yaml";
import { beforeAll, expect, it } from "vitest";
import type { BuiltInChallenge, GeneratedSolution } from "@/challenges/built-in";
import { massBuiltIn } from "@/challenges/tabular/higgs-mass";
import { processesBuiltIn } from "@/challenges/tabular/higgs-processes";
import { tabularMetricsFor } from "@/challenges/tabular/kind";
import { tabularDataset } from "@/challenges/tabular/upload";
import type { Db } from "@/db/client";
import { createChallengeWithDataset } from "@/lib/challenges/create-challenge";
import { challengeForBundle } from "@/db/queries/bundles";
import { challenges, type Challenge } from "@/db/schema";
import { exportBundle, importBundle, readBundle } from "@/lib/bundles";
import { validateMetricParams, type MetricParameter } from "@/scoring/metric-descriptor";
import { METRICS } from "@/scoring/registry";
import { USAGE } from "@/scoring/solution";
import {
  challengeBySlug,
  edited,
  entriesOf,
  expectBundleRejected,
  roundTrip,
  row,
  scoreOn,
  setRow,
  uniqueSlug,
  withManifest,
} from "./bundle-fixtures";
import { describeEachDatabase } from "./databases";

const DAY = 86_400_000;

/** A built-in's spec under a fresh slug, at 1% of its size (200 training and 200 test events). */
async function builtIn(db: Db, spec: BuiltInChallenge, seed: number): Promise<{ challenge: Challenge; generated: GeneratedSolution }> {
  const { generate, baselines: _baselines, ...meta } = spec;
  const data = generate(0.01, seed);
  const challenge = (await createChallengeWithDataset(db, { ...meta, slug: uniqueSlug(spec.slug) }, data)) as Challenge;
  return { challenge, generated: data.solution };
}

/** The test file's EventIds, from a bundle. */
const testIds = (zip: Uint8Array) => {
  const text = entriesOf(zip)["data/test.csv"]!;
  return text
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((line) => Number(line.slice(0, line.indexOf(","))));
};

/** Each column of a stored key in event-id order, as plain arrays (the export reads keys in that order). */
function inIdOrder(s: GeneratedSolution) {
  const order = Array.from(s.eventId.keys()).sort((a, b) => s.eventId[a]! - s.eventId[b]!);
  const pick = (a: ArrayLike<number> | undefined) => (a ? order.map((i) => a[i]!) : undefined);
  return { eventId: pick(s.eventId), label: pick(s.label), value: pick(s.value), weight: pick(s.weight), usage: pick(s.usage) };
}

/** A value of each parameter other than its default, inside its range. */
function otherThanDefault(p: MetricParameter): number {
  if (p.integer) return p.default + 1 <= p.max ? p.default + 1 : p.default - 1;
  return p.default < p.max ? p.default + (p.max - p.default) / 4 : p.default - (p.default - p.min) / 4;
}

// Twelve test events for the organiser's binary key: weights differ, and every Usage appears.
const ORGANISER_IDS = Array.from({ length: 12 }, (_, i) => 101 + i);
const ORGANISER_USAGE = ["Public", "Private", "Ignored", "Control"] as const;
const organiserKey =
  "EventId,Label,Weight,Usage\n" +
  ORGANISER_IDS.map((id, i) => `${id},${i % 3 === 0 ? 1 : 0},${0.25 * (i + 1)},${ORGANISER_USAGE[i % 4]}`).join("\n") +
  "\n";
const organiserX = (i: number) => ((i * 7) % 12) / 12;
// A quoted field with a comma before the EventId column: the test file's ids are read as CSV, not split on commas.
const organiserTest = "note,EventId,x\n" + ORGANISER_IDS.map((id, i) => `"event ${i}, as noted",${id},${organiserX(i)}`).join("\n") + "\n";

describeEachDatabase("tabular challenge bundles", (get) => {
  let mass: { challenge: Challenge; generated: GeneratedSolution };
  let processes: { challenge: Challenge; generated: GeneratedSolution };
  let binary: Challenge;
  let massZip: Uint8Array;
  let processesZip: Uint8Array;

  /** Imports a bundle under a fresh slug and returns the new challenge's id. */
  const roundTripOf = async (db: Db, zip: Uint8Array) => (await importBundle(db, await readBundle(zip), { slug: uniqueSlug("copy") })).id;

  beforeAll(async () => {
    const { db } = get();
    mass = await builtIn(db, massBuiltIn, 21);
    processes = await builtIn(db, processesBuiltIn, 22);
    const data = await tabularDataset({
      train: Buffer.from("x,y\n0.5,1\n0.1,0\n"),
      test: Buffer.from(organiserTest),
      solution: Buffer.from(organiserKey),
      target: "binary",
    });
    binary = (await createChallengeWithDataset(
      db,
      {
        slug: uniqueSlug("organiser"),
        kind: "tabular",
        title: "An organiser's binary key",
        summary: "Weights and every Usage",
        description: "# Binary\n",
        metricId: "rejection-at-eps-s",
        config: { metricParams: { epsS: 0.3 } },
        phases: () => [{ name: "Main", startsAt: new Date(Date.now() - DAY), endsAt: new Date(Date.now() + 30 * DAY) }],
      },
      data,
    )) as Challenge;
    massZip = await exportBundle(db, mass.challenge.id);
    processesZip = await exportBundle(db, processes.challenge.id);
  });

  it("round-trips the di-τ mass regression: the real key bit for bit, identical public and private scores", async () => {
    const { db } = get();
    const { zip, created } = await roundTrip(db, mass.challenge.id);
    const m = parse(entriesOf(zip)["challenge.yaml"]!);
    expect([m.kind, m.metric, m.dataset.target, m.dataset.manifest.target]).toEqual([
      "tabular",
      "mass-resolution",
      { type: "real" },
      { type: "real" },
    ]);
    expect(entriesOf(zip)["solution.csv"]!.split("\n")[0]).toBe("EventId,Label,Weight,Usage");
    // The generator's values, not only what the export read back.
    expect(inIdOrder((await challengeForBundle(db, created.id))!.solution)).toEqual(inIdOrder(mass.generated));
    const csv =
      "EventId,prediction\n" +
      testIds(zip)
        .map((id) => `${id},${80 + (id % 61)}`)
        .join("\n") +
      "\n";
    const before = await scoreOn(db, mass.challenge, csv);
    expect(await scoreOn(db, await challengeBySlug(db, created.slug), csv)).toEqual(before);
    expect(before.pub).toBeGreaterThan(0);
    expect(before.priv).toBeGreaterThan(0);
  });

  it("round-trips the process identification: the multi-class key with its class names, identical scores", async () => {
    const { db } = get();
    const { zip, created } = await roundTrip(db, processes.challenge.id);
    const classes = ["ggH", "VBF", "VH", "Ztautau", "ttbar", "Wjets"];
    expect(parse(entriesOf(zip)["challenge.yaml"]!).dataset.target).toEqual({ type: "multiclass", classes });
    const [header, first] = entriesOf(zip)["solution.csv"]!.split("\n");
    expect(header).toBe("EventId,Class,Weight,Usage");
    expect(classes).toContain(first!.split(",")[1]);
    expect(inIdOrder((await challengeForBundle(db, created.id))!.solution)).toEqual(inIdOrder(processes.generated));
    // Probabilities 1..3 out of their sum, varying with the id: a log-loss that differs per event.
    const probabilities = (id: number) => {
      const raw = classes.map((_, c) => 1 + ((id + c) % 3));
      const sum = raw.reduce((a, b) => a + b, 0);
      return raw.map((r) => r / sum).join(",");
    };
    const csv =
      `EventId,${classes.join(",")}\n` +
      testIds(zip)
        .map((id) => `${id},${probabilities(id)}`)
        .join("\n") +
      "\n";
    const before = await scoreOn(db, processes.challenge, csv);
    expect(await scoreOn(db, await challengeBySlug(db, created.slug), csv)).toEqual(before);
    expect(before.pub).toBeGreaterThan(0);
  });

  it("round-trips an organiser's binary key with weights and Usage Ignored, Public, Private and Control, and its metric's parameter", async () => {
    const { db } = get();
    const { zip, created } = await roundTrip(db, binary.id);
    const m = parse(entriesOf(zip)["challenge.yaml"]!);
    expect([m.metric, m.config, m.dataset.target]).toEqual(["rejection-at-eps-s", { metricParams: { epsS: 0.3 } }, { type: "binary" }]);
    expect(entriesOf(zip)["solution.csv"]).toBe(organiserKey);
    const key = (await challengeForBundle(db, created.id))!.solution;
    expect(Array.from(key.usage)).toEqual(ORGANISER_IDS.map((_, i) => USAGE[ORGANISER_USAGE[i % 4]!]));
    expect(Array.from(key.weight)).toEqual(ORGANISER_IDS.map((_, i) => 0.25 * (i + 1)));
    const csv = "EventId,score\n" + ORGANISER_IDS.map((id, i) => `${id},${organiserX(i)}`).join("\n") + "\n";
    const before = await scoreOn(db, binary, csv);
    expect(await scoreOn(db, await challengeBySlug(db, created.slug), csv)).toEqual(before);
    expect(before.pub).toBeGreaterThan(0);
  });

  it("reads a binary bundle without dataset.target (bundles before targets) as binary", async () => {
    const { db } = get();
    const zip = withManifest(await exportBundle(db, binary.id), (m) => delete m.dataset.target);
    const copy = await roundTripOf(db, zip);
    expect((await challengeForBundle(db, copy))!.solution.target).toEqual({ type: "binary" });
  });

  it("keeps every tabular metric and its parameters (each set away from its default) through export and import", async () => {
    const { db } = get();
    const seen: string[] = [];
    for (const [challenge, target] of [
      [mass.challenge, "real"],
      [processes.challenge, "multiclass"],
      [binary, "binary"],
    ] as const) {
      const original = (await challengeBySlug(db, challenge.slug)).config;
      try {
        for (const metricId of tabularMetricsFor(target)) {
          const metricParams = Object.fromEntries(METRICS[metricId].params.map((p) => [p.id, otherThanDefault(p)]));
          expect(validateMetricParams(METRICS[metricId], metricParams)).toEqual(metricParams);
          await db
            .update(challenges)
            .set({ metricId, config: { ...original, metricParams } })
            .where(eq(challenges.id, challenge.id));
          const { zip } = await roundTrip(db, challenge.id);
          expect(parse(entriesOf(zip)["challenge.yaml"]!)).toMatchObject({ metric: metricId, config: { metricParams } });
          seen.push(
            `${target}:${metricId}${Object.keys(metricParams).length ? `(${Object.entries(metricParams).map(([k, v]) => `${k}=${v}`)})` : ""}`,
          );
        }
      } finally {
        await db.update(challenges).set({ metricId: challenge.metricId, config: original }).where(eq(challenges.id, challenge.id));
      }
    }
    console.log(`round-tripped ${seen.length} metric choices: ${seen.join(", ")}`);
    expect(seen.length).toBeGreaterThanOrEqual(12);
  });

  const expectRejected = (zip: Uint8Array, issues: (string | RegExp)[]) => expectBundleRejected(get().db, zip, issues);

  it("refuses a metric that cannot score the key's target type", async () => {
    await expectRejected(
      withManifest(massZip, (m) => (m.metric = "log-loss")),
      ["challenge.yaml: metric: log-loss scores binary or multiclass targets, and dataset.target is real"],
    );
    await expectRejected(
      withManifest(processesZip, (m) => (m.metric = "auc")),
      ["challenge.yaml: metric: auc scores binary targets, and dataset.target is multiclass"],
    );
  });

  it("refuses a key whose rows are not of the declared target, with each line", async () => {
    const zip = withManifest(massZip, (m) => {
      m.dataset.target = m.dataset.manifest.target = { type: "multiclass", classes: ["H", "Z"] };
      m.metric = "accuracy";
    });
    const lines = Array.from(
      { length: 20 },
      (_, k) => new RegExp(`^solution\\.csv: line ${k + 2}: Label "[0-9.]+" is not one of the classes H, Z$`),
    );
    await expectRejected(zip, [...lines, "solution.csv: and 180 more problems"]);
  });

  it("refuses a bad row in a real key and an unknown class in a multi-class key, with file and line", async () => {
    const real = edited(
      massZip,
      (x) => (x["solution.csv"] = setRow(x["solution.csv"]!, 3, [row(x["solution.csv"]!, 3)[0]!, "heavy", "1", "Private"])),
    );
    await expectRejected(real, ['solution.csv: line 3: Label "heavy" is not a finite number']);
    const classes = edited(
      processesZip,
      (x) => (x["solution.csv"] = setRow(x["solution.csv"]!, 2, [row(x["solution.csv"]!, 2)[0]!, "Hbb", "1", "Public"])),
    );
    await expectRejected(classes, ['solution.csv: line 2: Class "Hbb" is not one of the classes ggH, VBF, VH, Ztautau, ttbar, Wjets']);
  });

  it("refuses a missing answer key or test file", async () => {
    await expectRejected(
      edited(massZip, (x) => delete x["solution.csv"]),
      ["solution.csv: is missing (the answer key; a detector-design bundle has only its header)"],
    );
    await expectRejected(
      edited(processesZip, (x) => delete x["data/test.csv"]),
      ["data/test.csv: listed in challenge.yaml but missing from the zip"],
    );
  });

  it("refuses metric parameters out of range or unknown, a target that cannot be, and a stored target that contradicts it", async () => {
    const { db } = get();
    const binaryZip = await exportBundle(db, binary.id);
    await expectRejected(
      withManifest(binaryZip, (m) => (m.config.metricParams.epsS = 2)),
      ["challenge.yaml: config.metricParams: Signal efficiency ε_S (epsS) must be a number with 0.001 ≤ epsS ≤ 1, got 2"],
    );
    await expectRejected(
      withManifest(binaryZip, (m) => (m.config.metricParams = { epsB: 0.1 })),
      ['challenge.yaml: config.metricParams: metric rejection-at-eps-s has no parameter "epsB" (its parameters: epsS)'],
    );
    await expectRejected(
      withManifest(processesZip, (m) => (m.dataset.target.classes = ["ggH"])),
      [/^challenge\.yaml: dataset\.target\.classes: Too small: expected array to have >=2 items$/],
    );
    await expectRejected(
      withManifest(massZip, (m) => (m.dataset.target = { type: "ordinal" })),
      [/^challenge\.yaml: dataset\.target\.type: /],
    );
    await expectRejected(
      withManifest(massZip, (m) => (m.dataset.manifest.target = { type: "binary" })),
      ['challenge.yaml: dataset.manifest.target: {"type":"binary"} differs from dataset.target {"type":"real"}'],
    );
  });
});
