/**
 * A small Gaussian-process regressor for Bayesian optimisation: RBF kernel
 * k(a, b) = exp(-|a - b|² / (2 ℓ²)) on standardised targets (unit signal
 * variance) plus a noise variance on the diagonal, solved by a plain Cholesky
 * factorisation. O(n³) to fit and O(n²) per prediction, fine for the few
 * hundred points an optimisation run evaluates.
 *
 * Worked example: fitted to (x = 0, y = 0) and (x = 1, y = 2) with ℓ = 1 and
 * noise 1e-6, the targets standardise to -1 and +1; at x = 0.5 the prediction
 * is mean 1 (by symmetry) with sd ≈ 0.17 (in y's units), and at x = 0 it is
 * mean ≈ 0 with sd ≈ 0.001, the training point.
 */

export interface GaussianProcessOptions {
  /** RBF length scale ℓ, in the units of the inputs. */
  lengthScale: number;
  /** Noise variance relative to the signal variance (the standardised targets'). */
  noise: number;
}

export interface Prediction {
  mean: number;
  sd: number;
}

/** In-place lower Cholesky factor of the symmetric positive-definite n × n row-major `a`. */
export function cholesky(a: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j] as number;
    for (let k = 0; k < j; k++) d -= (a[j * n + k] as number) ** 2;
    if (!(d > 0)) throw new RangeError(`matrix is not positive definite (pivot ${j} = ${d})`);
    const ljj = Math.sqrt(d);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (a[i * n + k] as number) * (a[j * n + k] as number);
      a[i * n + j] = s / ljj;
    }
    for (let k = j + 1; k < n; k++) a[j * n + k] = 0;
  }
  return a;
}

/** Solves L x = b (L lower triangular), writing x into `out`. */
function solveLower(l: Float64Array, n: number, b: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * n + k] as number) * (out[k] as number);
    out[i] = s / (l[i * n + i] as number);
  }
  return out;
}

/** Solves Lᵀ x = b in place. */
function solveUpperTransposed(l: Float64Array, n: number, x: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i] as number;
    for (let k = i + 1; k < n; k++) s -= (l[k * n + i] as number) * (x[k] as number);
    x[i] = s / (l[i * n + i] as number);
  }
  return x;
}

function rbf(a: ArrayLike<number>, b: ArrayLike<number>, inverseTwoL2: number): number {
  let d2 = 0;
  for (let i = 0; i < a.length; i++) d2 += ((a[i] as number) - (b[i] as number)) ** 2;
  return Math.exp(-d2 * inverseTwoL2);
}

export class GaussianProcess {
  /** log p(y | X, ℓ, noise) of the standardised targets: the criterion for choosing ℓ and the noise. */
  readonly logMarginalLikelihood: number;
  private readonly n: number;
  private readonly l: Float64Array;
  private readonly alpha: Float64Array;
  private readonly yMean: number;
  private readonly yScale: number;
  private readonly inverseTwoL2: number;
  private readonly work: Float64Array;

  constructor(
    private readonly x: readonly ArrayLike<number>[],
    y: readonly number[],
    opts: GaussianProcessOptions,
  ) {
    const n = x.length;
    if (n === 0 || y.length !== n)
      throw new RangeError(`need as many targets as points (at least one), got ${n} points and ${y.length} targets`);
    this.n = n;
    this.inverseTwoL2 = 1 / (2 * opts.lengthScale ** 2);
    this.yMean = y.reduce((s, v) => s + v, 0) / n;
    const variance = y.reduce((s, v) => s + (v - this.yMean) ** 2, 0) / n;
    // Constant targets carry no scale: keep 1 so predictions fall back to the mean with unit-free spread.
    this.yScale = variance > 0 ? Math.sqrt(variance) : 1;
    const k = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        const v = rbf(x[i] as ArrayLike<number>, x[j] as ArrayLike<number>, this.inverseTwoL2);
        k[i * n + j] = v;
        k[j * n + i] = v;
      }
      k[i * n + i] = 1 + opts.noise;
    }
    this.l = cholesky(k, n);
    const z = Float64Array.from(y, (v) => (v - this.yMean) / this.yScale);
    this.alpha = solveUpperTransposed(this.l, n, solveLower(this.l, n, z, new Float64Array(n)));
    let logDet = 0;
    let fit = 0;
    for (let i = 0; i < n; i++) {
      logDet += Math.log(this.l[i * n + i] as number);
      fit += (z[i] as number) * (this.alpha[i] as number);
    }
    this.logMarginalLikelihood = -0.5 * fit - logDet - 0.5 * n * Math.log(2 * Math.PI);
    this.work = new Float64Array(n);
  }

  /** Posterior mean and standard deviation of the latent function at `point`, in the targets' units. */
  predict(point: ArrayLike<number>): Prediction {
    const kv = this.work;
    let mean = 0;
    for (let i = 0; i < this.n; i++) {
      kv[i] = rbf(point, this.x[i] as ArrayLike<number>, this.inverseTwoL2);
      mean += (kv[i] as number) * (this.alpha[i] as number);
    }
    const v = solveLower(this.l, this.n, kv, kv);
    let explained = 0;
    for (let i = 0; i < this.n; i++) explained += (v[i] as number) ** 2;
    return { mean: this.yMean + this.yScale * mean, sd: this.yScale * Math.sqrt(Math.max(0, 1 - explained)) };
  }
}
