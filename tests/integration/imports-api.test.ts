/** Organisers create challenges from real data files in the browser: POST /api/v1/imports. */
import { gzipSync } from "node:zlib";
import { beforeEach, expect, it, vi } from "vitest";

let sessionUserId: string | undefined;
vi.mock("@/auth", () => ({ auth: async () => (sessionUserId ? { user: { id: sessionUserId } } : null) }));

import * as imports from "@/app/api/v1/imports/route";
import { KIND_UPLOADS } from "@/challenges";
import { solutionCsv, testCsv, trainingCsv } from "@/challenges/higgs-tautau/csv";
import { simulateHiggs } from "@/challenges/higgs-tautau/simulator/simulate";
import { splitTestSet, trainTestSplit } from "@/challenges/higgs-tautau/split";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { listDatasetFiles } from "@/db/queries/datasets";
import { createUser } from "@/db/queries/users";
import { cernText, mixedSets } from "../unit/challenges/higgs-importer-files";
import { describeEachDatabase } from "./databases";

const DB_KEY = Symbol.for("collider-arena.db");
let n = 0;

/** An LHCO-format file (TeV, the real files' header) with `signal` signal events among `rows`. */
function lhco(rows: number, signal: number, seed: number): string {
  const lines = ["mjj_TeV,mj_min_TeV,delta_mj_TeV,tau21_jmin,tau21_jmax,label"];
  for (let i = 0; i < rows; i++) {
    const s = i < signal ? 1 : 0;
    const u = ((i * 7919 + seed) % 1000) / 1000;
    lines.push(
      `${(3.3 + 0.4 * u).toFixed(5)},${(0.05 + 0.1 * u).toFixed(5)},${(0.2 * u).toFixed(5)},${(0.3 + 0.5 * u).toFixed(4)},${(0.2 + 0.6 * u).toFixed(4)},${s}`,
    );
  }
  return lines.join("\n") + "\n";
}

const post = (fields: Record<string, string | Blob>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string") form.set(k, v);
    else form.set(k, v, `${k}.csv`);
  }
  return imports.POST(
    new Request("http://localhost/api/v1/imports", { method: "POST", body: form, headers: { Origin: "http://localhost" } }),
  );
};
const errorOf = async (res: Response) => ({
  status: res.status,
  ...((await res.json()) as { error: { code: string; message: string; line?: number } }).error,
});

describeEachDatabase("imports from the browser", (get) => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
  });

  it("creates LHCO, CERN and Kaggle-format challenges for an organiser, and nothing for anyone else", async () => {
    const { db } = get();
    const organiser = await createUser(db, { email: `imp${Date.now()}-${n++}@example.org`, name: "o", role: "organiser" });
    const competitor = await createUser(db, { email: `imp${Date.now()}-${n++}@example.org`, name: "c" });
    const slug = `lhco-${Date.now()}`;
    const lhcoFields = {
      kind: "lhco",
      slug,
      title: "LHCO practice",
      control: "1000",
      train: new Blob([gzipSync(lhco(1500, 10, 1))]),
      test: new Blob([lhco(400, 40, 2)]),
    };

    sessionUserId = competitor.id;
    expect(await errorOf(await post(lhcoFields))).toMatchObject({ status: 403, code: "forbidden" });
    sessionUserId = organiser.id;
    expect(await errorOf(await post({ ...lhcoFields, test: new Blob([lhco(5, 1, 3).replace(/\n3\.\d+,/, "\nabc,")]) }))).toMatchObject({
      status: 400,
      code: "bad_file",
      line: 2,
    });
    expect(await getChallengeBySlug(db, slug)).toBeUndefined();
    expect(await errorOf(await post({ ...lhcoFields, kind: "mystery" }))).toMatchObject({ status: 400, code: "bad_request" });

    const created = await post(lhcoFields);
    expect(created.status).toBe(201);
    const c = await getChallengeBySlug(db, slug);
    expect(c).toMatchObject({ kind: "anomaly-detection", createdBy: organiser.id, metricId: "eff-at-1e-3" });
    expect((await listDatasetFiles(db, c!.id)).map((f) => [f.filename, f.rows])).toEqual([
      ["train.csv", 490],
      ["test.csv", 1400],
      ["sample_submission.csv", 1400],
    ]);
    expect(await errorOf(await post(lhcoFields))).toMatchObject({ status: 409, code: "slug_taken" });

    const events = simulateHiggs({ seed: 9, nEvents: 400 });
    const higgsSlug = `cern-${Date.now()}`;
    const higgs = await post({
      kind: "higgs-cern",
      slug: higgsSlug,
      title: "HiggsML open data",
      file: new Blob([gzipSync(cernText(events, mixedSets(400)))]),
    });
    expect(higgs.status, JSON.stringify(await higgs.clone().json())).toBe(201);
    expect(await getChallengeBySlug(db, higgsSlug)).toMatchObject({ kind: "higgs-tautau", createdBy: organiser.id });

    // Kaggle's three files; a solution line with a bad label is reported with its file and line, nothing created.
    const { train, test } = trainTestSplit(simulateHiggs({ seed: 5, nEvents: 300 }), { seed: 5, testFraction: 0.5 });
    const split = splitTestSet(test, { seed: 5 });
    const kaggle = (solution: string) => ({
      kind: "higgs-kaggle",
      slug: `kaggle-${n}`,
      title: "Kaggle files",
      training: new Blob([[...trainingCsv(train)].join("")]),
      test: new Blob([[...testCsv(test)].join("")]),
      solution: new Blob([solution]),
    });
    const solution = [...solutionCsv(test, split.usage, split.weight)].join("");
    const bad = await errorOf(await post(kaggle(solution.replace(/,s,/, ",signal,"))));
    expect(bad).toMatchObject({ status: 400, code: "bad_file" });
    expect(bad.message).toMatch(/solution has 1 problem:\n {2}line \d+: Label "signal" is not s\/b/);
    expect(await getChallengeBySlug(db, `kaggle-${n}`)).toBeUndefined();
    expect((await post(kaggle(solution))).status).toBe(201);
  });

  it("reaches every kind's upload by its id, names the line of a bad file, and refuses an unknown id by listing the known ones", async () => {
    const { db } = get();
    const organiser = await createUser(db, { email: `imp${Date.now()}-${n++}@example.org`, name: "o", role: "organiser" });
    sessionUserId = organiser.id;
    const unknown = await errorOf(await post({ kind: "higgs", slug: `unknown-${n}`, title: "Unknown" }));
    expect(unknown).toMatchObject({ status: 400, code: "bad_request" });
    for (const { upload } of KIND_UPLOADS) expect(unknown.message).toContain(`"${upload.id}"`);

    expect(KIND_UPLOADS.length).toBeGreaterThanOrEqual(4);
    for (const { upload } of KIND_UPLOADS) {
      const slug = `bad-${upload.id}-${n++}`;
      const fields: Record<string, string | Blob> = { kind: upload.id, slug, title: "Bad header" };
      for (const f of upload.fields) if (f.options) fields[f.name] = f.options[0]!.value;
      for (const f of upload.files) fields[f.name] = new Blob(["not,the,header\n1,2,3\n"]);
      const bad = await errorOf(await post(fields));
      expect(bad, upload.id).toMatchObject({ status: 400, code: "bad_file", line: 1 });
      expect(
        upload.files.some((f) => bad.message.includes(`${f.name}.csv`)),
        `${upload.id}: ${bad.message}`,
      ).toBe(true);
      expect(await getChallengeBySlug(db, slug)).toBeUndefined();
    }
  });
});
