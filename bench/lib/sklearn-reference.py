"""scikit-learn reference for bench/baseline.ts: HistGradientBoostingClassifier on the baseline's own split.

usage: sklearn-reference.py DIR
DIR holds config.json ({"rows": {"train": n, "validation": n, "test": n}, "cols": c, "seed": s, "max_iter": m}) and
raw little-endian float32 files train_x, train_y, train_w, validation_x, test_x (row-major, NaN = missing).
Writes validation_p and test_p (float32 signal probabilities) and prints {"fit_seconds": t, "n_iter": k}.
The threshold and AMS are computed by the caller in TypeScript, exactly as for its own families.
"""
import json
import os
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier


def main(folder):
    with open(os.path.join(folder, "config.json")) as f:
        config = json.load(f)
    cols = config["cols"]

    def matrix(name, rows):
        return np.fromfile(os.path.join(folder, name), dtype="<f4").reshape(rows, cols)

    rows = config["rows"]
    x = matrix("train_x", rows["train"])
    y = np.fromfile(os.path.join(folder, "train_y"), dtype="<f4").astype(int)
    w = np.fromfile(os.path.join(folder, "train_w"), dtype="<f4")
    # Early stopping on an internal 10% of the training part (scikit-learn takes no external validation set).
    model = HistGradientBoostingClassifier(
        learning_rate=0.1, max_iter=config["max_iter"], early_stopping=True, validation_fraction=0.1, n_iter_no_change=20, random_state=config["seed"]
    )
    t0 = time.perf_counter()
    model.fit(x, y, sample_weight=w)
    fit_seconds = time.perf_counter() - t0
    for part in ("validation", "test"):
        p = model.predict_proba(matrix(f"{part}_x", rows[part]))[:, 1].astype("<f4")
        p.tofile(os.path.join(folder, f"{part}_p"))
    print(json.dumps({"fit_seconds": fit_seconds, "n_iter": int(model.n_iter_)}))


if __name__ == "__main__":
    main(sys.argv[1])
