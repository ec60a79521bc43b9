/**
 * One process at a time on an embedded database folder. PGlite has no locking of its own: a second process that
 * opens the folder (an `npm run admin:create` while `npm start` runs) writes pages the first one then overwrites, and
 * the change is lost without an error. `<folder>.lock` holds the owner's pid and start time; a lock whose owner is
 * gone (killed, crashed) is taken over, so a crash never needs a manual clean-up.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

export class DatabaseInUseError extends Error {}

interface Holder {
  pid: number;
  /** Kernel start time of the pid (Linux), so a pid reused by an unrelated process does not count as the owner. */
  started: string | null;
  command: string;
  since: string;
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); null where /proc is absent. */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function alive(holder: Holder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    // EPERM: the pid exists but belongs to another user, so it is alive.
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const started = startTime(holder.pid);
  return holder.started === null || started === null || started === holder.started;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

function readHolder(text: string | null): Holder | null {
  try {
    return text === null ? null : (JSON.parse(text) as Holder);
  } catch {
    // Unreadable or half-written (its writer died between create and write): nobody demonstrably holds it.
    return null;
  }
}

function describe(holder: Holder): string {
  return `process ${holder.pid} (${holder.command}, since ${holder.since})`;
}

/**
 * Takes the lock on `dataDir` for this process, or throws DatabaseInUseError naming the live holder.
 * Returns the release function (also run at exit, so a normal exit never leaves a lock behind).
 */
export function lockDataDir(dataDir: string): () => void {
  const file = `${path.resolve(dataDir)}.lock`;
  mkdirSync(path.dirname(file), { recursive: true });
  const me: Holder = {
    pid: process.pid,
    started: startTime(process.pid),
    command:
      process.argv
        .slice(1, 3)
        .map((a) => path.relative(process.cwd(), a) || a)
        .join(" ") || "node",
    since: new Date().toISOString(),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const text = readText(file);
      const holder = readHolder(text);
      if (holder && alive(holder)) {
        const who = holder.pid === process.pid ? "this process already (opened twice)" : describe(holder);
        throw new DatabaseInUseError(
          `The embedded database in ${path.resolve(dataDir)} is in use by ${who}. Only one process may open it: ` +
            "stop the site (Ctrl-C in its terminal) and run this command again, or do it on the running site " +
            `(e.g. an admin makes accounts admins on the Users page). If no such process runs, delete ${file}.`,
        );
      }
      // Stale: its owner is gone. Remove it only if it is still the lock judged stale (not one a racing opener just
      // took); then only one `wx` create succeeds.
      if (attempt > 2) throw new DatabaseInUseError(`Cannot take the lock ${file}: it keeps reappearing.`);
      if (readText(file) === text) rmSync(file, { force: true });
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off("exit", release);
    // Only remove our own lock: a takeover after we were presumed dead must not be undone.
    if (readHolder(readText(file))?.pid === process.pid) rmSync(file, { force: true });
  };
  process.on("exit", release);
  return release;
}
