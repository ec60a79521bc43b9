/**
 * Allocation-free four-vector arithmetic: a vector is four consecutive slots
 * (px, py, pz, E) of a Float64Array, addressed by offset, so the hot loop of the
 * simulator reuses one scratch buffer instead of creating objects per particle.
 * Energies and momenta are in GeV.
 */
import type { Random } from "../../shared/random";

export const PX = 0;
export const PY = 1;
export const PZ = 2;
export const E = 3;

export function setPtEtaPhiM(b: Float64Array, o: number, pt: number, eta: number, phi: number, m: number): void {
  const px = pt * Math.cos(phi);
  const py = pt * Math.sin(phi);
  const pz = pt * Math.sinh(eta);
  b[o] = px;
  b[o + 1] = py;
  b[o + 2] = pz;
  b[o + 3] = Math.sqrt(px * px + py * py + pz * pz + m * m);
}

/** Transverse mass-energy form: pT vector, rapidity y and mass m. */
export function setPtYM(b: Float64Array, o: number, px: number, py: number, y: number, m: number): void {
  const mt = Math.sqrt(px * px + py * py + m * m);
  b[o] = px;
  b[o + 1] = py;
  b[o + 2] = mt * Math.sinh(y);
  b[o + 3] = mt * Math.cosh(y);
}

export function ptOf(b: Float64Array, o: number): number {
  return Math.hypot(b[o] as number, b[o + 1] as number);
}

export function phiOf(b: Float64Array, o: number): number {
  return Math.atan2(b[o + 1] as number, b[o] as number);
}

export function etaOf(b: Float64Array, o: number): number {
  const pt = ptOf(b, o);
  // asinh(pz/pt) is the pseudorapidity; a purely longitudinal vector gets a huge finite value.
  return pt > 0 ? Math.asinh((b[o + 2] as number) / pt) : Math.sign(b[o + 2] as number) * 1e3;
}

export function massOf(b: Float64Array, o: number): number {
  const px = b[o] as number,
    py = b[o + 1] as number,
    pz = b[o + 2] as number,
    e = b[o + 3] as number;
  return Math.sqrt(Math.max(0, e * e - px * px - py * py - pz * pz));
}

export function copy(b: Float64Array, to: number, from: number): void {
  b[to] = b[from] as number;
  b[to + 1] = b[from + 1] as number;
  b[to + 2] = b[from + 2] as number;
  b[to + 3] = b[from + 3] as number;
}

export function scale(b: Float64Array, o: number, f: number): void {
  b[o] = (b[o] as number) * f;
  b[o + 1] = (b[o + 1] as number) * f;
  b[o + 2] = (b[o + 2] as number) * f;
  b[o + 3] = (b[o + 3] as number) * f;
}

/** Boosts the vector at `o`, given in the rest frame of `parent`, into the frame where `parent` is measured. */
export function boostToLab(b: Float64Array, o: number, parent: number): void {
  const pe = b[parent + 3] as number;
  const bx = (b[parent] as number) / pe,
    by = (b[parent + 1] as number) / pe,
    bz = (b[parent + 2] as number) / pe;
  const b2 = bx * bx + by * by + bz * bz;
  if (b2 <= 0) return;
  const gamma = 1 / Math.sqrt(1 - b2);
  const px = b[o] as number,
    py = b[o + 1] as number,
    pz = b[o + 2] as number,
    e = b[o + 3] as number;
  const bp = bx * px + by * py + bz * pz;
  const g2 = (gamma - 1) / b2;
  const k = g2 * bp + gamma * e;
  b[o] = px + k * bx;
  b[o + 1] = py + k * by;
  b[o + 2] = pz + k * bz;
  b[o + 3] = gamma * (e + bp);
}

/**
 * Sets `o` to a momentum of magnitude p in a random direction, with energy sqrt(p^2 + m^2): isotropic, or at the polar
 * angle cosT to the z (beam) axis where a production process has its own angular distribution.
 */
export function setIsotropic(rng: Random, b: Float64Array, o: number, p: number, m: number, cosT = 2 * rng.uniform() - 1): void {
  const sinT = Math.sqrt(1 - cosT * cosT);
  const phi = 2 * Math.PI * rng.uniform();
  b[o] = p * sinT * Math.cos(phi);
  b[o + 1] = p * sinT * Math.sin(phi);
  b[o + 2] = p * cosT;
  b[o + 3] = Math.sqrt(p * p + m * m);
}

/** Momentum of either daughter in a two-body decay M -> m1 m2 at rest. */
export function twoBodyMomentum(mParent: number, m1: number, m2: number): number {
  const s = mParent * mParent;
  const a = s - (m1 + m2) * (m1 + m2);
  const c = s - (m1 - m2) * (m1 - m2);
  return Math.sqrt(Math.max(0, a * c)) / (2 * mParent);
}

/**
 * Two-body decay of the vector at `parent` into daughters written at `o1` and `o2` (lab frame); isotropic unless cosT
 * gives the first daughter's polar angle in the parent's frame.
 */
export function twoBodyDecay(
  rng: Random,
  b: Float64Array,
  parent: number,
  m1: number,
  m2: number,
  o1: number,
  o2: number,
  cosT?: number,
): void {
  const p = twoBodyMomentum(massOf(b, parent), m1, m2);
  setIsotropic(rng, b, o1, p, m1, cosT);
  b[o2] = -(b[o1] as number);
  b[o2 + 1] = -(b[o1 + 1] as number);
  b[o2 + 2] = -(b[o1 + 2] as number);
  b[o2 + 3] = Math.sqrt(p * p + m2 * m2);
  boostToLab(b, o1, parent);
  boostToLab(b, o2, parent);
}

/** Azimuthal difference wrapped into [-pi, pi]. */
export function deltaPhi(a: number, b: number): number {
  let d = a - b;
  while (d > Math.PI) d -= 2 * Math.PI;
  while (d < -Math.PI) d += 2 * Math.PI;
  return d;
}
