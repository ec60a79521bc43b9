import type { Metadata } from "next";
import { KIND_OPTIONS } from "@/challenges/simulated";
import { requireRole } from "@/lib/authz";
import { METRICS, isMetricId } from "@/scoring/registry";
import { createChallengeAction, previewMarkdownAction } from "./actions";
import { NewChallengeForm } from "./new-challenge-form";

export const metadata: Metadata = { title: "New challenge" };

export default async function NewChallengePage() {
  await requireRole("organiser");
  const kinds = Object.entries(KIND_OPTIONS).map(([id, k]) => ({
    id,
    label: k.label,
    metrics: k.metrics,
    sized: k.sized,
    systematics: k.systematics,
  }));
  const metricLabels = Object.fromEntries(kinds.flatMap((k) => k.metrics).map((m) => [m, isMetricId(m) ? METRICS[m].label : m]));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">New challenge</h1>
      <p className="max-w-2xl text-slate-600">
        The data are simulated for this challenge from a fresh 256-bit secret key, so a class gets fresh data every year and nobody can
        rebuild the answers. Private challenges get a join code to share with students.
      </p>
      <NewChallengeForm action={createChallengeAction} preview={previewMarkdownAction} kinds={kinds} metricLabels={metricLabels} />
    </div>
  );
}
