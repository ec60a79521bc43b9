import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { mailOutbox, siteSettings } from "../schema";

export async function getSiteSetting(db: Db, key: string): Promise<string | undefined> {
  const [row] = await db.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, key)).limit(1);
  return row?.value;
}

export async function setSiteSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insert(siteSettings)
    .values({ key, value })
    .onConflictDoUpdate({ target: siteSettings.key, set: { value, updatedAt: sql`now()` } });
}

export async function addToOutbox(db: Db, mail: { to: string; subject: string; body: string }): Promise<void> {
  await db.insert(mailOutbox).values(mail);
}

/** The newest mails first, for the admin's outbox page. */
export async function listOutbox(db: Db, limit = 100) {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).limit(limit);
}
