/**
 * Canonical form and identity of a validated design: keys in a fixed order,
 * numbers already rounded to 1e-3 cm by validation, so two submissions of the
 * same detector (whatever their key order, spacing or CSV/JSON form) get the
 * same SHA-256. Kept apart from design-schema.ts so a browser form can import
 * the schemas without node:crypto.
 *
 * Worked example: the CSV "R,pitch,y1,y2,y3,z1,z2,z3\n1,4,0,0,0,2,4,6" and the
 * JSON {"z":[2,4,6.0001],"y":[0,0,0],"schema":"straw-tracker/v1"} both give
 * {"schema":"straw-tracker/v1","y":[0,0,0],"z":[2,4,6]}.
 */
import { createHash } from "node:crypto";
import { type Design, V2_SCHEMA } from "./design-schema";

export function canonicalDesignJson(design: Design): string {
  if (design.schema === V2_SCHEMA) {
    const layers = design.layers.map((l) => ({ z: l.z, y: l.y, pitch: l.pitch, radius: l.radius }));
    return JSON.stringify({ schema: design.schema, layers });
  }
  return JSON.stringify({ schema: design.schema, y: design.y, z: design.z });
}

/** SHA-256 (hex) of the canonical JSON. */
export function designHash(design: Design): string {
  return createHash("sha256").update(canonicalDesignJson(design)).digest("hex");
}
