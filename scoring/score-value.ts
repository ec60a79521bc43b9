/**
 * Scores that are not finite numbers, everywhere a score leaves the scoring code. A metric can be +∞ (background
 * rejection 1/ε_B when no background passes the cut: a perfect tagger there) or NaN (undefined on that subset), and
 * JSON has no literal for either: JSON.stringify writes null, which reads as "no score". So:
 * - JSON (the API, stored details) carries them as the strings "Infinity", "-Infinity" and "NaN", JavaScript's own
 *   names, which Number() reads back; a finite score stays a number.
 * - Pages show ∞, −∞ and — (no value).
 * - The database's double precision columns hold them natively (PostgreSQL and PGlite order +∞ above every number;
 *   leaderboard queries order NaN last in either direction).
 *
 * Worked example: scoreToJson(Infinity) = "Infinity", scoreFromJson("Infinity") = Infinity, formatScore(Infinity, 2)
 * = "∞", formatScore(12.345, 2) = "12.35"; detailsToJson({ b: 0, curve: [1, Infinity] }) = { b: 0, curve: [1, "Infinity"] }.
 */

export const NON_FINITE_JSON = ["Infinity", "-Infinity", "NaN"] as const;
export type JsonScore = number | (typeof NON_FINITE_JSON)[number];

export function scoreToJson(x: number): JsonScore {
  if (Number.isFinite(x)) return x;
  return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
}

/** A JsonScore back to a number (any other value: NaN). */
export function scoreFromJson(x: unknown): number {
  if (typeof x === "number") return x;
  return typeof x === "string" && (NON_FINITE_JSON as readonly string[]).includes(x) ? Number(x) : NaN;
}

/** A score as shown on a page; null (no score) and NaN as —. Accepts a JsonScore too (what a client fetched). */
export function formatScore(x: number | string | null | undefined, precision: number): string {
  const value = x === null || x === undefined ? NaN : scoreFromJson(x);
  if (Number.isNaN(value)) return "—";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  return value.toFixed(precision);
}

/** Stored details with every non-finite number, alone or in an array, as its JSON name. */
export function detailsToJson(details: Record<string, unknown>): Record<string, unknown> {
  return mapNumbers(details, (v) => (typeof v === "number" ? scoreToJson(v) : v));
}

/** The inverse of detailsToJson (details stored before it keep their nulls). */
export function detailsFromJson(details: Record<string, unknown>): Record<string, unknown> {
  return mapNumbers(details, (v) => (typeof v === "string" && (NON_FINITE_JSON as readonly string[]).includes(v) ? Number(v) : v));
}

function mapNumbers(details: Record<string, unknown>, f: (v: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) out[key] = Array.isArray(value) ? value.map(f) : f(value);
  return out;
}
