/**
 * `collider-arena`: the command-line client of the /api/v1 API, for scripted
 * downloads and submissions (like the Kaggle CLI). Run `collider-arena help`.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { ApiClient } from "./client";
import * as commands from "./commands";
import { loadConfig, saveConfig } from "./config";
import { CliError, EXIT } from "./errors";

const HELP = `Usage: collider-arena <command> [options]

  login [--url URL] [--token TOKEN]     store a personal API token (asked for when not given)
  logout                                forget the stored token
  whoami                                the account the token belongs to
  challenges list                       challenges you can see
  download <challenge> [--dir D] [--file F]   data files, decompressed and checksum-verified
  submit <challenge> <file> [-m MSG] [--wait] [--timeout S]   upload predictions (.csv or .csv.gz)
  submissions <challenge>               your team's submissions and scores
  final <challenge> <id> [--unselect]   select a submission as final
  leaderboard <challenge> [--private] [--csv] [--page N]

Options: --json (machine-readable output), --url URL (server, default from login).
Environment: COLLIDER_ARENA_URL, COLLIDER_ARENA_TOKEN override the stored settings.
Exit codes: 0 ok, 1 usage/unexpected, 2 file rejected, 3 not signed in/not allowed,
4 not found, 5 limit reached/challenge closed, 6 rate limited, 7 network, 8 scoring failed.`;

const OPTIONS = {
  url: { type: "string" },
  token: { type: "string" },
  dir: { type: "string", default: "." },
  file: { type: "string" },
  message: { type: "string", short: "m", default: "" },
  wait: { type: "boolean", default: false },
  timeout: { type: "string", default: "600" },
  unselect: { type: "boolean", default: false },
  private: { type: "boolean", default: false },
  csv: { type: "boolean", default: false },
  page: { type: "string", default: "1" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

const KNOWN = new Set(["whoami", "challenges", "download", "submit", "submissions", "final", "leaderboard"]);

function need(value: string | undefined, what: string): string {
  if (!value) throw new CliError(`Missing ${what}.\n\n${HELP}`, EXIT.usage);
  return value;
}

/**
 * The token, asked for on a terminal; piped in otherwise (`echo "$TOKEN" | collider-arena login`). Nothing to read
 * (stdin closed, e.g. </dev/null in a script) is a usage error, not a hang.
 */
async function askToken(url: string): Promise<string> {
  let token: string;
  if (process.stdin.isTTY) {
    process.stderr.write(`Create a token at ${url}/profile (API tokens) and paste it here.\n`);
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const closed = new Promise<string>((resolve) => rl.once("close", () => resolve("")));
    try {
      token = (await Promise.race([rl.question("Token: "), closed])).trim();
    } finally {
      rl.close();
    }
  } else {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    token = Buffer.concat(chunks).toString("utf8").trim();
  }
  if (!token) {
    throw new CliError(
      `No token given. Create one at ${url}/profile, then run \`collider-arena login --token ca_…\`, pipe it in, or set COLLIDER_ARENA_TOKEN.`,
      EXIT.usage,
    );
  }
  return token;
}

// Whether stderr's last write left a line open (a progress bar redrawn with \r): an error then starts on a new line.
let stderrLineOpen = false;
function writeErr(text: string): void {
  if (text.length === 0) return;
  process.stderr.write(text);
  stderrLineOpen = !text.endsWith("\n");
}

export async function run(argv: string[]): Promise<number> {
  const { values: o, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [command, ...args] = positionals;
  const io: commands.Io = { out: (l) => process.stdout.write(l + "\n"), err: writeErr, json: o.json, tty: process.stderr.isTTY === true };
  if (o.help || !command || command === "help") {
    io.out(HELP);
    return command || o.help ? EXIT.ok : EXIT.usage;
  }
  const config = await loadConfig();
  const url = (o.url ?? config.url).replace(/\/+$/, "");
  switch (command) {
    case "login": {
      const token = o.token ?? (await askToken(url));
      const { user } = await new ApiClient(url, token).json<{ user: { email: string | null; role: string } }>("/me");
      const file = await saveConfig({ url, token });
      io.out(`Signed in to ${url} as ${user.email} (${user.role}); token saved in ${file}.`);
      return EXIT.ok;
    }
    case "logout":
      await saveConfig({ url });
      io.out("Token forgotten (revoke it on your profile page if it may have leaked).");
      return EXIT.ok;
  }
  if (!KNOWN.has(command)) throw new CliError(`Unknown command "${command}".\n\n${HELP}`, EXIT.usage);
  // Listing challenges and leaderboards works anonymously; the rest needs a token.
  if (!config.token && command !== "challenges" && command !== "leaderboard") {
    throw new CliError("Not signed in: run `collider-arena login` first (or set COLLIDER_ARENA_TOKEN).", EXIT.auth);
  }
  const api = new ApiClient(url, config.token);
  switch (command) {
    case "whoami": {
      const { user } = await api.json<{ user: { email: string | null; role: string } }>("/me");
      io.out(o.json ? JSON.stringify(user) : `${user.email} (${user.role}) on ${url}`);
      break;
    }
    case "challenges":
      if (args[0] !== undefined && args[0] !== "list") throw new CliError(`Unknown subcommand challenges ${args[0]}.`, EXIT.usage);
      await commands.listChallenges(api, io);
      break;
    case "download":
      await commands.download(api, io, need(args[0], "the challenge"), o.dir, o.file);
      break;
    case "submit": {
      const timeoutSeconds = Number(o.timeout);
      if (!(timeoutSeconds > 0)) throw new CliError("--timeout must be a positive number of seconds.", EXIT.usage);
      await commands.submit(api, io, {
        slug: need(args[0], "the challenge"),
        file: need(args[1], "the file to submit"),
        message: o.message,
        wait: o.wait,
        timeoutSeconds,
      });
      break;
    }
    case "submissions":
      await commands.listSubmissions(api, io, need(args[0], "the challenge"));
      break;
    case "final": {
      const slug = need(args[0], "the challenge");
      const id = need(args[1], "the submission id");
      await api.request(`/challenges/${encodeURIComponent(slug)}/submissions/${encodeURIComponent(id)}/final`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ selected: !o.unselect }),
      });
      io.out(o.unselect ? `Submission ${id} is no longer a final.` : `Submission ${id} selected as final.`);
      break;
    }
    case "leaderboard": {
      const page = Number.parseInt(o.page, 10);
      if (!(page >= 1)) throw new CliError("--page must be 1 or more.", EXIT.usage);
      await commands.leaderboard(api, io, {
        slug: need(args[0], "the challenge"),
        view: o.private ? "private" : "public",
        csv: o.csv,
        page,
      });
      break;
    }
  }
  return EXIT.ok;
}

/** Runs the CLI and exits with its code; errors go to stderr as `error: …`. */
export async function main(argv = process.argv.slice(2)): Promise<void> {
  try {
    process.exitCode = await run(argv);
  } catch (err) {
    if (stderrLineOpen) writeErr("\n");
    if (err instanceof CliError) {
      process.stderr.write(`error: ${err.message}${err.line !== undefined ? ` (line ${err.line})` : ""}\n`);
      process.exitCode = err.exitCode;
    } else if (err instanceof TypeError && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`error: ${err.message}\n\n${HELP}\n`);
      process.exitCode = EXIT.usage;
    } else {
      process.stderr.write(`error: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = EXIT.usage;
    }
  }
}
