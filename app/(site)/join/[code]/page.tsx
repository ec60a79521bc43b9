import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { FormError } from "@/app/_components/form-fields";
import { getDb } from "@/db";
import { ClassRuleError, joinChallengeByCode } from "@/db/queries/classes";
import { requireUser } from "@/lib/authz";
import { invalidateChallenge } from "@/lib/challenge-access";
import { verificationSetting } from "@/lib/email-verification";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Join a challenge" };

/** The link a teacher shares: signing in (or up) comes first, then one click joins the class. */
export default async function JoinPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<{ error?: string }>;
}) {
  const { code } = await params;
  const { error } = await searchParams;
  await requireUser(`/join/${encodeURIComponent(code)}`);
  async function join() {
    "use server";
    const user = await requireUser(`/join/${encodeURIComponent(code)}`);
    let slug: string;
    try {
      const db = await getDb();
      const { required } = await verificationSetting(db, Boolean(env().SMTP_URL));
      slug = (await joinChallengeByCode(db, code, user, { verificationRequired: required })).slug;
    } catch (err) {
      if (err instanceof ClassRuleError) redirect(`/join/${encodeURIComponent(code)}?error=${encodeURIComponent(err.message)}`);
      throw err;
    }
    invalidateChallenge(slug);
    redirect(`/challenges/${slug}`);
  }
  return (
    <div className="max-w-md space-y-4">
      <h1 className="text-2xl font-bold">Join a class challenge</h1>
      <p className="text-slate-600">
        Join code <code className="font-mono">{code}</code>. You will appear on the class roster, and your teacher will see your scores.
      </p>
      <FormError message={error} />
      <form action={join}>
        <button className="rounded bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">Join the challenge</button>
      </form>
    </div>
  );
}
