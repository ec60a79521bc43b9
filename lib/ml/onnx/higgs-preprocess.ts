/**
 * The Higgs baselines' preprocessing (challenges/higgs-tautau/baseline/preprocess.ts and symmetry.ts) as ONNX
 * operators, so an exported baseline takes test.csv's 30 float32 features as they are. Computed in float64, as the
 * trainer computes it, and rounded to float32 at the end: each step is the same IEEE operation in the same order
 * (wrap(φ) = φ − 2π·floor((φ + π) / 2π), sign flips, (x − mean) / std), so the trees see bit-identical values.
 * The one difference: log(1 + x) is Log(Add) here and Math.log1p there, which may differ in the last bit of a double
 * and so, rarely, by one float32 step after rounding.
 */
import type { PreprocessorState } from "@/challenges/higgs-tautau/baseline/preprocess";
import { FEATURE_INDEX as F, HIGGS_FEATURES, MISSING } from "@/challenges/higgs-tautau/schema";
import { ELEM_DOUBLE, ELEM_FLOAT, type GraphBuilder } from "@/lib/onnx/write-model";

const ETAS = [F.PRI_tau_eta, F.PRI_lep_eta, F.PRI_jet_leading_eta, F.PRI_jet_subleading_eta];
/** PRI_lep_phi first: its rotated sign decides the φ flip. */
const PHIS = [F.PRI_lep_phi, F.PRI_met_phi, F.PRI_jet_leading_phi, F.PRI_jet_subleading_phi];

function columns(b: GraphBuilder, x: string, indices: number[]): string {
  return b.node("Gather", [x, b.int64s(indices)], { axis: { i: 1 } });
}

/** Where(flip and not missing, −v, v). */
function flipWhere(b: GraphBuilder, v: string, flip: string, missing: string): string {
  return b.node("Where", [b.node("And", [flip, b.node("Not", [missing])]), b.node("Neg", [v]), v]);
}

/** The symmetrised 29 (or the 30 untouched) columns in the trainer's order, float64, −999 still marking missing. */
function symmetrised(b: GraphBuilder, xd: string, symmetrise: boolean): string {
  if (!symmetrise) return xd;
  const minus999 = b.doubles([MISSING], []);
  const phis = columns(b, xd, PHIS);
  const phiMissing = b.node("Equal", [phis, minus999]);
  const r = b.node("Sub", [phis, columns(b, xd, [F.PRI_tau_phi])]);
  const twoPi = b.doubles([2 * Math.PI], []);
  const pi = b.doubles([Math.PI], []);
  const wrapped = b.node("Sub", [r, b.node("Mul", [twoPi, b.node("Floor", [b.node("Div", [b.node("Add", [r, pi]), twoPi])])])]);
  const wrappedOpen = b.node("Where", [b.node("Equal", [wrapped, b.doubles([-Math.PI], [])]), pi, wrapped]);
  const rotated = b.node("Where", [phiMissing, phis, wrappedOpen]);

  const etas = columns(b, xd, ETAS);
  const zero = b.doubles([0], []);
  const etaFlip = b.node("Less", [columns(b, xd, [F.PRI_tau_eta]), zero]);
  const etasOut = flipWhere(b, etas, etaFlip, b.node("Equal", [etas, minus999]));
  const phiFlip = b.node("Less", [columns(b, rotated, [0]), zero]);
  const phisOut = flipWhere(b, rotated, phiFlip, phiMissing);

  const others = HIGGS_FEATURES.map((_, f) => f).filter((f) => !ETAS.includes(f) && !PHIS.includes(f) && f !== F.PRI_tau_phi);
  const joined = b.node("Concat", [columns(b, xd, others), phisOut, etasOut], { axis: { i: 1 } });
  // Back to the trainer's order: HIGGS_FEATURES without PRI_tau_phi.
  const order = [...others, ...PHIS, ...ETAS];
  const keep = HIGGS_FEATURES.map((_, f) => f).filter((f) => f !== F.PRI_tau_phi);
  return columns(
    b,
    joined,
    keep.map((f) => order.indexOf(f)),
  );
}

/** The preprocessed float32 matrix [N, state.columns.length] from the raw float32 features `x` [N, 30]. */
export function higgsPreprocess(b: GraphBuilder, x: string, state: PreprocessorState): string {
  const sym = symmetrised(b, b.node("Cast", [x], { to: { i: ELEM_DOUBLE } }), state.symmetrise);
  const missing = b.node("Equal", [sym, b.doubles([MISSING], [])]);
  const toFloat = (v: string) => b.node("Cast", [v], { to: { i: ELEM_FLOAT } });
  if (state.style === "raw") return toFloat(b.node("Where", [missing, b.doubles([NaN], []), sym]));

  const values = state.columns.filter((c) => c.kind !== "missing-indicator");
  const indicators = state.columns.filter((c) => c.kind === "missing-indicator");
  // The value columns are the symmetrised columns in order (fitPreprocessor lists each once, then the indicators).
  if (values.some((c, j) => c.source !== j) || state.columns.slice(0, values.length).some((c) => c.kind === "missing-indicator")) {
    throw new Error("preprocessor columns are not in fitPreprocessor's order: value columns first, one per input column");
  }
  const isLog = b.constant(
    Uint8Array.from(values, (c) => (c.kind === "log1p" ? 1 : 0)),
    [1, values.length],
  );
  // log(1 + x) of a missing −999 is NaN; the Where below replaces every missing value by 0 anyway.
  const transformed = b.node("Where", [isLog, b.node("Log", [b.node("Add", [sym, b.doubles([1], [])])]), sym]);
  const standardised = b.node("Div", [
    b.node("Sub", [transformed, b.doubles(values.map((c) => c.mean))]),
    b.doubles(values.map((c) => c.std)),
  ]);
  const valuesOut = b.node("Where", [missing, b.doubles([0], []), standardised]);
  if (indicators.length === 0) return toFloat(valuesOut);
  const flags = b.node(
    "Cast",
    [
      columns(
        b,
        missing,
        indicators.map((c) => c.source),
      ),
    ],
    { to: { i: ELEM_DOUBLE } },
  );
  return toFloat(b.node("Concat", [valuesOut, flags], { axis: { i: 1 } }));
}
