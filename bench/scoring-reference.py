"""Independent numpy reference for the scoring library (used by bench/scoring.ts and the HiggsML cross-check test).

usage: scoring-reference.py ams|auc SOLUTION.csv SUBMISSION.csv [REPEATS]
Prints one JSON object: {"Public": {...}, "Private": {...}, "solution_seconds": t, "seconds": [t1, ...]}
where seconds are wall times of (read submission + validate + score both subsets) with the solution loaded once.
Plain numpy only (pandas may be absent): np.loadtxt parses, np.unique/argsort validate and align.
"""
import json
import sys
import time

import numpy as np


def load_solution(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=[("id", "i8"), ("label", "U1"), ("weight", "f8"), ("usage", "U16")])
    order = np.argsort(data["id"], kind="stable")
    data = data[order]
    label = (data["label"] == "s") | (data["label"] == "1")
    return data["id"], label, data["weight"], data["usage"]


def align(sol_ids, sub_ids):
    """Row of the submission for each solution id; raises unless the ids are exactly the solution's, once each."""
    order = np.argsort(sub_ids, kind="stable")
    if len(sub_ids) != len(sol_ids) or not np.array_equal(sub_ids[order], sol_ids):
        raise ValueError("EventIds differ from the solution's")
    return order


def ams(s, b, br=10.0):
    return float(np.sqrt(2 * ((s + b + br) * np.log(1 + s / (b + br)) - s)))


def score_ams(sol, path):
    ids, label, weight, usage = sol
    sub = np.loadtxt(path, delimiter=",", skiprows=1, dtype=[("id", "i8"), ("rank", "i8"), ("cls", "U1")])
    at = align(ids, sub["id"])
    rank = sub["rank"][at]
    if not np.array_equal(np.sort(rank), np.arange(1, len(rank) + 1)):
        raise ValueError("RankOrder is not a permutation")
    cls = sub["cls"][at]
    if not np.all((cls == "s") | (cls == "b")):
        raise ValueError("Class not s/b")
    selected = cls == "s"
    out = {}
    for name in ("Public", "Private"):
        mask = usage == name
        s = float(weight[mask & selected & label].sum())
        b = float(weight[mask & selected & ~label].sum())
        out[name] = {"ams": ams(s, b), "s": s, "b": b}
    return out


def weighted_auc(score, label, weight):
    order = np.argsort(-score, kind="stable")
    score, label, weight = score[order], label[order], weight[order]
    last_of_group = np.r_[score[1:] != score[:-1], True]
    cum_s = np.cumsum(np.where(label, weight, 0.0))[last_of_group]
    cum_b = np.cumsum(np.where(label, 0.0, weight))[last_of_group]
    cum_s = np.r_[0.0, cum_s]
    cum_b = np.r_[0.0, cum_b]
    area = np.sum(np.diff(cum_b) * (cum_s[1:] + cum_s[:-1])) / 2
    return float(area / (cum_s[-1] * cum_b[-1]))


def score_auc(sol, path):
    ids, label, weight, usage = sol
    sub = np.loadtxt(path, delimiter=",", skiprows=1, dtype=[("id", "i8"), ("score", "f8")])
    at = align(ids, sub["id"])
    score = sub["score"][at]
    if not np.all(np.isfinite(score)):
        raise ValueError("non-finite score")
    out = {}
    for name in ("Public", "Private"):
        mask = usage == name
        out[name] = {"auc": weighted_auc(score[mask], label[mask], weight[mask])}
    return out


def main():
    metric, sol_path, sub_path = sys.argv[1:4]
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    t0 = time.perf_counter()
    sol = load_solution(sol_path)
    solution_seconds = time.perf_counter() - t0
    scorer = score_ams if metric == "ams" else score_auc
    seconds = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = scorer(sol, sub_path)
        seconds.append(time.perf_counter() - t0)
    result["solution_seconds"] = solution_seconds
    result["seconds"] = seconds
    print(json.dumps(result))


if __name__ == "__main__":
    main()
