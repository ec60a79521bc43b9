/** Finds a python3 with numpy (pyenv's python3 first on PATH, or Debian's /usr/bin/python3), or null. */
import { spawnSync } from "node:child_process";

export function findNumpyPython(): string | null {
  for (const candidate of ["python3", "/usr/bin/python3"]) {
    const probe = spawnSync(candidate, ["-c", "import numpy"], { stdio: "ignore" });
    if (probe.status === 0) return candidate;
  }
  return null;
}
