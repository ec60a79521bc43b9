"use server";

import { signOut } from "@/auth";
import { getDb } from "@/db";
import { currentUser, endSessions } from "@/lib/authz";

/** Voids the cookie itself, not just the browser's copy of it: a copied cookie stops working too. */
export async function signOutEverywhere(): Promise<void> {
  const me = await currentUser();
  if (me) await endSessions(await getDb(), me.id);
  await signOut({ redirectTo: "/" });
}
