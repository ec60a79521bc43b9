"use client";

import { useActionState, useState } from "react";
import { Field, FormError } from "@/app/_components/form-fields";
import type { SystematicKnob } from "@/challenges/kind";
import type { ActionState } from "@/lib/action";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;
type KindInfo = { id: string; label: string; metrics: readonly string[]; sized: boolean; systematics: readonly SystematicKnob[] };

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 16);

export function NewChallengeForm({
  action,
  preview,
  kinds,
  metricLabels,
}: {
  action: Action;
  preview: (md: string) => Promise<string>;
  kinds: KindInfo[];
  metricLabels: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  const [kindId, setKindId] = useState(v.kind ?? kinds[0]!.id);
  const kind = kinds.find((k) => k.id === kindId) ?? kinds[0]!;
  const [description, setDescription] = useState(v.description ?? "");
  const [html, setHtml] = useState<string | null>(null);
  const err = (name: string) => state.fieldErrors?.[name];
  return (
    <form action={formAction} className="max-w-2xl space-y-6">
      <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <legend className="px-1 font-semibold">1. Kind</legend>
        <label htmlFor="field-kind" className="block text-sm font-medium">
          Kind of challenge
        </label>
        <select
          id="field-kind"
          name="kind"
          value={kindId}
          onChange={(e) => setKindId(e.target.value)}
          className="w-full rounded border border-slate-300 px-3 py-2"
        >
          {kinds.map((k) => (
            <option key={k.id} value={k.id}>
              {k.label}
            </option>
          ))}
        </select>
        <label htmlFor="field-metricId" className="block text-sm font-medium">
          Metric
        </label>
        <select
          id="field-metricId"
          name="metricId"
          // Keyed on the submitted value too: React applies a select's defaultValue only when it mounts, and the reset
          // that follows a refused submission would put back the first default (the same for the selects below).
          key={`${kind.id}-${v.metricId ?? ""}`}
          defaultValue={v.metricId ?? kind.metrics[0]}
          className="w-full rounded border border-slate-300 px-3 py-2"
        >
          {kind.metrics.map((m) => (
            <option key={m} value={m}>
              {metricLabels[m] ?? m}
            </option>
          ))}
        </select>
        {err("metricId")?.map((e) => (
          <p key={e} className="text-sm text-red-600">
            {e}
          </p>
        ))}
      </fieldset>

      <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <legend className="px-1 font-semibold">2. Title and description</legend>
        <Field label="Title" name="title" defaultValue={v.title} errors={err("title")} />
        <Field
          label="Slug (the address: /challenges/…)"
          name="slug"
          defaultValue={v.slug}
          errors={err("slug")}
          placeholder="physics-101-2026"
        />
        <Field label="Summary (one line)" name="summary" defaultValue={v.summary} errors={err("summary")} />
        <label htmlFor="field-description" className="block text-sm font-medium">
          Description (Markdown; empty = the kind&apos;s standard text)
        </label>
        <textarea
          id="field-description"
          name="description"
          rows={6}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          className="w-full rounded border border-slate-300 px-3 py-2 font-mono text-sm"
        />
        <button
          type="button"
          onClick={async () => setHtml(await preview(description))}
          className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
        >
          Preview
        </button>
        {html !== null && (
          <div
            data-testid="preview"
            className="prose max-w-none rounded border border-slate-200 p-3"
            dangerouslySetInnerHTML={{ __html: html }}
          />
        )}
      </fieldset>

      <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <legend className="px-1 font-semibold">3. Data from the simulator</legend>
        <Field
          label="Seed (leave empty: the data come from a fresh 256-bit secret key)"
          name="seed"
          type="number"
          defaultValue={v.seed}
          errors={err("seed")}
        />
        <p className="text-sm text-amber-700">
          A typed seed makes the data reproducible, and so publicly reconstructable: anyone who learns or guesses it can regenerate the
          answer key. Type one only for practice challenges.
        </p>
        {kind.sized && (
          <>
            <Field
              label="Training events"
              name="trainEvents"
              type="number"
              defaultValue={v.trainEvents ?? "10000"}
              errors={err("trainEvents")}
            />
            <Field label="Test events" name="testEvents" type="number" defaultValue={v.testEvents ?? "10000"} errors={err("testEvents")} />
          </>
        )}
        <Field
          label="Share of test events on the public leaderboard"
          name="publicFraction"
          type="number"
          step="0.01"
          defaultValue={v.publicFraction ?? "0.3"}
          errors={err("publicFraction")}
        />
        {kind.systematics.length > 0 && (
          <details
            className="rounded border border-slate-200 p-3"
            open={kind.systematics.some((k) => (v[k.name] ?? "") !== "" && v[k.name] !== String(k.nominal))}
          >
            <summary className="cursor-pointer text-sm font-medium">Test-set systematics (optional: a robustness challenge)</summary>
            <p className="mt-2 text-sm text-slate-600">
              Left at their nominal values, training and test data come from the same simulation. Shifted, the training set stays nominal
              and the test set holds the same simulated events with these shifts applied (an event a shift moves out of the selection drops
              out), so entries are scored on data that differ from what they were trained on, and a score&apos;s change is the systematic
              effect alone. The values are kept with the server-only secrets: your manage page lists them, competitors are not told them.
            </p>
            {kind.systematics.map((k) => (
              <Field
                key={k.name}
                label={`${k.label}: nominal ${k.nominal}, ${k.min} to ${k.max}`}
                name={k.name}
                type="number"
                step="any"
                defaultValue={v[k.name] ?? String(k.nominal)}
                errors={err(k.name)}
              />
            ))}
          </details>
        )}
      </fieldset>

      <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <legend className="px-1 font-semibold">4. Dates, rules and who may join</legend>
        <Field label="Starts (UTC)" name="startsAt" type="datetime-local" defaultValue={v.startsAt ?? day(0)} errors={err("startsAt")} />
        <Field label="Ends (UTC)" name="endsAt" type="datetime-local" defaultValue={v.endsAt ?? day(14)} errors={err("endsAt")} />
        <Field
          label="Optional final phase ends (UTC): a second phase right after the first"
          name="finalEndsAt"
          type="datetime-local"
          defaultValue={v.finalEndsAt}
          errors={err("finalEndsAt")}
        />
        {(["mainMode", "finalMode"] as const).map((name) => (
          <div key={name}>
            <label htmlFor={`field-${name}`} className="block text-sm font-medium">
              {name === "mainMode" ? "The first phase takes" : "The final phase takes"}
            </label>
            <select
              id={`field-${name}`}
              name={name}
              key={`${name}-${v[name] ?? ""}`}
              defaultValue={v[name] ?? "predictions"}
              className="w-full rounded border border-slate-300 px-3 py-2"
            >
              <option value="predictions">Predictions files (competitors download test.csv)</option>
              <option value="models">ONNX models only (test.csv hidden: the server runs each model on it)</option>
              <option value="both">Predictions or ONNX models</option>
            </select>
            {err(name) && <p className="mt-1 text-sm text-red-600">{err(name)!.join(" ")}</p>}
          </div>
        ))}
        <Field
          label="Largest ONNX model (MB)"
          name="modelMaxMb"
          type="number"
          defaultValue={v.modelMaxMb ?? "50"}
          errors={err("modelMaxMb")}
        />
        <Field
          label="Optional latency budget for models (ms per 1,000 events on the worker; slower models fail)"
          name="latencyBudgetMs"
          type="number"
          step="any"
          defaultValue={v.latencyBudgetMs}
          errors={err("latencyBudgetMs")}
        />
        <Field
          label="Submissions per team per day"
          name="dailySubmissionLimit"
          type="number"
          defaultValue={v.dailySubmissionLimit ?? "5"}
          errors={err("dailySubmissionLimit")}
        />
        <Field label="Largest team" name="maxTeamSize" type="number" defaultValue={v.maxTeamSize ?? "1"} errors={err("maxTeamSize")} />
        <Field
          label="Final selections per team"
          name="finalSelections"
          type="number"
          defaultValue={v.finalSelections ?? "2"}
          errors={err("finalSelections")}
        />
        <label htmlFor="field-visibility" className="block text-sm font-medium">
          Visibility
        </label>
        <select
          id="field-visibility"
          name="visibility"
          key={`visibility-${v.visibility ?? ""}`}
          defaultValue={v.visibility ?? "private"}
          className="w-full rounded border border-slate-300 px-3 py-2"
        >
          <option value="private">Private: invite-only with a join code (a class)</option>
          <option value="public">Public: anyone can see and enter</option>
        </select>
        <Field
          label="Only these email domains may join (optional, comma-separated)"
          name="allowedEmailDomains"
          defaultValue={v.allowedEmailDomains}
          errors={err("allowedEmailDomains")}
          placeholder="school.example.org"
        />
      </fieldset>

      <FormError message={state.error} />
      <button disabled={pending} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Simulating the data…" : "Create the challenge"}
      </button>
    </form>
  );
}
