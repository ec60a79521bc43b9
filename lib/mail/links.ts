import type { Db } from "@/db";
import { createEmailToken, type NewEmailToken } from "@/db/queries/email-tokens";

/** A fresh single-use link to `path` on the site (the token in its query; only the token's hash is stored). */
export async function issueMailLink(db: Db, token: NewEmailToken, baseUrl: string, path: string): Promise<string> {
  return `${baseUrl.replace(/\/$/, "")}${path}?token=${await createEmailToken(db, token)}`;
}
