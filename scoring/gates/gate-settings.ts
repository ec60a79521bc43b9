/**
 * A challenge's gates, as the organiser switches them on (challenge.config.gates, so bundles carry them with the
 * rest of the config): which checks, each with its threshold and, for the correlation check, the name of the column
 * the key's Aux holds. One zod schema reads both the forms' flat fields and the API's JSON, for every caller.
 *
 * Form fields, per gate id: `gate-<id>` = "on" switches it on, `gate-<id>-threshold` (empty: the published one),
 * `gate-cvm-correlation-column` (a label, e.g. "mass"). JSON: `{ "gates": [{ "id": "ks-agreement", "threshold": 0.09 }] }`.
 * Example: { "gate-ks-agreement": "on", "gate-ks-agreement-threshold": "" } → [{ id: "ks-agreement", threshold: 0.09 }].
 */
import { z } from "zod";
import { MIN_EVENTS_PER_GATE_BIN } from "../metrics/mass-sculpting";
import { ORIGIN_REAL, ORIGIN_SIMULATED, USAGE, type Solution } from "../solution";
import { GATES, type GateDescriptor } from "./gate-descriptor";

export type GateId = GateDescriptor["id"];
export const GATE_IDS = GATES.map((g) => g.id) as [GateId, ...GateId[]];

export interface GateSetting {
  id: GateId;
  threshold: number;
  /** cvm-correlation: what the key's Aux column is (shown with the result); absent = "Aux". */
  column?: string;
}

/** Form field names of a gate. */
export const gateField = (id: GateId, part?: "threshold" | "column") => `gate-${id}${part ? `-${part}` : ""}`;

const SHORT_NAMES: Record<GateId, string> = { "ks-agreement": "KS agreement", "cvm-correlation": "Correlation (CvM)" };
export const gateShortName = (id: GateId) => SHORT_NAMES[id];

/** A switched-on gate in a few words, e.g. "KS agreement below 0.09" or "Correlation (CvM) below 0.002 (column mass)". */
export const gateSummary = (g: GateSetting) => `${SHORT_NAMES[g.id]} below ${g.threshold}${g.column ? ` (column ${g.column})` : ""}`;

/**
 * Flat form fields to `{ gates: [...] }`; a body that already has a `gates` list (the API's JSON) is kept. A switch
 * that is neither on nor off (a typed `--gate-ks-agreement yes`) is reported, not read as off.
 */
function gatherGateFields(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null || "gates" in raw) return raw;
  const fields = raw as Record<string, unknown>;
  const text = (name: string) =>
    typeof fields[name] === "string" && (fields[name] as string).trim() !== "" ? (fields[name] as string).trim() : undefined;
  const unreadSwitches = GATES.flatMap((g) => {
    const value = text(gateField(g.id));
    return value === undefined || value === "on" || value === "off"
      ? []
      : [`${gateField(g.id)} must be on or off, not ${JSON.stringify(value)}`];
  });
  return {
    ...(unreadSwitches.length > 0 ? { unreadSwitches } : {}),
    gates: GATES.filter((g) => text(gateField(g.id)) === "on").map((g) => ({
      id: g.id,
      threshold: text(gateField(g.id, "threshold")),
      column: g.id === "cvm-correlation" ? text(gateField(g.id, "column")) : undefined,
    })),
  };
}

const gateSchema = z
  .object({
    id: z.enum(GATE_IDS, { message: `Unknown gate: the gates are ${GATE_IDS.join(", ")}` }),
    threshold: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      z.coerce
        .number({ message: "A gate's threshold must be a number" })
        .gt(0, "A gate's threshold must be above 0")
        .max(1, "A gate's threshold must be at most 1 (both statistics lie between 0 and 1)")
        .optional(),
    ),
    column: z.string().trim().max(60, "The column's name: at most 60 characters").optional(),
  })
  .transform((g): GateSetting => {
    const threshold = g.threshold ?? GATES.find((d) => d.id === g.id)!.defaultThreshold;
    return g.id === "cvm-correlation" && g.column ? { id: g.id, threshold, column: g.column } : { id: g.id, threshold };
  });

/** The gates of a challenge, from a form's fields or the API's JSON body. */
export const gateSettingsSchema = z.preprocess(
  gatherGateFields,
  z
    .object({
      unreadSwitches: z.array(z.string()).optional(),
      gates: z
        .array(gateSchema, { message: "gates must be a list of { id, threshold, column }" })
        .refine((list) => new Set(list.map((g) => g.id)).size === list.length, "Each gate may be switched on once"),
    })
    .superRefine(({ unreadSwitches }, ctx) => {
      for (const message of unreadSwitches ?? []) ctx.addIssue({ code: "custom", message, path: ["gates"] });
    })
    .transform(({ gates }) => ({ gates })),
);

/** The gates stored in a challenge's config; none when absent. A malformed entry is an error, not skipped. */
export function gatesOfConfig(config: Record<string, unknown> | null | undefined): GateSetting[] {
  if (!config?.gates) return [];
  const parsed = gateSettingsSchema.safeParse({ gates: config.gates });
  if (!parsed.success) throw new Error(`challenge config: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data.gates;
}

/** How many Control rows feed each check. */
export interface ControlCounts {
  /** Control rows with Origin real / simulated (the agreement check). */
  real: number;
  simulated: number;
  /** Control rows with an Aux value (the correlation check). */
  correlation: number;
}

export function controlCounts(solution: Pick<Solution, "usage" | "origin" | "aux">): ControlCounts {
  const counts: ControlCounts = { real: 0, simulated: 0, correlation: 0 };
  solution.usage.forEach((u, i) => {
    if (u !== USAGE.Control) return;
    const origin = solution.origin?.[i];
    if (origin === ORIGIN_REAL) counts.real++;
    else if (origin === ORIGIN_SIMULATED) counts.simulated++;
    if (solution.aux && !Number.isNaN(solution.aux[i]!)) counts.correlation++;
  });
  return counts;
}

/**
 * Control events per origin the agreement check needs: an honest score's KS distance between two samples of 1,000
 * is below 1.36·√(2/1000) = 0.061 in 95% of draws, under the published 0.09.
 */
export const MIN_KS_EVENTS_PER_ORIGIN = 1000;
/** The correlation check's control events: two mass bins of MIN_EVENTS_PER_GATE_BIN (mass-sculpting.ts). */
export const MIN_CORRELATION_EVENTS = 2 * MIN_EVENTS_PER_GATE_BIN;

/**
 * Why these gates cannot run on a key with these control rows and this kind of submission (empty: they can).
 * `oneScorePerEvent`: the submission is one number per event (not class probabilities, not a ranked Higgs file).
 */
export function gateRequirementIssues(gates: readonly GateSetting[], counts: ControlCounts, oneScorePerEvent: boolean): string[] {
  const issues: string[] = [];
  if (gates.length > 0 && !oneScorePerEvent)
    issues.push(
      "Gates read one score per event; this challenge's submissions are not one number per event (class probabilities or a ranked Higgs file)",
    );
  for (const g of gates) {
    if (g.id === "ks-agreement" && (counts.real < MIN_KS_EVENTS_PER_ORIGIN || counts.simulated < MIN_KS_EVENTS_PER_ORIGIN)) {
      issues.push(
        `The KS agreement check needs at least ${MIN_KS_EVENTS_PER_ORIGIN} Control rows of each Origin (real and simulated) in the answer key; it has ${counts.real} real and ${counts.simulated} simulated`,
      );
    }
    if (g.id === "cvm-correlation" && counts.correlation < MIN_CORRELATION_EVENTS) {
      issues.push(
        `The correlation check needs at least ${MIN_CORRELATION_EVENTS} Control rows with an Aux value (the column, on background events) in the answer key; it has ${counts.correlation}`,
      );
    }
  }
  return issues;
}
