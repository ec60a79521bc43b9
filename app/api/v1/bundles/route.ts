import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { requireApiUser } from "@/lib/api-auth";
import { ApiError, route } from "@/lib/api-error";
import { hasRole } from "@/lib/authz";
import { BundleError, importBundle, readBundle } from "@/lib/bundles";
import { env } from "@/lib/env";
import { readBodyLimited } from "@/lib/uploads";

export const dynamic = "force-dynamic";

/** Creates a challenge from a bundle (the zip as the body; `?slug=` renames it). Organisers only. */
export const POST = route(async (req: Request) => {
  const { user } = await requireApiUser(req, "import a challenge");
  if (!hasRole(user, "organiser")) throw new ApiError(403, "forbidden", "Only organisers can create challenges.");
  const maxBytes = env().MAX_UPLOAD_MB * 1024 * 1024;
  const zip = await readBodyLimited(req.body, maxBytes);
  const slug = new URL(req.url).searchParams.get("slug") || undefined;
  try {
    // Unzipped, a bundle may be 8 times the upload limit (its CSVs compress ~4x); a zip bomb stops there.
    const created = await importBundle(await getDb(), await readBundle(zip, { maxUnzippedBytes: maxBytes * 8 }), {
      slug,
      createdBy: user.id,
    });
    return NextResponse.json({ challenge: { slug: created.slug, url: `/challenges/${created.slug}` } }, { status: 201 });
  } catch (err) {
    if (err instanceof BundleError) throw new ApiError(400, "bad_bundle", err.message);
    throw err;
  }
});
