/**
 * Challenge bundles from the command line (into DATABASE_URL, or the embedded database under DATA_DIR):
 *   npx tsx scripts/challenge-bundle.ts export <slug> [--out FILE.zip]     (default <slug>.zip)
 *   npx tsx scripts/challenge-bundle.ts import <bundle.zip> [--slug S]
 * The format is described in lib/bundles/README.md. A bundle holds the private answer key: keep it private.
 * Exit status: 0 done, 2 bad bundle (every problem on stderr) or slug taken, 1 anything else.
 * Stop the site first when it uses the embedded database: PGlite opens a data folder in one process only.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { getChallengeBySlug } from "../db/queries/challenges";
import { BundleError, exportBundle, importBundle, readBundle } from "../lib/bundles";
import { runCli, UsageError } from "./lib/run-cli";
import { withDb } from "./lib/with-db";
import { env } from "../lib/env";

const usage = `usage: npx tsx scripts/challenge-bundle.ts export <slug> [--out FILE.zip]
       npx tsx scripts/challenge-bundle.ts import <bundle.zip> [--slug S]`;

async function exportCommand(slug: string, out: string | undefined): Promise<void> {
  const file = out ?? `${slug}.zip`;
  const t0 = performance.now();
  const zip = await withDb(async (db) => {
    const challenge = await getChallengeBySlug(db, slug);
    if (!challenge) throw new UsageError(`no challenge with the slug "${slug}"`);
    return exportBundle(db, challenge.id);
  });
  writeFileSync(file, zip);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`Exported "${slug}" to ${file} (${(zip.byteLength / 2 ** 20).toFixed(1)} MiB in ${seconds} s).`);
  console.log("The bundle contains the private answer key and secrets: share it with organisers only.");
}

async function importCommand(file: string, slug: string | undefined): Promise<void> {
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const t0 = performance.now();
  // Validated before the database is opened: a bad bundle, the usual mistake, touches nothing.
  const bundle = await readBundle(readFileSync(file));
  const created = await withDb((db) => importBundle(db, bundle, { slug }));
  const base = (process.env.AUTH_URL || `http://localhost:${env().PORT}`).replace(/\/$/, "");
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`Imported "${bundle.manifest.title}" in ${seconds} s: ${base}/challenges/${created.slug}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: "string" }, slug: { type: "string" } } });
  const [command, target, ...extra] = positionals;
  if (!target || extra.length > 0) throw new UsageError("give one command and one slug or file");
  if (command === "export" && values.slug === undefined) return exportCommand(target, values.out);
  if (command === "import" && values.out === undefined) return importCommand(target, values.slug);
  throw new UsageError(
    command === "export" || command === "import" ? `unexpected option for ${command}` : `unknown command ${JSON.stringify(command)}`,
  );
}

runCli(main, { usage, inputErrors: [BundleError] });
