import { sql } from "drizzle-orm";
import { NextResponse } from "next/server";
import { getDbHandle } from "@/db";
import { route } from "@/lib/api-error";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const handle = await getDbHandle();
  await handle.db.execute(sql`select 1`);
  return NextResponse.json({ ok: true, database: handle.mode });
});
