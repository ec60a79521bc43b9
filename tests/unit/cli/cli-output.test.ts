/** What the CLI writes where nobody watches a terminal (logs, CI) and where an error interrupts a progress bar. */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { mkdtempSync, symlinkSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "@/cli/main";
import { createProgress } from "@/cli/progress";

const BIN = path.resolve("bin/collider-arena.js");

describe("createProgress", () => {
  it("writes a line per 10 % when not on a terminal, whatever the number of updates", () => {
    const out: string[] = [];
    const p = createProgress("test.csv", 12_000_000, (t) => out.push(t), false);
    for (let done = 0; done <= 12_000_000; done += 1000) p.update(done);
    p.finish();
    expect(out).toHaveLength(11);
    expect(out[0]).toBe("test.csv 0% (0.0/12.0 MB)\n");
    expect(out[10]).toBe("test.csv 100% (12.0/12.0 MB)\n");
    expect(out.every((l) => !l.includes("\r"))).toBe(true);
  });

  it("redraws in place on a terminal at most once per percent, and ends the line", () => {
    const out: string[] = [];
    const p = createProgress("Uploading", 1_000_000, (t) => out.push(t), true);
    for (let done = 0; done <= 1_000_000; done += 100) p.update(done);
    p.finish();
    expect(out.length).toBeLessThanOrEqual(102);
    expect(out[0]!.startsWith("\r")).toBe(true);
    expect(out.at(-1)).toBe("\n");
  });
});

describe("the CLI against a server", () => {
  let server: Server;
  let url = "";
  const body = gzipSync(Buffer.alloc(3_000_000, "1,0.5\n"));
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/api/v1/challenges/c") {
        res.setHeader("Content-Type", "application/json");
        // The checksum is wrong on purpose: the download fails after its progress bar.
        res.end(
          JSON.stringify({
            challenge: {
              files: [
                {
                  name: "test.csv",
                  url: "/api/v1/challenges/c/files/test.csv",
                  bytes: 3_000_000,
                  sha256: createHash("sha256").update("x").digest("hex"),
                },
              ],
            },
          }),
        );
      } else if (req.url === "/api/v1/challenges/c/files/test.csv") {
        res.end(body);
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { code: "not_found", message: "no" } }));
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("on a terminal, puts the error on its own line after a progress bar", async () => {
    const written: string[] = [];
    const write = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    const tty = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");
    Object.defineProperty(process.stderr, "isTTY", { value: true, configurable: true });
    const dir = mkdtempSync(path.join(os.tmpdir(), "cli-out-"));
    vi.stubEnv("COLLIDER_ARENA_TOKEN", "ca_test");
    try {
      await main(["download", "c", "--dir", dir, "--url", url]);
    } finally {
      write.mockRestore();
      vi.unstubAllEnvs();
      if (tty) Object.defineProperty(process.stderr, "isTTY", tty);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
    const text = written.join("");
    expect(process.exitCode).toBe(7);
    process.exitCode = 0;
    expect(text).toContain("\r");
    expect(text).toMatch(/100%[^\n]*\nerror: test\.csv: checksum mismatch/);
  }, 30_000);

  it("in a log, writes at most 11 progress lines per file", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cli-log-"));
    // Not spawnSync: the server answering it runs in this process.
    const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, "download", "c", "--dir", dir, "--url", url], {
        env: { ...process.env, COLLIDER_ARENA_TOKEN: "ca_test" },
      });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (status) => resolve({ status, stderr }));
    });
    expect(r.status).toBe(7);
    const lines = r.stderr.split("\n");
    expect(r.stderr).not.toContain("\r");
    const progressLines = lines.filter((l) => l.startsWith("test.csv"));
    expect(progressLines.length).toBeGreaterThan(1);
    expect(progressLines.length).toBeLessThanOrEqual(11);
    expect(lines).toContain("error: test.csv: checksum mismatch after download; try again.");
  }, 30_000);
});

describe("running the CLI from a clone", () => {
  it("login with nothing on stdin exits 1 and says how to give a token", () => {
    const home = mkdtempSync(path.join(os.tmpdir(), "cli-home-"));
    const r = spawnSync(process.execPath, [BIN, "login", "--url", "http://127.0.0.1:9"], {
      input: "",
      encoding: "utf8",
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: No token given\. Create one at http:\/\/127\.0\.0\.1:9\/profile/m);
  }, 30_000);

  it("runs through a linked bin from any folder, as `npm link` or `npm install -g .` installs it", () => {
    const prefix = mkdtempSync(path.join(os.tmpdir(), "cli-link-"));
    mkdirSync(path.join(prefix, "bin"));
    symlinkSync(BIN, path.join(prefix, "bin", "collider-arena"));
    const r = spawnSync(path.join(prefix, "bin", "collider-arena"), ["--help"], { cwd: os.tmpdir(), encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: collider-arena <command>/);
  }, 30_000);
});
