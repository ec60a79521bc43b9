import { gunzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { PRIVATE_TRACKS, PUBLIC_SEED, PUBLIC_TRACKS, privateSeedOf, scoreDesign, parseDesign } from "@/challenges/detector-design";
import { seedBuiltInChallenges } from "@/lib/challenges/seed-built-ins";
import { currentDataset, listDatasetFiles, getDatasetFile } from "@/db/queries/datasets";
import { benchmarkRows } from "@/db/queries/leaderboard";
import { createSubmission, getPrivateScore, getSubmissionWithPublicScore } from "@/db/queries/submissions";
import { challenges, submissions } from "@/db/schema";
import { ApiError } from "@/lib/api-error";
import { postBuiltInBaselines } from "@/lib/built-in-baselines";
import { runScoringJob } from "@/lib/jobs/score-submission";
import { prepareDesignUpload } from "@/lib/uploads";
import { describeEachDatabase } from "./databases";
import { makeUserWithTeam } from "./fixtures";

const STAGGERED = '{"schema":"straw-tracker/v1","y":[1,2,3],"z":[2,4,6]}';

describeEachDatabase("built-in detector-design challenge", (get) => {
  it("is created with example designs, a secret private seed and two scored optimiser benchmarks", async () => {
    const { db } = get();
    const created = await seedBuiltInChallenges(db, 0.002);
    const detector = created.find((c) => c.spec.slug === "straw-tracker");
    expect(detector).toBeDefined();
    await postBuiltInBaselines(db, created, 0);
    const files = await listDatasetFiles(db, detector!.id);
    expect(files.map((f) => f.filename)).toEqual(["example-v1.json", "example-v1.csv", "example-v2.json"]);
    for (const f of files) {
      // Every example is a valid design.
      const text = gunzipSync((await getDatasetFile(db, detector!.id, f.filename))!.gzipContent).toString("utf8");
      expect(() => parseDesign(text)).not.toThrow();
    }
    const secrets = (await currentDataset(db, detector!.id))!.secrets;
    // A fresh 256-bit key, as 64 hex digits (never an integer someone could search for).
    expect(secrets.privateSeed).toMatch(/^[0-9a-f]{64}$/);
    expect(privateSeedOf(secrets)).toHaveLength(32);
    const benchmarks = await benchmarkRows(db, { challengeId: detector!.id, higherIsBetter: true });
    expect(benchmarks.map((b) => b.name).sort()).toEqual(["Bayesian optimisation (100 designs)", "Random search (1,000 designs)"]);
    for (const b of benchmarks) {
      // The leaderboard score is the re-scored public score of the posted design, which the optimiser saw too.
      expect(b.score).toBeCloseTo(b.modelCard.bestPublicScore as number, 12);
      expect((b.modelCard.curve as number[]).length).toBe(b.modelCard.evaluations);
    }
    // Seeds the built-in challenges and starts a scoring thread: 60 s ran out with the 2 shared cores loaded ~20.
  }, 120_000);

  it("scores a design on the public seed and, privately, on the secret seed's million tracks", async () => {
    const { db } = get();
    const [c] = await db.select().from(challenges).where(eq(challenges.slug, "straw-tracker"));
    const { user, team } = await makeUserWithTeam(db, c!.id);
    const upload = prepareDesignUpload(Buffer.from(STAGGERED));
    const sub = await createSubmission(db, {
      challengeId: c!.id,
      teamId: team.id,
      userId: user.id,
      dailyLimit: 5,
      filename: "d.json",
      description: "",
      ...upload,
    });
    expect(await runScoringJob(db, sub.id, { bootstrap: 0 })).toBe("scored");
    const design = parseDesign(STAGGERED);
    const row = await getSubmissionWithPublicScore(db, sub.id);
    const expected = scoreDesign(design, { seed: PUBLIC_SEED, tracks: PUBLIC_TRACKS });
    expect(row!.publicScore).toBe(expected.primary);
    expect(row!.publicStd).toBe(expected.std);
    expect(row!.publicDetails).toMatchObject({
      efficiency: expected.efficiency,
      tracks: PUBLIC_TRACKS,
      seed: PUBLIC_SEED,
      designHash: expected.designHash,
    });
    const privateSeed = privateSeedOf((await currentDataset(db, c!.id))!.secrets) as Uint8Array;
    const priv = await getPrivateScore(db, sub.id);
    expect(priv!.score).toBe(scoreDesign(design, { seed: privateSeed, tracks: PRIVATE_TRACKS }).primary);
    // The key itself is never part of a score's details (they are shown after the reveal).
    expect(priv!.details).toMatchObject({ tracks: PRIVATE_TRACKS, seed: "secret key" });
    expect(JSON.stringify(priv!.details)).not.toContain((await currentDataset(db, c!.id))!.secrets.privateSeed as string);
  });

  it("rejects bad designs at upload with every problem, so nothing is stored or queued", async () => {
    const { db } = get();
    const before = (await db.select({ id: submissions.id }).from(submissions)).length;
    const cases: [string, RegExp][] = [
      ["{not json", /JSON/i],
      ['{"schema":"straw-tracker/v1","y":[0,0,"NaN"],"z":[2,4,6]}', /y/],
      ['{"schema":"straw-tracker/v2","layers":[{"z":0,"y":0,"pitch":4,"radius":-1},{"z":5,"y":0,"pitch":4,"radius":1}]}', /radius/],
      [
        JSON.stringify({
          schema: "straw-tracker/v2",
          layers: Array.from({ length: 10_000 }, (_, i) => ({ z: i, y: 0, pitch: 4, radius: 1 })),
        }),
        /layers/,
      ],
      ["R,pitch,y1,y2,y3,z1,z2,z3\n1,4,0,0,0,2,4,6\n1,4,1,1,1,2,4,6\n", /row/i],
      ["", /empty/],
    ];
    for (const [text, message] of cases) {
      let caught: unknown;
      try {
        prepareDesignUpload(Buffer.from(text));
      } catch (err) {
        caught = err;
      }
      expect(caught, text.slice(0, 40)).toBeInstanceOf(ApiError);
      expect((caught as ApiError).status).toBe(400);
      expect((caught as ApiError).message).toMatch(message);
    }
    expect((await db.select({ id: submissions.id }).from(submissions)).length).toBe(before);
  });
});
