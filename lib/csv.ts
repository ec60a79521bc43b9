/**
 * The one writer of CSV cells for every CSV the platform hands out (leaderboards, grades, new students' passwords;
 * the CLI's --csv prints the server's file). Text that a spreadsheet would run as a formula — a cell starting with
 * = + - @, a tab or a carriage return, such as a team called `=HYPERLINK(...)` — gets a leading `'` and quotes
 * (OWASP, CSV injection), so it shows as the text it is. Numbers are the platform's own and stay numbers.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return text !== value || /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line of cells. */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(",");
}
