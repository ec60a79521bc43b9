/**
 * A small gradient-boosted tree classifier (logistic loss, histogram splits on
 * quantile bins, fixed depth) used by bench/fidelity.ts to tell real events
 * from simulated ones. Missing values (-999) fall in the lowest bin, so the
 * trees can use "is missing" as a split like any other.
 */
export interface GbdtOptions {
  trees: number;
  depth: number;
  learningRate: number;
  bins: number;
  /** L2 regularisation of leaf values. */
  lambda: number;
}

export const DEFAULT_GBDT: GbdtOptions = { trees: 80, depth: 4, learningRate: 0.15, bins: 32, lambda: 1 };

interface Tree {
  feature: Int32Array; // per internal node (heap order), -1 for a leaf
  threshold: Int32Array; // go left when bin <= threshold
  value: Float64Array; // leaf values (heap order)
}

/** Quantile thresholds per feature from the training rows. */
function binEdges(columns: Float64Array[], rows: Int32Array, bins: number): Float64Array[] {
  return columns.map((col) => {
    const v = Float64Array.from(rows, (r) => col[r] as number).sort();
    const edges: number[] = [];
    for (let k = 1; k < bins; k++) {
      const e = v[Math.floor((k * v.length) / bins)] as number;
      if (edges.length === 0 || e > (edges[edges.length - 1] as number)) edges.push(e);
    }
    return Float64Array.from(edges);
  });
}

function binIndex(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface GbdtModel {
  predict(row: number): number;
}

/** Trains on `trainRows` of columnar `columns` with 0/1 `labels`; predicts raw scores for any row. */
export function trainGbdt(columns: Float64Array[], labels: Uint8Array, trainRows: Int32Array, opts = DEFAULT_GBDT): GbdtModel {
  const edges = binEdges(columns, trainRows, opts.bins);
  const n = labels.length;
  const binned = columns.map((col, f) => Uint8Array.from(col, (x) => binIndex(edges[f] as Float64Array, x)));
  const score = new Float64Array(n);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const trees: Tree[] = [];
  const nodes = 2 ** (opts.depth + 1);
  const nodeOf = new Int32Array(n);
  const gHist = new Float64Array(opts.bins + 1);
  const hHist = new Float64Array(opts.bins + 1);

  for (let t = 0; t < opts.trees; t++) {
    for (const r of trainRows) {
      const p = 1 / (1 + Math.exp(-(score[r] as number)));
      grad[r] = p - (labels[r] as number);
      hess[r] = Math.max(p * (1 - p), 1e-6);
      nodeOf[r] = 1;
    }
    const tree: Tree = { feature: new Int32Array(nodes).fill(-1), threshold: new Int32Array(nodes), value: new Float64Array(nodes) };
    for (let node = 1; node < 2 ** opts.depth; node++) {
      const rows = trainRows.filter((r) => nodeOf[r] === node);
      let g = 0;
      let h = 0;
      for (const r of rows) {
        g += grad[r] as number;
        h += hess[r] as number;
      }
      tree.value[node] = -g / (h + opts.lambda);
      if (h < 1) continue;
      const parentGain = (g * g) / (h + opts.lambda);
      let best = 1e-9;
      binned.forEach((col, f) => {
        gHist.fill(0);
        hHist.fill(0);
        for (const r of rows) {
          const b = col[r] as number;
          gHist[b] = (gHist[b] as number) + (grad[r] as number);
          hHist[b] = (hHist[b] as number) + (hess[r] as number);
        }
        let gl = 0;
        let hl = 0;
        for (let b = 0; b < opts.bins; b++) {
          gl += gHist[b] as number;
          hl += hHist[b] as number;
          const gr = g - gl;
          const hr = h - hl;
          if (hl < 1 || hr < 1) continue;
          const gain = (gl * gl) / (hl + opts.lambda) + (gr * gr) / (hr + opts.lambda) - parentGain;
          if (gain > best) {
            best = gain;
            tree.feature[node] = f;
            tree.threshold[node] = b;
          }
        }
      });
      const f = tree.feature[node] as number;
      if (f < 0) continue;
      const col = binned[f] as Uint8Array;
      for (const r of rows) nodeOf[r] = 2 * node + ((col[r] as number) <= (tree.threshold[node] as number) ? 0 : 1);
    }
    // Leaves at full depth.
    for (let node = 2 ** opts.depth; node < nodes; node++) {
      let g = 0;
      let h = 0;
      for (const r of trainRows)
        if (nodeOf[r] === node) {
          g += grad[r] as number;
          h += hess[r] as number;
        }
      tree.value[node] = -g / (h + opts.lambda);
    }
    trees.push(tree);
    const apply = (r: number): number => evalTree(tree, binned, r);
    for (const r of trainRows) score[r] = (score[r] as number) + opts.learningRate * apply(r);
  }
  return {
    predict: (row) => trees.reduce((s, tree) => s + opts.learningRate * evalTree(tree, binned, row), 0),
  };
}

function evalTree(tree: Tree, binned: Uint8Array[], r: number): number {
  let node = 1;
  for (;;) {
    const f = tree.feature[node] as number;
    if (f < 0 || node >= tree.feature.length / 2) return tree.value[node] as number;
    node = 2 * node + (((binned[f] as Uint8Array)[r] as number) <= (tree.threshold[node] as number) ? 0 : 1);
  }
}
