import { eq, and, isNotNull } from "drizzle-orm";
import type PgBoss from "pg-boss";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@/auth", () => ({ auth: async () => null }));

import * as subs from "@/app/api/v1/challenges/[slug]/submissions/route";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { openDb, type Db, type DbHandle } from "@/db/client";
import * as schema from "@/db/schema";
import { createApiToken } from "@/db/queries/api-tokens";
import { createUser } from "@/db/queries/users";
import { challenges, submissions, type Challenge } from "@/db/schema";
import { invalidateChallenge } from "@/lib/challenge-access";
import { setBoss } from "@/lib/jobs/shared-queue";
import { IdempotencyKeyReuseError, storeSubmission } from "@/db/queries/submissions";
import { ensureTeam } from "@/db/queries/teams";
import { createScratchDatabase, describeEachDatabase } from "./databases";
import { makeUserWithTeam, tinyUpload } from "./fixtures";
import { goodCsv, makeHiggsChallenge } from "./queue-fixtures";

const DB_KEY = Symbol.for("collider-arena.db");
const useDb = (handle: DbHandle) => ((globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(handle));

/** The routes' queue: records what they enqueue, or fails like an unreachable database when `queueDown`. */
const enqueued: number[] = [];
let queueDown = false;
beforeAll(() => {
  setBoss({
    send: async (_q: string, data: { submissionId: number }) => {
      if (queueDown) throw new Error("Connection terminated unexpectedly");
      enqueued.push(data.submissionId);
      return "job";
    },
  } as unknown as PgBoss);
});

type Sub = { id: number; status: string };

describeEachDatabase("uploads with an Idempotency-Key", (get) => {
  let challenge: Challenge;
  let ids: number[];
  const user = async () => {
    const u = await createUser(get().db, { email: `idem-${Date.now()}-${Math.random()}@example.org`, name: "idem" });
    return { id: u.id, token: (await createApiToken(get().db, u.id, "script")).token };
  };
  const post = (token: string, key: string | undefined, csv = goodCsv(ids)) =>
    subs.POST(
      new Request(`http://localhost/api/v1/challenges/${challenge.slug}/submissions`, {
        method: "POST",
        body: csv,
        headers: {
          Authorization: `Bearer ${token}`,
          "Content-Type": "text/csv",
          "X-Filename": "p.csv",
          ...(key ? { "Idempotency-Key": key } : {}),
        },
      }),
      { params: Promise.resolve({ slug: challenge.slug }) },
    );
  const rowsOf = (userId: string) =>
    get()
      .db.select({ id: submissions.id, key: submissions.idempotencyKey })
      .from(submissions)
      .where(and(eq(submissions.userId, userId), eq(submissions.challengeId, challenge.id)));

  beforeAll(async () => {
    useDb(get());
    ({ challenge, ids } = await makeHiggsChallenge(get().db));
    await get().db.update(challenges).set({ dailySubmissionLimit: 2 }).where(eq(challenges.id, challenge.id));
    invalidateChallenge(challenge.slug);
  });
  beforeEach(() => {
    useDb(get());
    queueDown = false;
    enqueued.length = 0;
  });

  it("answers a repeat with the first submission, marked replayed, and stores one", async () => {
    const alice = await user();
    const first = await post(alice.token, "key-1");
    expect([first.status, first.headers.get("idempotent-replayed")]).toEqual([201, null]);
    const { submission } = (await first.json()) as { submission: Sub };
    const again = await post(alice.token, "key-1");
    expect([again.status, again.headers.get("idempotent-replayed"), again.headers.get("location")]).toEqual([
      201,
      "true",
      first.headers.get("location"),
    ]);
    expect(((await again.json()) as { submission: Sub }).submission).toMatchObject({ id: submission.id, status: "queued" });
    expect(await rowsOf(alice.id)).toEqual([{ id: submission.id, key: "key-1" }]);
  });

  it("makes one submission of parallel repeats", async () => {
    const bob = await user();
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(bob.token, "same-key")));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const got = await Promise.all(answers.map(async (r) => ((await r.json()) as { submission: Sub }).submission.id));
    expect(new Set(got).size).toBe(1);
    expect(answers.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(5);
    expect(await rowsOf(bob.id)).toHaveLength(1);
  });

  it("does not burn the daily limit: a repeat at the limit still answers 201, a new upload 409", async () => {
    const carol = await user();
    const a = await post(carol.token, "a");
    expect((await post(carol.token, "b")).status).toBe(201); // the limit of 2 is now used up
    const repeat = await post(carol.token, "a");
    expect([repeat.status, repeat.headers.get("idempotent-replayed")]).toEqual([201, "true"]);
    expect(((await repeat.json()) as { submission: Sub }).submission.id).toBe(((await a.json()) as { submission: Sub }).submission.id);
    const over = await post(carol.token, "c");
    expect([over.status, ((await over.json()) as { error: { code: string } }).error.code]).toEqual([409, "limit_reached"]);
    expect(await post(carol.token, undefined).then((r) => r.status)).toBe(409);
    expect(await rowsOf(carol.id)).toHaveLength(2);
  });

  it("keeps different users' equal keys apart", async () => {
    const [dan, erin] = [await user(), await user()];
    const [d, e] = await Promise.all([post(dan.token, "shared"), post(erin.token, "shared")]);
    expect([d.status, e.status, d.headers.get("idempotent-replayed"), e.headers.get("idempotent-replayed")]).toEqual([
      201,
      201,
      null,
      null,
    ]);
    expect((await rowsOf(dan.id)).length + (await rowsOf(erin.id)).length).toBe(2);
  });

  it("answers one key sent to two challenges at once: one stored, the other 422", async () => {
    const ivy = await user();
    const { challenge: second } = await makeHiggsChallenge(get().db);
    const to = (slug: string) =>
      subs.POST(
        new Request(`http://localhost/api/v1/challenges/${slug}/submissions`, {
          method: "POST",
          body: goodCsv(ids),
          headers: { Authorization: `Bearer ${ivy.token}`, "Content-Type": "text/csv", "Idempotency-Key": "both" },
        }),
        { params: Promise.resolve({ slug }) },
      );
    const answers = await Promise.all([to(challenge.slug), to(second.slug)]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(await get().db.select({ id: submissions.id }).from(submissions).where(eq(submissions.userId, ivy.id))).toHaveLength(1);
  });

  it("refuses a key reused for another file (422) and a malformed key (400), storing nothing", async () => {
    const frank = await user();
    expect((await post(frank.token, "k")).status).toBe(201);
    const other = ["EventId,RankOrder,Class", ...ids.map((id, i) => `${id},${ids.length - i},b`)].join("\n") + "\n";
    const reused = await post(frank.token, "k", other);
    expect([reused.status, ((await reused.json()) as { error: { code: string } }).error.code]).toEqual([422, "idempotency_key_reused"]);
    const bad = await post(frank.token, "has spaces");
    expect([bad.status, ((await bad.json()) as { error: { code: string } }).error.code]).toEqual([400, "bad_idempotency_key"]);
    expect(await rowsOf(frank.id)).toHaveLength(1);
  });

  it("accepts an upload whose queueing failed (no ghost 500), and a repeat queues it", async () => {
    const gina = await user();
    queueDown = true;
    const first = await post(gina.token, "g");
    expect(first.status).toBe(201);
    const { submission } = (await first.json()) as { submission: Sub & { queuePosition: number | null } };
    expect([submission.status, submission.queuePosition, enqueued.includes(submission.id)]).toEqual(["queued", null, false]);
    queueDown = false;
    const again = await post(gina.token, "g");
    expect([again.status, again.headers.get("idempotent-replayed")]).toEqual([201, "true"]);
    expect(enqueued).toContain(submission.id);
    expect(
      await get()
        .db.select({ id: submissions.id })
        .from(submissions)
        .where(and(eq(submissions.userId, gina.id), isNotNull(submissions.idempotencyKey))),
    ).toHaveLength(1);
  });

  it("answers 503 with Retry-After, in the shared error shape, when the database is unreachable", async () => {
    const harry = await user();
    // A database that has gone away: a closed pool, or a closed PGlite (no schema needed: nothing reaches it).
    const url = get().pool?.options.connectionString;
    const gone: DbHandle = url
      ? await openDb({ mode: "postgres", url })
      : await PGlite.create().then((pglite) => ({
          mode: "pglite",
          pglite,
          db: drizzle({ client: pglite, schema }) as unknown as Db,
          close: () => pglite.close(),
        }));
    await gone.close();
    useDb(gone);
    const res = await post(harry.token, "h");
    expect([res.status, res.headers.get("retry-after")]).toEqual([503, "5"]);
    expect(await res.json()).toEqual({
      error: { code: "unavailable", message: "The database is briefly unavailable; try again in a few seconds." },
    });
    useDb(get());
    expect(await rowsOf(harry.id)).toHaveLength(0);
  });
});

const PG_URL = process.env.TEST_DATABASE_URL;
describe.skipIf(!PG_URL)("an Idempotency-Key race across teams [postgres]", () => {
  let handle: DbHandle;
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ url, drop } = await createScratchDatabase(PG_URL!));
    handle = await openDb({ mode: "postgres", url });
  });
  afterAll(async () => {
    await handle?.close();
    await drop?.();
  });

  it("waits for the other upload's transaction and yields to it (replayed, or 422 for another challenge)", async () => {
    const { challenge: one } = await makeHiggsChallenge(handle.db);
    const { challenge: two } = await makeHiggsChallenge(handle.db);
    const { user, team } = await makeUserWithTeam(handle.db, one.id);
    const otherTeam = await ensureTeam(handle.db, two.id, user);
    const upload = (challengeId: number, teamId: number, key: string) => ({
      challengeId,
      teamId,
      userId: user.id,
      dailyLimit: 10,
      filename: "p.csv",
      description: "",
      ...tinyUpload(),
      idempotencyKey: key,
    });
    for (const [key, secondChallenge, expected] of [
      ["race-same", one.id, "replayed"],
      ["race-other", two.id, "reuse"],
    ] as const) {
      // The first upload's transaction has inserted its row but not committed when the second one checks the key.
      const first = new pg.Client({ connectionString: url });
      await first.connect();
      await first.query("begin");
      await first.query(
        "insert into submission (challenge_id, team_id, user_id, filename, size_bytes, sha256, idempotency_key) values ($1, $2, $3, 'p.csv', 1, $4, $5)",
        [one.id, team.id, user.id, tinyUpload().sha256, key],
      );
      const second = storeSubmission(handle.db, upload(secondChallenge, secondChallenge === one.id ? team.id : otherTeam.id, key)).then(
        (r) => (r.replayed ? "replayed" : "stored"),
        (err: unknown) => (err instanceof IdempotencyKeyReuseError ? "reuse" : err),
      );
      await new Promise((r) => setTimeout(r, 300));
      await first.query("commit");
      await first.end();
      expect(await second).toBe(expected);
      const rows = await handle.db
        .select({ id: submissions.id })
        .from(submissions)
        .where(and(eq(submissions.userId, user.id), eq(submissions.idempotencyKey, key)));
      expect(rows).toHaveLength(1);
    }
  });
});
