import type { Metadata } from "next";
import Link from "next/link";
import { VerifyEmailNotice } from "@/app/_components/verify-email-notice";
import { getDb } from "@/db";
import { currentUser } from "@/lib/authz";
import { verificationSetting } from "@/lib/email-verification";
import { env } from "@/lib/env";
import { authHref } from "@/lib/return-path";
import { isMetricId, METRICS } from "@/scoring/registry";
import { loadChallenge } from "../load";
import { kindOf, modelContract } from "@/challenges";
import { currentSubmissionMode } from "@/lib/onnx/upload";
import { ModelContractPanel } from "./model-contract";
import { readerStanding } from "@/lib/reader-standing";
import { YourStanding } from "../your-standing";
import { UploadForm } from "./upload-form";

export const metadata: Metadata = { title: "Submit" };

export default async function SubmitPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { challenge } = await loadChallenge(slug);
  const user = await currentUser();
  if (!user) {
    return (
      <p className="text-slate-600">
        <Link href={authHref("/sign-in", `/challenges/${slug}/submit`)} className="text-brand-600 underline">
          Sign in
        </Link>{" "}
        to submit predictions.
      </p>
    );
  }
  if (challenge.state.status !== "open") {
    return <p className="text-slate-600">This challenge is {challenge.state.status}: it does not accept submissions now.</p>;
  }
  if (!user.emailVerified && (await verificationSetting(await getDb(), Boolean(env().SMTP_URL))).required) {
    return <VerifyEmailNotice user={user} required />;
  }
  const precision = isMetricId(challenge.metricId) ? METRICS[challenge.metricId].precision : 4;
  const contract = modelContract(challenge.kind);
  const pages = kindOf(challenge.kind).pages;
  const accepts = contract ? currentSubmissionMode(challenge.state) : "predictions";
  const mine = await readerStanding(challenge, user);
  return (
    <div className="space-y-4">
      {mine && <YourStanding slug={slug} mine={mine} />}
      <p className="text-sm text-slate-600">
        {pages?.submitIntro}
        Your team may submit {challenge.dailySubmissionLimit} times per UTC day; failed submissions do not count. The public score appears
        as soon as scoring finishes.
      </p>
      {contract && accepts !== "predictions" && (
        <ModelContractPanel contract={contract} maxMb={challenge.modelMaxMb} latencyBudgetMs={challenge.latencyBudgetMs} />
      )}
      <UploadForm
        slug={slug}
        precision={precision}
        accepts={accepts}
        maxMb={accepts === "models" ? challenge.modelMaxMb : env().MAX_UPLOAD_MB}
        designExample={pages?.submitExample}
      />
    </div>
  );
}
