import { z } from "zod";

/**
 * Every setting the server reads, validated once at start so a typo fails fast
 * with a message that names the variable, not deep inside a request.
 */
const envSchema = z.object({
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  /** Folder for the embedded database, the generated secret and other local state. */
  DATA_DIR: z.string().min(1).default(".data"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  /** Largest accepted upload, in MiB (compressed size as sent). */
  MAX_UPLOAD_MB: z.coerce.number().positive().default(100),
  PORT: z.coerce.number().int().positive().default(3000),
  /** Train the built-in Higgs and anomaly challenges' benchmark models in the background at first start. */
  BUILTIN_BASELINE_TRAINING: z.enum(["true", "false"]).default("true"),
  /** Parallel scoring jobs per worker process. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /** Run a scoring worker inside the site's process (default: yes with the embedded database, no with PostgreSQL). */
  IN_PROCESS_WORKER: z.enum(["true", "false"]).optional(),
  /** Bootstrap resamples behind each score's ± (0 turns uncertainties off). */
  SCORING_BOOTSTRAP: z.coerce.number().int().min(0).max(10_000).default(200),
  /** A scoring job silent this long is presumed dead, expired and retried. */
  SCORING_LEASE_SECONDS: z.coerce.number().int().min(2).default(300),
  /** Test-only: a worker sleeps this long after claiming a job, so tests can kill it mid-job. */
  WORKER_TEST_PAUSE_MS: z.coerce.number().int().min(0).default(0),
  /** Creates this admin account at start if no account has that email yet (first deployment, tests). */
  INITIAL_ADMIN_EMAIL: z.string().email().optional(),
  INITIAL_ADMIN_PASSWORD: z.string().min(10).optional(),
  /** Requests per minute one API token may make (per server process); over it the API answers 429. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Public URL of the site; links in mails are built from it (required with SMTP_URL, see parseEnv). */
  AUTH_URL: z.url({ message: "AUTH_URL must be a URL such as https://arena.example.org" }).optional(),
  /** Outgoing mail server, e.g. smtps://user:pass@mail.example.org:465; unset: mails go to the admin outbox and the log. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, "SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465")
    .optional(),
  /** Sender of the site's mails: an address, or `Name <address>`. */
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>@]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, "MAIL_FROM must be an address or `Name <address>`")
    .optional(),
  /** Behind a reverse proxy: take the client's address from the last X-Forwarded-For entry, which the proxy appends. */
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  /** Size of the built-in challenges' simulated data: 1 = full (250k train + 550k test), tests use 0.01. */
  BUILTIN_DATA_SCALE: z.coerce.number().positive().max(1).default(1),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** Parses `source` (process.env at the edges); throws ConfigError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset: `FOO= npm start` should not count as a value.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  // With a real database we are a deployment, not a quick start: sessions must be
  // signed with a secret the operator controls, never one generated on the fly.
  if (env.DATABASE_URL && !env.AUTH_SECRET) {
    throw new ConfigError(
      "AUTH_SECRET is not set. With DATABASE_URL (production mode) set AUTH_SECRET to a random string of at least 32 characters, e.g. `export AUTH_SECRET=$(openssl rand -base64 33)`.",
    );
  }
  // Mail links carry single-use tokens: built from the request's Host header, a forged Host would send a victim a
  // reset link to the forger's site. With real mail the operator names the site and the sender.
  if (env.SMTP_URL && (!env.MAIL_FROM || !env.AUTH_URL)) {
    throw new ConfigError(
      `SMTP_URL is set but ${[!env.MAIL_FROM && "MAIL_FROM", !env.AUTH_URL && "AUTH_URL"].filter(Boolean).join(" and ")} is not: set MAIL_FROM to the sender (e.g. "Collider Arena <arena@example.org>") and AUTH_URL to the site's public URL (e.g. https://arena.example.org), which mails link to.`,
    );
  }
  return env;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
