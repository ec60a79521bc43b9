/**
 * The submit page's six v1 parameter fields and its design text are two views of one design: editing either
 * rewrites the other, so what is submitted is always what the page shows.
 */
export const V1_FIELDS = ["y1", "y2", "y3", "z1", "z2", "z3"] as const;
export type V1Params = Record<(typeof V1_FIELDS)[number], string>;

/** The design text for the fields (numbers as typed; an empty or non-numeric field makes the text say so). */
export function designTextOf(p: V1Params): string {
  const n = (v: string) => (v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : v);
  return JSON.stringify({ schema: "straw-tracker/v1", y: [n(p.y1), n(p.y2), n(p.y3)], z: [n(p.z1), n(p.z2), n(p.z3)] });
}

/** The fields for a design text, or null when the text is not a three-layer v1 design the fields can show. */
export function paramsOf(text: string): V1Params | null {
  let d: unknown;
  try {
    d = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof d !== "object" || d === null) return null;
  const { schema, y, z, ...rest } = d as Record<string, unknown>;
  const three = (a: unknown): a is number[] => Array.isArray(a) && a.length === 3 && a.every((x) => typeof x === "number");
  if (schema !== "straw-tracker/v1" || !three(y) || !three(z) || Object.keys(rest).length > 0) return null;
  return { y1: String(y[0]), y2: String(y[1]), y3: String(y[2]), z1: String(z[0]), z2: String(z[1]), z3: String(z[2]) };
}
