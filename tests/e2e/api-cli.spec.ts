import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

const SLUG = "higgs-boson";

/** Runs the real CLI (bin/collider-arena.js) against the test server, with its own config folder. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("node", ["bin/collider-arena.js", ...args], { env: { ...process.env, ...env }, timeout: 90_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test("a competitor creates a token and uses the CLI to download, submit, wait for the score and read the leaderboard", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(150_000);
  await signUp(page, "Ada Lovelace", `ada-${Date.now()}@example.org`);
  await page.goto("/profile");
  await page.getByLabel("New token name").fill("laptop");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^ca_/);
  await expect(page.getByTestId("tokens")).toContainText("laptop");

  const home = mkdtempSync(path.join(os.tmpdir(), "ca-cli-"));
  const env = { XDG_CONFIG_HOME: path.join(home, "config"), COLLIDER_ARENA_URL: baseURL! };

  const login = await cli(["login", "--token", token], env);
  expect(login.stderr).toBe("");
  expect(login.stdout).toContain("as ada-");
  const configFile = path.join(home, "config", "collider-arena", "config.json");
  expect(statSync(configFile).mode & 0o777).toBe(0o600);
  expect(JSON.parse(readFileSync(configFile, "utf8")).token).toBe(token);

  const list = await cli(["challenges", "list"], env);
  expect(list.code).toBe(0);
  expect(list.stdout).toMatch(/higgs-boson\s+open\s+Weighted AMS/);

  const dir = path.join(home, "data");
  const dl = await cli(["download", SLUG, "--dir", dir], env);
  expect(dl.code, dl.stderr).toBe(0);
  expect(dl.stdout).toContain("sample_submission.csv");
  expect(dl.stdout).toContain("SHA-256 verified");
  const sample = path.join(dir, "sample_submission.csv");
  expect(readFileSync(sample, "utf8").split("\n")[0]).toBe("EventId,RankOrder,Class");

  // A bad file: exit code 2 and the reason with its line.
  const badFile = path.join(home, "bad.csv");
  writeFileSync(badFile, "EventId,RankOrder\n1,1\n");
  const bad = await cli(["submit", SLUG, badFile], env);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/error: .*Class.*\(line 1\)/s);

  const sub = await cli(["submit", SLUG, sample, "-m", "from the CLI", "--wait"], env);
  expect(sub.code, sub.stderr).toBe(0);
  expect(sub.stderr).toContain("100%");
  expect(sub.stdout).toMatch(/Submission \d+ accepted/);
  expect(sub.stdout).toMatch(/Public score: \d+\.\d{5} ± \d+\.\d{5}/);

  const mine = await cli(["submissions", SLUG, "--json"], env);
  const rows = JSON.parse(mine.stdout) as { status: string; description: string }[];
  expect(rows[0]).toMatchObject({ status: "scored", description: "from the CLI" });

  const board = await cli(["leaderboard", SLUG], env);
  expect(board.stdout).toContain("Ada Lovelace");

  // Revoked on the site: the CLI is refused with the "not signed in" exit code.
  await page.reload();
  await page.getByRole("button", { name: "Revoke laptop" }).click();
  await expect(page.getByTestId("tokens")).toHaveCount(0);
  const after = await cli(["whoami"], env);
  expect(after.code).toBe(3);
  expect(after.stderr).toContain("unknown or revoked");
});
