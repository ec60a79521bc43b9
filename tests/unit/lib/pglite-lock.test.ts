import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DatabaseInUseError, lockDataDir } from "@/db/pglite-lock";

const dir = mkdtempSync(path.join(os.tmpdir(), "pglite-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const holderOf = (lock: string) => JSON.parse(readFileSync(lock, "utf8")) as { pid: number; started: string | null };

describe("the embedded database's lock", () => {
  it("refuses a second opener while held (even this process), and frees the folder on release", () => {
    const data = path.join(dir, "a", "pglite");
    const release = lockDataDir(data);
    expect(holderOf(`${data}.lock`).pid).toBe(process.pid);
    expect(() => lockDataDir(data)).toThrow(DatabaseInUseError);
    expect(() => lockDataDir(data)).toThrow(/is in use by this process already \(opened twice\)/);
    release();
    expect(existsSync(`${data}.lock`)).toBe(false);
    lockDataDir(data)();
  });

  it("takes over a lock whose process is dead", () => {
    const data = path.join(dir, "dead");
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    writeFileSync(`${data}.lock`, JSON.stringify({ pid: Number(gone.stdout), started: null, command: "gone", since: "then" }));
    const release = lockDataDir(data);
    expect(holderOf(`${data}.lock`).pid).toBe(process.pid);
    release();
  });

  it.skipIf(!existsSync("/proc/self/stat"))("takes over a lock whose pid now belongs to another process (pid reuse)", () => {
    const data = path.join(dir, "reused");
    // The parent process is alive, but it started at another time than the lock says its owner did.
    writeFileSync(`${data}.lock`, JSON.stringify({ pid: process.ppid, started: "1", command: "old", since: "then" }));
    lockDataDir(data)();
  });

  it("takes over a half-written lock, but not a live process's", () => {
    const data = path.join(dir, "torn");
    writeFileSync(`${data}.lock`, "{");
    lockDataDir(data)();
    writeFileSync(`${data}.lock`, JSON.stringify({ pid: process.ppid, started: null, command: "npm start", since: "2026-01-01" }));
    expect(() => lockDataDir(data)).toThrow(`is in use by process ${process.ppid} (npm start, since 2026-01-01)`);
  });
});
