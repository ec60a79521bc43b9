/**
 * An anomaly-detection submission (`EventId,score`) scored behind the mass-sculpting gate: its scores on the
 * server's background-only control events (hidden among the test events) must not depend on m_JJ, else it is
 * rejected with the statistic and no score. Then the challenge's metric on the Public and Private subsets.
 *
 * Example: a score equal to m_JJ gives a statistic ≈ 0.158 ≥ 0.002 and fails; a score from τ21 alone
 * (nearly independent of m_JJ in the background) passes with ~1e-4 and is ranked by ε_S at ε_B = 10⁻³.
 */
import type { ByteSource } from "../../scoring/byte-source";
import { SubmissionFormatError } from "../../scoring/errors";
import { massSculpting } from "../../scoring/metrics/mass-sculpting";
import { scoreSubmission, type MetricId, type ScoreResult } from "../../scoring/registry";
import type { Solution } from "../../scoring/solution";
import { createSolutionIndex } from "../../scoring/solution-index";
import { parseScoreSubmission } from "../../scoring/submission-scores";
import type { ControlSample } from "../kind";

/**
 * Bins of at least 500 events: a mass-independent score still scores about 1/(6·n_b) from sampling noise alone,
 * which must stay well below the 0.002 threshold (3e-4 at 500 per bin), else honest submissions would fail.
 */
export const MIN_EVENTS_PER_GATE_BIN = 500;

export function gateBins(controlEvents: number): number {
  const bins = Math.min(20, Math.floor(controlEvents / MIN_EVENTS_PER_GATE_BIN));
  if (bins < 2) throw new Error(`the control sample has ${controlEvents} events; the gate needs at least ${2 * MIN_EVENTS_PER_GATE_BIN}`);
  return bins;
}

/** The control events need 20 bins of MIN_EVENTS_PER_GATE_BIN for the gate's full resolution. */
export const MIN_CONTROL_EVENTS = 20 * MIN_EVENTS_PER_GATE_BIN;

// The worker keeps one solution and one control sample per dataset; their rows are looked up once, not per submission.
const controlRowCache = new WeakMap<Solution, WeakMap<ControlSample, Int32Array>>();

/** Solution rows of the control events. */
function controlRows(solution: Solution, control: ControlSample): Int32Array {
  let perSolution = controlRowCache.get(solution);
  if (!perSolution) controlRowCache.set(solution, (perSolution = new WeakMap()));
  let rows = perSolution.get(control);
  if (!rows) {
    const index = createSolutionIndex(solution);
    const encoder = new TextEncoder();
    rows = Int32Array.from(control.eventId, (id) => {
      const text = encoder.encode(String(id));
      const row = index.lookup(text, 0, text.length);
      if (row < 0) throw new Error(`control event ${id} is not in the solution`);
      return row;
    });
    perSolution.set(control, rows);
  }
  return rows;
}

export async function scoreAnomalySubmission(req: {
  solution: Solution;
  submission: ByteSource;
  metricId: MetricId;
  control: ControlSample;
  bootstrap?: number;
  seed?: number;
}): Promise<ScoreResult> {
  const parsed = await parseScoreSubmission(req.submission, createSolutionIndex(req.solution));
  const rows = controlRows(req.solution, req.control);
  const scores = Float64Array.from(rows, (row) => parsed.scores[row]!);
  const gate = massSculpting(scores, req.control.aux, { bins: gateBins(rows.length) });
  if (!gate.passed) {
    const message =
      `Rejected by the mass-sculpting gate: on background-only control events your scores depend on m_JJ ` +
      `(Cramér–von Mises statistic ${gate.statistic.toPrecision(3)}, must be below ${gate.threshold}). ` +
      `A score that tracks the dijet mass would sculpt a fake bump; decorrelate it from m_JJ (e.g. drop m_JJ as an input).`;
    throw new SubmissionFormatError([{ line: null, message }]);
  }
  const result = await scoreSubmission({ solution: req.solution, submission: parsed, metricId: req.metricId, bootstrap: req.bootstrap, seed: req.seed });
  for (const subset of [result.Public, result.Private]) subset.massSculpting = gate.statistic;
  return result;
}
