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
