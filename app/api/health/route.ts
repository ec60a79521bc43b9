import { NextResponse } from "next/server";
import { getDbHandle } from "@/db";
import { pingDatabase } from "@/db/queries/health";
import { route } from "@/lib/api-error";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const handle = await getDbHandle();
  await pingDatabase(handle.db);
  return NextResponse.json({ ok: true, database: handle.mode });
});
