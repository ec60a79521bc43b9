import { createReadStream, existsSync } from "node:fs";
import { UsageError } from "./run-cli";

/** An input file as a stream of 1 MiB chunks; a missing one is a usage error, reported before the database is opened. */
export function openInput(file: string) {
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  return createReadStream(file, { highWaterMark: 1 << 20 });
}
