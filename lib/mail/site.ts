import { headers } from "next/headers";
import { getDb, type Db } from "@/db";
import { env } from "../env";
import { siteMailer, type Mailer } from "./mailer";

/**
 * What a page or action needs to mail a link: the database, the configured mailer, and the site's URL. With real
 * mail AUTH_URL is required (lib/env.ts); in the quick start, whose mails only reach the admin's outbox and the
 * log, the URL the browser used will do.
 */
export async function mailContext(): Promise<{ db: Db; mailer: Mailer; baseUrl: string; smtp: boolean }> {
  const e = env();
  const db = await getDb();
  let baseUrl = e.AUTH_URL;
  if (!baseUrl) {
    const h = await headers();
    baseUrl = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? `localhost:${e.PORT}`}`;
  }
  return { db, mailer: siteMailer(db, e), baseUrl, smtp: Boolean(e.SMTP_URL) };
}
