/**
 * Finds a python3 with numpy (or another module: sklearn for the metric cross-check) — pyenv's python3 first on PATH,
 * then Debian's /usr/bin/python3 — or null.
 * COLLIDER_PYTHON names the only interpreter to try (e.g. `/nonexistent` to prove the cross-checks skip without one).
 */
import { spawnSync } from "node:child_process";

export const PYTHON_CANDIDATES = process.env.COLLIDER_PYTHON ? [process.env.COLLIDER_PYTHON] : ["python3", "/usr/bin/python3"];

export function findPythonWith(module: string): string | null {
  for (const candidate of PYTHON_CANDIDATES) {
    const probe = spawnSync(candidate, ["-c", `import ${module}`], { stdio: "ignore" });
    if (probe.status === 0) return candidate;
  }
  return null;
}

export function findNumpyPython(): string | null {
  return findPythonWith("numpy");
}
