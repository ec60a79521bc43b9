/**
 * npm run bench:leaderboard — the public leaderboard under load.
 * A production build on PostgreSQL (a scratch database on TEST_DATABASE_URL's
 * server, created and dropped here), 2,000 teams with 10,000 scored submissions,
 * then 100 concurrent clients over loopback on the page and on its JSON, anonymous and signed in (100 different
 * readers, each in a team on the board). Goal: p95 < 100 ms for signed-in readers too.
 */
import { encode } from "next-auth/jwt";
import { openDb } from "../db/client";
import { seedLeaderboardLoad } from "../db/queries/load-fixtures";
import { createScratchDatabase } from "../tests/integration/databases";
import { runLoad, runLoadWith } from "./lib/load";
import { startScript, stopProcess, waitHealthy } from "./lib/server";

const AUTH_SECRET = "b".repeat(40);
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PORT = 3211;
const TEAMS = 2000;
const PER_TEAM = 5;
const CLIENTS = 100;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

async function main(): Promise<void> {
  const scratch = await createScratchDatabase(ADMIN_URL);
  const server = startScript("start", {
    DATABASE_URL: scratch.url,
    AUTH_SECRET,
    PORT: String(PORT),
    BUILTIN_DATA_SCALE: "0.01",
    IN_PROCESS_WORKER: "false",
  });
  try {
    await waitHealthy(`http://localhost:${PORT}/api/health`, 300_000);
    const h = await openDb({ mode: "postgres", url: scratch.url });
    const t0 = performance.now();
    await seedLeaderboardLoad(h.db, { slug: "higgs-boson", teams: TEAMS, perTeam: PER_TEAM, readers: CLIENTS });
    await h.close();
    console.log(`seeded ${TEAMS} teams and ${TEAMS * PER_TEAM} scored submissions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // Real Auth.js session tokens, one per reader. A signed-in page view is the page (one render shared by every reader
    // of this version of the board) plus the page's own request for the reader's row and rank (…/leaderboard/me).
    const cookies = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const token = { sub: `reader-${i + 1}`, name: `Reader ${i + 1}`, email: `reader${i + 1}@example.org`, sessionVersion: 0 };
        return { cookie: `authjs.session-token=${await encode({ token, secret: AUTH_SECRET, salt: "authjs.session-token" })}` };
      }),
    );
    const base = `http://localhost:${PORT}`;
    const page = `${base}/challenges/higgs-boson/leaderboard`;
    const json = `${base}/api/v1/challenges/higgs-boson/leaderboard`;
    const me = `${base}/api/v1/challenges/higgs-boson/leaderboard/me`;
    const targets = [
      ["page", page, {}],
      ["json", json, {}],
      ["page*", page, (c: number) => cookies[c]!],
      ["json*", json, (c: number) => cookies[c]!],
      ["me*", me, (c: number) => cookies[c]!],
    ] as const;
    const check = (await (await fetch(me, { headers: cookies[0] })).json()) as { standing: { rank: number } | null };
    if (!check.standing) throw new Error(`the reader's standing is missing: ${JSON.stringify(check)}`);
    for (const [, url, headers] of targets) await runLoad(url, 10, 2000, headers); // warm-up (and the first decode of each session)
    console.log(`\n${CLIENTS} concurrent clients, ${SECONDS} s each (goal: p95 < 100 ms; * = signed in, each client a different reader)`);
    console.log("target      requests  errors    req/s   p50 ms   p95 ms   p99 ms   max ms");
    const print = (name: string, r: Awaited<ReturnType<typeof runLoad>>) =>
      console.log(
        `${name.padEnd(10)} ${String(r.requests).padStart(9)} ${String(r.errors).padStart(7)} ${r.rps.toFixed(0).padStart(8)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)}`,
      );
    // BENCH_ONLY=me*,page*+me* runs those targets alone (e.g. with BENCH_CPU_PROF, to profile one path).
    const only = process.env.BENCH_ONLY?.split(",");
    const wanted = (name: string) => !only || only.includes(name);
    for (const [name, url, headers] of targets) if (wanted(name)) print(name, await runLoad(url, CLIENTS, SECONDS * 1000, headers));
    // The whole signed-in view: the page, then its personal request, timed together.
    const view = (c: number) => [
      { url: page, headers: cookies[c]! },
      { url: me, headers: cookies[c]! },
    ];
    if (wanted("page*+me*")) print("page*+me*", await runLoadWith(CLIENTS, SECONDS * 1000, view));
  } finally {
    await stopProcess(server);
    await scratch.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
