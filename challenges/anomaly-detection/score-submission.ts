/**
 * An anomaly-detection submission (`EventId,score`) scored behind the mass-sculpting gate, the general correlation
 * check (scoring/gates/) that every anomaly challenge has on: its scores on the server's background-only control
 * events (hidden among the test events, Usage=Control with their m_JJ in Aux) must not depend on m_JJ, else it is
 * rejected with the statistic and no score. Then the challenge's metric on the Public and Private subsets.
 *
 * Example: a score equal to m_JJ gives a statistic ≈ 0.158 ≥ 0.002 and fails; a score from τ21 alone
 * (nearly independent of m_JJ in the background) passes with ~1e-4 and is ranked by ε_S at ε_B = 10⁻³.
 */
import type { ByteSource } from "../../scoring/parsing/byte-source";
import { GateFailedError } from "../../scoring/gates/apply-gates";
import type { GateSetting } from "../../scoring/gates/gate-settings";
import { MASS_SCULPTING_THRESHOLD, MIN_EVENTS_PER_GATE_BIN } from "../../scoring/metrics/mass-sculpting";
import { scoreSubmission, type MetricId, type ScoreResult } from "../../scoring/registry";
import type { Solution } from "../../scoring/solution";

/** The control events need 20 bins of MIN_EVENTS_PER_GATE_BIN for the gate's full resolution. */
export const MIN_CONTROL_EVENTS = 20 * MIN_EVENTS_PER_GATE_BIN;

/** The gate every anomaly challenge runs, at Flavours of Physics' threshold. */
export const MASS_SCULPTING_GATE: GateSetting = { id: "cvm-correlation", threshold: MASS_SCULPTING_THRESHOLD, column: "m_JJ" };

/** `solution` must carry the control rows' m_JJ (Solution.aux), as the kind's `scoring.control` asks the worker. */
export async function scoreAnomalySubmission(req: {
  solution: Solution;
  submission: ByteSource;
  metricId: MetricId;
  bootstrap?: number;
  seed?: number;
}): Promise<ScoreResult> {
  let result: ScoreResult;
  try {
    result = await scoreSubmission({ ...req, gates: [MASS_SCULPTING_GATE] });
  } catch (err) {
    if (!(err instanceof GateFailedError)) throw err;
    const gate = err.outcomes[0]!;
    const message =
      `Rejected by the mass-sculpting gate: on background-only control events your scores depend on m_JJ ` +
      `(Cramér–von Mises statistic ${gate.statistic.toPrecision(3)}, must be below ${gate.threshold}). ` +
      `A score that tracks the dijet mass would sculpt a fake bump; decorrelate it from m_JJ (e.g. drop m_JJ as an input).`;
    throw new GateFailedError(err.outcomes, [{ line: null, message }]);
  }
  for (const subset of [result.Public, result.Private]) subset.massSculpting = result.gates![0]!.statistic;
  return result;
}
