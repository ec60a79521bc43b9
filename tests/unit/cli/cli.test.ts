import { mkdtempSync, statSync, writeFileSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configPath, loadConfig, saveConfig } from "@/cli/config";
import { EXIT, exitCodeFor } from "@/cli/errors";
import { progressBar } from "@/cli/progress";
import { run } from "@/cli/main";

describe("progressBar", () => {
  it("draws the fraction done with sizes in MB", () => {
    expect(progressBar(0, 2_000_000, 10)).toBe("[..........]   0%  0.0/2.0 MB");
    expect(progressBar(1_000_000, 2_000_000, 10)).toBe("[#####.....]  50%  1.0/2.0 MB");
    expect(progressBar(2_000_000, 2_000_000, 10)).toBe("[##########] 100%  2.0/2.0 MB");
    // An empty file is done at once; overshoot never draws past the end.
    expect(progressBar(0, 0, 4)).toBe("[####] 100%  0.0/0.0 MB");
    expect(progressBar(5, 4, 4)).toBe("[####] 100%  0.0/0.0 MB");
  });
});

describe("exit codes", () => {
  it.each([
    [400, "bad_file", EXIT.badFile],
    [413, "too_large", EXIT.badFile],
    [401, "invalid_token", EXIT.auth],
    [403, "session_required", EXIT.auth],
    [403, "email_unverified", EXIT.auth],
    [403, "challenge_closed", EXIT.limit],
    [404, "not_found", EXIT.notFound],
    [409, "limit_reached", EXIT.limit],
    [429, "rate_limited", EXIT.rateLimited],
    [503, "unavailable", EXIT.network],
    [500, "internal", EXIT.usage],
  ])("HTTP %i %s → %i", (status, code, exit) => expect(exitCodeFor(status, code)).toBe(exit));
});

describe("config", () => {
  it("saves the token readable by its owner only, even over an existing looser file", async () => {
    const env = { XDG_CONFIG_HOME: mkdtempSync(path.join(os.tmpdir(), "ca-cfg-")) };
    const file = configPath(env);
    expect(file).toBe(path.join(env.XDG_CONFIG_HOME, "collider-arena", "config.json"));
    await saveConfig({ url: "http://x", token: "ca_1" }, env);
    chmodSync(file, 0o644);
    await saveConfig({ url: "http://x", token: "ca_2" }, env);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await loadConfig(env)).toEqual({ url: "http://x", token: "ca_2" });
    expect(await loadConfig({ ...env, COLLIDER_ARENA_TOKEN: "ca_env", COLLIDER_ARENA_URL: "http://y/" })).toEqual({
      url: "http://y",
      token: "ca_env",
    });
  });

  it("defaults to localhost without a file, and names a corrupt file", async () => {
    const env = { XDG_CONFIG_HOME: mkdtempSync(path.join(os.tmpdir(), "ca-cfg-")) };
    expect(await loadConfig(env)).toEqual({ url: "http://localhost:3000", token: undefined });
    await saveConfig({ url: "http://x" }, env);
    writeFileSync(configPath(env), "{not json");
    await expect(loadConfig(env)).rejects.toThrow(/Cannot read .*config\.json/);
  });
});

describe("command line", () => {
  it("rejects unknown commands and options with the usage exit code", async () => {
    await expect(run(["frobnicate"])).rejects.toMatchObject({
      exitCode: EXIT.usage,
      message: expect.stringContaining('Unknown command "frobnicate"'),
    });
    await expect(run(["submit", "--no-such-flag"])).rejects.toMatchObject({ code: "ERR_PARSE_ARGS_UNKNOWN_OPTION" });
  });
});
