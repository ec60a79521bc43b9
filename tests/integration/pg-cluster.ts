import { execFile, spawnSync } from "node:child_process";
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/**
 * A throwaway PostgreSQL server of the test's own (initdb into a temp folder, its own port), which a test may stop,
 * crash and restart at will; the shared server on 5432 is never touched. Whether one can be made is decided when
 * this module loads (at collection), from the server binaries on disk.
 */

const SERVER_BINARIES = ["initdb", "pg_ctl", "postgres"];

function findBinDir(): string | undefined {
  const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)) : [];
  const candidates = ["/usr/local/bin", ...versions.map((v) => `/usr/lib/postgresql/${v}/bin`)];
  return candidates.find((dir) => SERVER_BINARIES.every((b) => existsSync(path.join(dir, b))));
}

/** PostgreSQL refuses to run as root; there it runs as the `postgres` account, if the machine has one. */
function serverAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim() || NaN);
  const [uid, gid] = [id("-u"), id("-g")];
  return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
}

const BIN_DIR = findBinDir();
const ACCOUNT = serverAccount();

/** Why no server of our own can be made here (undefined: one can). */
export const ownServerSkipReason: string | undefined = !BIN_DIR
  ? "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in /usr/local/bin or /usr/lib/postgresql/*/bin; install them (apt-get install postgresql) to run the database-outage tests"
  : process.getuid?.() === 0 && !ACCOUNT
    ? "running as root without a 'postgres' account to run a PostgreSQL server as; the database-outage tests need one"
    : undefined;

if (ownServerSkipReason) console.warn(`SKIPPED: ${ownServerSkipReason}`);

export interface OwnServer {
  url: string;
  /** "fast" = a clean stop (sessions get 57P01); "immediate" = a crash (recovery on the next start). */
  stop(mode: "fast" | "immediate"): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its folder. */
  destroy(): Promise<void>;
}

const run = promisify(execFile);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startOwnServer(): Promise<OwnServer> {
  if (!BIN_DIR) throw new Error(ownServerSkipReason);
  const dir = mkdtempSync(path.join(os.tmpdir(), "ca-pg-"));
  if (ACCOUNT) chownSync(dir, ACCOUNT.uid, ACCOUNT.gid);
  const data = path.join(dir, "data");
  const pg = (bin: string, args: string[]) => run(path.join(BIN_DIR, bin), args, { ...ACCOUNT, cwd: dir, timeout: 120_000 });
  await pg("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
  const port = await freePort();
  // TCP on loopback only (no socket file). fsync off is safe here (only the server process crashes, never the
  // machine); synchronous_commit stays on: off, a crash loses commits the client was told about.
  appendFileSync(
    path.join(data, "postgresql.conf"),
    `\nport = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\nfsync = off\nfull_page_writes = off\nmax_connections = 100\n`,
  );
  const start = async () => void (await pg("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "120", "start"]));
  const stop = async (mode: "fast" | "immediate") => void (await pg("pg_ctl", ["-D", data, "-m", mode, "-w", "-t", "60", "stop"]));
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: async () => {
      await stop("immediate").catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
