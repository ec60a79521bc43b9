"""scikit-learn reference for the metric library (tests/unit/scoring/sklearn-crosscheck.test.ts, bench/metrics.ts).

usage: sklearn-reference.py CASES.json [REPEATS]
CASES.json: a list of {"metric", "type", "target", "prediction" (flat; multiclass row-major), "classes", "weights"
(or null), "params"}; an array may instead be {"file": PATH} naming raw little-endian float64 (the benchmark's 1M rows). Prints one JSON list: per case {"value": v, "details": {...}, "seconds": [t, ...]}, where each
time is one metric call on arrays already in memory (sklearn's input validation included).
The definitions here are sklearn's own functions wherever sklearn has the metric; the few without one (AMS, SIC,
rejection and efficiency at a working point, mass resolution) are written from sklearn's roc_curve or plain numpy.
"""
import json
import sys
import time

import numpy as np
from sklearn import metrics as skm


def predicted_class(case, p):
    return (p > 0.5).astype(int) if case["type"] == "binary" else np.argmax(p, axis=1)


def roc(case, y, p, w):
    """Weighted ROC at every distinct score (drop_intermediate=False), plus the unweighted background count."""
    fpr, tpr, thresholds = skm.roc_curve(y, p, sample_weight=w, drop_intermediate=False)
    fps, _, _ = skm.roc_curve(y, p, drop_intermediate=False)
    return fpr, tpr, np.round(fps * np.sum(y == 0))


def ams(s, b, br=10.0):
    return float(np.sqrt(2 * ((s + b + br) * np.log(1 + s / (b + br)) - s)))


def load(value):
    if isinstance(value, dict):
        return np.fromfile(value["file"], dtype="<f8")
    return None if value is None else np.asarray(value, dtype=np.float64)


def prepare(case):
    """The case's arrays, loaded once (not part of the timed metric call)."""
    y = load(case["target"])
    p = load(case["prediction"])
    if case["type"] != "real":
        y = y.astype(int)
    if case["type"] == "multiclass":
        p = p.reshape(-1, case["classes"])
    return {**case, "target": y, "prediction": p, "weights": load(case["weights"])}


def evaluate(case):
    y = case["target"]
    p = case["prediction"]
    w = case["weights"]
    params = case["params"]
    metric = case["metric"]
    if metric == "accuracy":
        return skm.accuracy_score(y, predicted_class(case, p), sample_weight=w), {}
    if metric == "balanced-accuracy":
        return skm.balanced_accuracy_score(y, predicted_class(case, p), sample_weight=w), {}
    if metric == "log-loss":
        labels = [0, 1] if case["type"] == "binary" else list(range(case["classes"]))
        return skm.log_loss(y, p, sample_weight=w, labels=labels), {}
    if metric == "f1":
        return skm.f1_score(y, predicted_class(case, p), sample_weight=w), {}
    if metric == "auc":
        return skm.roc_auc_score(y, p, sample_weight=w), {}
    if metric == "rmse":
        return skm.mean_squared_error(y, p, sample_weight=w, squared=False), {}
    if metric == "mae":
        return skm.mean_absolute_error(y, p, sample_weight=w), {}
    if metric == "r2":
        return skm.r2_score(y, p, sample_weight=w), {}
    if metric == "mass-resolution":
        r = (p - y) / y
        bias = np.average(r, weights=w)
        return float(np.sqrt(np.average((r - bias) ** 2, weights=w))), {"bias": float(bias)}
    if metric == "ams":
        ww = np.ones(len(y)) if w is None else w
        sel = p > 0.5
        return ams(float(ww[sel & (y == 1)].sum()), float(ww[sel & (y == 0)].sum())), {}
    fpr, tpr, background_count = roc(case, y, p, w)
    if metric in ("eff-at-1e-2", "eff-at-1e-3", "eff-at-eps-b"):
        target = {"eff-at-1e-2": 1e-2, "eff-at-1e-3": 1e-3}.get(metric) or params["epsB"]
        return float(tpr[fpr <= target].max()), {}
    if metric == "rejection-at-eps-s":
        return float(1 / fpr[np.argmax(tpr >= params["epsS"])]), {}
    if metric == "sic":
        ok = (background_count >= params["minBackground"]) & (fpr > 0)
        return float((tpr[ok] / np.sqrt(fpr[ok])).max()), {}
    raise ValueError(f"unknown metric {metric}")


def main():
    cases = json.load(open(sys.argv[1]))
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    out = []
    for case in map(prepare, cases):
        seconds = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            value, details = evaluate(case)
            seconds.append(time.perf_counter() - t0)
        out.append({"value": float(value), "details": details, "seconds": seconds})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
