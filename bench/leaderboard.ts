/**
 * npm run bench:leaderboard — the public leaderboard under load.
 * A production build on PostgreSQL (a scratch database on TEST_DATABASE_URL's
 * server, created and dropped here), 2,000 teams with 10,000 scored submissions,
 * then 100 concurrent clients over loopback on the page and on its JSON. Goal: p95 < 100 ms.
 */
import { encode } from "next-auth/jwt";
import { sql } from "drizzle-orm";
import { openDb } from "../db/client";
import { createScratchDatabase } from "../tests/integration/databases";
import { runLoad } from "./lib/load";
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
    await h.db.execute(sql`
      with c as (select id from challenge where slug = 'higgs-boson')
      insert into team (challenge_id, name, invite_code)
      select c.id, 'team ' || i, md5(i::text) from c, generate_series(1, ${TEAMS}) i`);
    await h.db.execute(sql`
      insert into submission (challenge_id, team_id, filename, size_bytes, sha256, status, created_at)
      select t.challenge_id, t.id, 's.csv', 1, 'x', 'scored', now() - random() * interval '10 days'
      from team t, generate_series(1, ${PER_TEAM})`);
    await h.db.execute(sql`insert into public_score (submission_id, score, std, details) select id, 1 + 3 * random(), 0.05, '{}' from submission on conflict do nothing`);
    await h.db.execute(sql`insert into private_score (submission_id, score, std, details) select id, 1 + 3 * random(), 0.05, '{}' from submission on conflict do nothing`);
    await h.db.execute(sql`insert into "user" (id, name, email) values ('bench-reader', 'Bench Reader', 'reader@example.org')`);
    await h.db.execute(sql`analyze`);
    await h.close();
    console.log(`seeded ${TEAMS} teams and ${TEAMS * PER_TEAM} scored submissions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // Anonymous readers are served by the start script's two-second micro-cache; a signed-in reader (a real
    // Auth.js session token) is never served from it and measures the full render path.
    const jwt = await encode({ token: { sub: "bench-reader", name: "Bench Reader", email: "reader@example.org" }, secret: AUTH_SECRET, salt: "authjs.session-token" });
    const session = { cookie: `authjs.session-token=${jwt}` };
    const targets = [
      ["page", `http://localhost:${PORT}/challenges/higgs-boson/leaderboard`, {}],
      ["json", `http://localhost:${PORT}/api/v1/challenges/higgs-boson/leaderboard`, {}],
      ["page*", `http://localhost:${PORT}/challenges/higgs-boson/leaderboard`, session],
      ["json*", `http://localhost:${PORT}/api/v1/challenges/higgs-boson/leaderboard`, session],
    ] as const;
    for (const [, url, headers] of targets) await runLoad(url, 10, 2000, headers); // warm-up
    console.log(`\n${CLIENTS} concurrent clients, ${SECONDS} s each (goal: p95 < 100 ms; * = signed in, uncached)`);
    console.log("target  requests  errors    req/s   p50 ms   p95 ms   p99 ms   max ms");
    for (const [name, url, headers] of targets) {
      const r = await runLoad(url, CLIENTS, SECONDS * 1000, headers);
      console.log(
        `${name.padEnd(6)} ${String(r.requests).padStart(9)} ${String(r.errors).padStart(7)} ${r.rps.toFixed(0).padStart(8)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)}`,
      );
    }
  } finally {
    await stopProcess(server);
    await scratch.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
