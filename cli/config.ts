import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CliError, EXIT } from "./errors";

export interface CliConfig {
  url: string;
  token?: string;
}

type Env = Record<string, string | undefined>;

export const DEFAULT_URL = "http://localhost:3000";

/** `$XDG_CONFIG_HOME/collider-arena/config.json`, else `~/.config/...` (as most CLIs on Linux and macOS). */
export function configPath(env: Env = process.env): string {
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config");
  return path.join(base, "collider-arena", "config.json");
}

/** Saved settings, overridden by COLLIDER_ARENA_URL / COLLIDER_ARENA_TOKEN (for CI jobs). */
export async function loadConfig(env: Env = process.env): Promise<CliConfig> {
  let saved: Partial<CliConfig> = {};
  try {
    saved = JSON.parse(await readFile(configPath(env), "utf8")) as Partial<CliConfig>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new CliError(`Cannot read ${configPath(env)}: ${(err as Error).message}`, EXIT.usage);
    }
  }
  return {
    url: (env.COLLIDER_ARENA_URL || saved.url || DEFAULT_URL).replace(/\/+$/, ""),
    token: env.COLLIDER_ARENA_TOKEN || saved.token,
  };
}

/** Writes the config readable by its owner only: it holds a secret. */
export async function saveConfig(config: CliConfig, env: Env = process.env): Promise<string> {
  const file = configPath(env);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  // writeFile's mode applies only when it creates the file; an older file keeps its mode otherwise.
  await chmod(file, 0o600);
  return file;
}
