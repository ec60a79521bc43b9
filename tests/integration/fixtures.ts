import { gzipSync } from "node:zlib";
import type { Db } from "@/db";
import { createUser } from "@/db/queries/users";
import { challenges, phases, privateScores, publicScores, submissions, type Challenge } from "@/db/schema";
import { ensureTeam } from "@/db/queries/teams";

let counter = 0;
const unique = () => `${Date.now().toString(36)}-${counter++}`;

/** An open challenge (one phase around now) with the given settings. */
export async function makeChallenge(db: Db, over: Partial<typeof challenges.$inferInsert> = {}): Promise<Challenge> {
  const [c] = await db
    .insert(challenges)
    .values({ slug: `c-${unique()}`, kind: "higgs-tautau", title: "Test", metricId: "ams", ...over })
    .returning();
  const now = Date.now();
  await db.insert(phases).values({
    challengeId: c!.id,
    name: "Main",
    startsAt: new Date(now - 86_400_000),
    endsAt: new Date(now + 86_400_000),
  });
  return c!;
}

export async function makeUserWithTeam(db: Db, challengeId: number, name = `user-${unique()}`) {
  const user = await createUser(db, { email: `${name}@example.org`, name });
  const team = await ensureTeam(db, challengeId, user);
  return { user, team };
}

export const tinyUpload = () => {
  const text = Buffer.from("EventId,RankOrder,Class\n1,1,s\n");
  return { gzipContent: gzipSync(text), sizeBytes: text.byteLength, sha256: "0".repeat(64) };
};

/** A scored submission written directly (the scorer is tested on its own). */
export async function makeScored(
  db: Db,
  p: { challengeId: number; teamId: number; pub: number; priv: number; std?: number; final?: boolean; at?: Date },
) {
  const [s] = await db
    .insert(submissions)
    .values({
      challengeId: p.challengeId,
      teamId: p.teamId,
      filename: "s.csv",
      sizeBytes: 10,
      sha256: "0".repeat(64),
      status: "scored",
      selectedFinal: p.final ?? false,
      createdAt: p.at ?? new Date(),
    })
    .returning();
  await db.insert(publicScores).values({ submissionId: s!.id, score: p.pub, std: p.std ?? null, details: {} });
  await db.insert(privateScores).values({ submissionId: s!.id, score: p.priv, std: p.std ?? null, details: {} });
  return s!;
}
