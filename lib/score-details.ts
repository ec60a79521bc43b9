/**
 * The names and one-line meanings of the numbers stored with a score (scoring/ and challenges/ write them under
 * short keys), for the submission page. A key without an entry is shown as it is, last.
 */
import { formatScore } from "@/scoring/score-value";
import { BUDGET } from "@/challenges/detector-design";
import { MASS_SCULPTING_THRESHOLD } from "@/scoring/metrics/mass-sculpting";

interface DetailInfo {
  label: string;
  explain: string;
}

const DETAILS: Record<string, DetailInfo> = {
  ams: { label: "AMS", explain: "Approximate median significance of the events you marked as signal (s), against the background (b)." },
  s: { label: "Signal weight selected (s)", explain: "Sum of the weights of true signal events among those you marked as signal." },
  b: { label: "Background weight selected (b)", explain: "Sum of the weights of background events you marked as signal." },
  curveMax: {
    label: "Best AMS over cut-offs",
    explain: "The highest AMS any cut on your RankOrder would have reached (the curve's maximum).",
  },
  curveMaxSelected: { label: "Events selected at the best cut", explain: "How many top-ranked events that best cut-off keeps as signal." },
  auc: { label: "ROC AUC", explain: "Probability that a random signal event scores above a random background event (0.5 = guessing)." },
  "eff-at-1e-2": { label: "ε_S at ε_B = 10⁻²", explain: "Fraction of signal kept when the cut lets 1 % of the background through." },
  "eff-at-1e-3": { label: "ε_S at ε_B = 10⁻³", explain: "Fraction of signal kept when the cut lets 0.1 % of the background through." },
  sic: { label: "Max SIC", explain: "The best significance improvement ε_S/√ε_B over all cuts: how much a cut multiplies S/√B." },
  sicEpsS: { label: "ε_S at max SIC", explain: "Signal efficiency of the cut that gives the best SIC." },
  sicEpsB: { label: "ε_B at max SIC", explain: "Background efficiency of that cut (cuts keeping too little background are not counted)." },
  sicThreshold: { label: "Score cut at max SIC", explain: "Your score value at which that cut sits." },
  massSculpting: {
    label: "Mass-sculpting statistic",
    explain: `Validity gate: how much your scores depend on the dijet mass m_JJ on background-only control events (Cramér–von Mises); a submission passes below ${MASS_SCULPTING_THRESHOLD}.`,
  },
  efficiency: { label: "Track efficiency", explain: "Fraction of simulated tracks the design reconstructs." },
  cost: { label: "Cost", explain: `What the tubes and layers cost, in units; the budget is ${BUDGET}.` },
  penalty: { label: "Budget penalty", explain: "Subtracted from the efficiency: gentle up to the budget, steep beyond it." },
  resolution: { label: "Resolution (cm)", explain: "RMS difference between fitted and true track intercepts of reconstructed tracks." },
  tracks: { label: "Tracks simulated", explain: "Number of tracks the design was scored on." },
  seed: { label: "Track seed", explain: "The seed of the simulated tracks (the public one; the private one stays secret)." },
  simulatorVersion: { label: "Simulator version", explain: "Version of the track simulator that scored the design." },
  generator: { label: "Random generator", explain: "The pseudo-random generator behind the tracks." },
  designHash: { label: "Design hash", explain: "SHA-256 of the design's canonical form: the same design always has the same hash." },
};

export interface ShownDetail {
  key: string;
  label: string;
  explain: string | null;
  value: string;
}

/** The scalar details in a reading order: known keys as listed above, then any others. */
export function describeDetails(details: Record<string, unknown>): ShownDetail[] {
  const scalars = Object.entries(details).filter(
    (e): e is [string, number | string] => typeof e[1] === "number" || typeof e[1] === "string",
  );
  const order = Object.keys(DETAILS);
  const rank = (k: string) => (Object.hasOwn(DETAILS, k) ? order.indexOf(k) : order.length);
  return scalars
    .sort((a, b) => rank(a[0]) - rank(b[0]))
    .map(([key, v]) => {
      const info = Object.hasOwn(DETAILS, key) ? DETAILS[key]! : undefined;
      return {
        key,
        label: info?.label ?? key,
        explain: info?.explain ?? null,
        value: typeof v !== "number" ? v : Number.isFinite(v) ? String(Number(v.toPrecision(6))) : formatScore(v, 0),
      };
    });
}
