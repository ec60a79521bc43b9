import { z } from "zod";
import { SUBMISSION_MODES } from "@/challenges/shared/model-contract";
import { KIND_OPTIONS, SIMULATED_KIND_IDS } from "@/challenges/simulated";
import { emailSchema } from "./auth";

/** A challenge's address: /challenges/<slug>. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,48}[a-z0-9])$/;

const count = (label: string) => z.coerce.number({ message: `${label} must be a number` }).int(`${label} must be a whole number`);
const optionalInt = z.preprocess(
  (v) => (v === "" || v === undefined ? undefined : v),
  z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
);

/** Every systematics knob some kind offers: the form sends each as a field of its own name. */
const KNOB_NAMES = [...new Set(Object.values(KIND_OPTIONS).flatMap((k) => k.systematics.map((knob) => knob.name)))];

/** Gathers the knob fields the form filled in into `testSystematics`, checked below against the chosen kind's knobs. */
function gatherKnobs(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null) return raw;
  const fields = raw as Record<string, unknown>;
  const given = KNOB_NAMES.filter((name) => fields[name] !== undefined && fields[name] !== "");
  return { ...fields, testSystematics: Object.fromEntries(given.map((name) => [name, String(fields[name])])) };
}

/**
 * A challenge made from a simulator, as the organiser's form sends it (FormData strings). One schema for the
 * form's messages and the server's check; rules that span fields are refinements with the field as path.
 * Systematics knobs left empty are nominal (the simulator's default).
 */
export const newChallengeSchema = z.preprocess(
  gatherKnobs,
  z
    .object({
      kind: z.enum(SIMULATED_KIND_IDS, { message: "Choose a kind of challenge" }),
      title: z.string().trim().min(3, "Give the challenge a title (3 characters or more)").max(120),
      slug: z.string().trim().toLowerCase().regex(SLUG_PATTERN, "Use 3–50 lower-case letters, digits and dashes, e.g. physics-101-2026"),
      summary: z.string().trim().max(300).default(""),
      description: z.string().max(50_000).default(""),
      metricId: z.string().min(1, "Choose a metric"),
      seed: optionalInt,
      trainEvents: count("Training events").min(100, "At least 100 training events").default(10_000),
      testEvents: count("Test events").min(100, "At least 100 test events").default(10_000),
      publicFraction: z.coerce.number().gt(0, "The public share must be above 0").lt(1, "The public share must be below 1").default(0.3),
      startsAt: z.coerce.date({ message: "Enter a start date" }),
      endsAt: z.coerce.date({ message: "Enter an end date" }),
      /** Optional later phase ("Final", as Codabench's final phase): from the end of the first to this date. */
      finalEndsAt: z.preprocess(
        (v) => (v === "" || v === undefined ? undefined : v),
        z.coerce.date({ message: "Enter a valid date" }).optional(),
      ),
      /** What each phase takes: predictions files, ONNX models run on hidden test features, or both. */
      mainMode: z.enum(SUBMISSION_MODES, { message: "Choose what the phase takes" }).default("predictions"),
      finalMode: z.enum(SUBMISSION_MODES, { message: "Choose what the phase takes" }).default("predictions"),
      modelMaxMb: count("The model size limit").min(1, "At least 1 MB").max(500, "At most 500 MB").default(50),
      /** Trigger-style budget: models slower than this many ms per 1,000 events fail. */
      latencyBudgetMs: z.preprocess(
        (v) => (v === "" || v === undefined ? undefined : v),
        z.coerce.number({ message: "The latency budget must be a number" }).positive("The latency budget must be above 0").optional(),
      ),
      dailySubmissionLimit: count("The daily limit").min(1).max(100).default(5),
      maxTeamSize: count("The team size").min(1).max(50).default(1),
      finalSelections: count("Final selections").min(1).max(10).default(2),
      visibility: z.enum(["public", "private"]).default("private"),
      allowedEmailDomains: z
        .string()
        .default("")
        .transform((s) =>
          s
            .split(/[\s,]+/)
            .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
            .filter(Boolean),
        )
        .pipe(z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "Email domains look like school.example.org")).max(20)),
      /** Shifts of the test set's systematic uncertainties (a robustness challenge), by knob name, as typed. */
      testSystematics: z.record(z.string(), z.string()).default({}),
    })
    .superRefine((v, ctx) => {
      if (v.endsAt <= v.startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end must be after the start" });
      if (v.finalEndsAt && v.finalEndsAt <= v.endsAt)
        ctx.addIssue({ code: "custom", path: ["finalEndsAt"], message: "The final phase must end after the first one" });
      const kind = KIND_OPTIONS[v.kind]!;
      if (!kind.models && (v.mainMode !== "predictions" || v.finalMode !== "predictions")) {
        ctx.addIssue({
          code: "custom",
          path: [v.mainMode !== "predictions" ? "mainMode" : "finalMode"],
          message: `${kind.category} challenges take ${kind.uploads}, not ONNX models`,
        });
      }
      if (!kind.metrics.includes(v.metricId)) {
        ctx.addIssue({ code: "custom", path: ["metricId"], message: `A ${kind.label} challenge is scored by ${kind.metrics.join(", ")}` });
      }
      if (kind.sized && v.trainEvents > kind.maxTrain)
        ctx.addIssue({ code: "custom", path: ["trainEvents"], message: `At most ${kind.maxTrain.toLocaleString("en")} training events` });
      if (kind.sized && v.testEvents > kind.maxTest)
        ctx.addIssue({ code: "custom", path: ["testEvents"], message: `At most ${kind.maxTest.toLocaleString("en")} test events` });
      const knobs = new Map(kind.systematics.map((knob) => [knob.name, knob]));
      for (const [name, text] of Object.entries(v.testSystematics)) {
        const knob = knobs.get(name);
        const issue = (message: string) => ctx.addIssue({ code: "custom", path: [name], message });
        if (!knob) {
          issue(`Systematic shifts are not offered for ${kind.label} challenges`);
          continue;
        }
        const label = knob.label.replace(/ \(.*\)$/, "");
        const x = Number(text.trim());
        if (text.trim() === "" || !Number.isFinite(x)) issue(`${label} must be a number`);
        else if (x < knob.min || x > knob.max) issue(`${label} must be between ${knob.min} and ${knob.max}`);
      }
    })
    .transform((v) => ({
      ...v,
      testSystematics: Object.fromEntries(Object.entries(v.testSystematics).map(([name, text]) => [name, Number(text)])),
    })),
);

export type NewChallenge = z.infer<typeof newChallengeSchema>;

/** One roster line of a teacher's bulk account CSV: `name,email`. */
export const rosterLineSchema = z.object({ name: z.string().trim().min(1, "the name is empty").max(100), email: emailSchema });
