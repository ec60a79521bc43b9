/**
 * A one-line progress bar for a terminal: `[#########.........]  47%  12.0/25.5 MB`.
 * Pure: the caller decides where it goes (stderr, redrawn with \r).
 */
export function progressBar(done: number, total: number, width = 30): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * width);
  const pct = `${Math.floor(fraction * 100)}`.padStart(3);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${pct}%  ${mb(done)}/${mb(total)} MB`;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

export interface Progress {
  update(done: number): void;
  /** Ends the progress output (a terminal's redrawn line gets its newline). */
  finish(): void;
}

/**
 * Progress for one transfer. On a terminal: the bar, redrawn in place (at most once per whole percent). Elsewhere
 * (a log, a CI job): one line per 10 % reached, so a log holds at most 11 lines per file instead of thousands of
 * redraws.
 */
export function createProgress(label: string, total: number, write: (text: string) => void, tty: boolean): Progress {
  let shown = -1;
  let drawn = false;
  return {
    update(done) {
      const pct = Math.floor((total > 0 ? Math.min(1, done / total) : 1) * 100);
      if (tty) {
        if (pct === shown) return;
        shown = pct;
        drawn = true;
        write(`\r${label} ${progressBar(done, total)}`);
      } else {
        const step = Math.floor(pct / 10) * 10;
        if (step <= shown) return;
        shown = step;
        write(`${label} ${step}% (${mb(Math.min(done, total))}/${mb(total)} MB)\n`);
      }
    },
    finish() {
      if (drawn) write("\n");
      drawn = false;
    },
  };
}
