/**
 * Versioned straw-tube tracker designs and the zod schemas that validate them,
 * shared by the scorer and the web form so both apply the same rules.
 *
 * - straw-tracker/v1 (the course's problem): four layers of tubes of radius
 *   1 cm at pitch 4 cm. Layer 0 sits at y = 0, z = 0 and, as in the course's
 *   code, y[i] and z[i] shift layer i + 1 relative to layer i (not to layer 0):
 *   layer n sits at z = z[0] + ... + z[n-1], offset y[0] + ... + y[n-1]
 *   (modulo the pitch). Reading them relative to layer 0 would misplace every
 *   CSV a student brings from the course (its default then scores 0.61, not
 *   the course's 0.65).
 * - straw-tracker/v2: 2–8 layers, each with its own depth, offset, pitch and
 *   radius, under the cost model of cost.ts.
 *
 * Every number must be finite and within its range; it is then rounded to
 * DESIGN_RESOLUTION (1e-3 cm) and the ranges and geometric rules are checked on
 * the rounded values, so the design that is stored and scored is exactly the
 * one validated (3.9996 for an offset in [0, 4) is refused: it rounds to 4).
 *
 * Worked example: {"schema":"straw-tracker/v1","y":[0,0,0],"z":[2,4,6]} is the
 * course's default geometry: layers at z = 0, 2, 6, 12 cm, all at offset 0.
 * With "z":[2,1.5,6] it is rejected: layers 1 and 2 would be 1.5 cm apart,
 * less than the 2 R = 2 cm their tubes need.
 */
import { z } from "zod";
import { designCost, HARD_CAP, BUDGET } from "./cost";

export const V1_SCHEMA = "straw-tracker/v1";
export const V2_SCHEMA = "straw-tracker/v2";
/** Tube radius and pitch of every v1 layer, cm. */
export const V1_RADIUS = 1;
export const V1_PITCH = 4;
/** Published ranges of v2 (cm). Pitch also has a lower bound of 2 × radius (tubes in a layer must not overlap). */
export const RADIUS_RANGE = [0.2, 2] as const;
export const PITCH_RANGE = [2 * RADIUS_RANGE[0], 20] as const;
export const Z_RANGE = [0, 200] as const;
export const LAYER_COUNT_RANGE = [2, 8] as const;
/** Every coordinate is rounded to this many cm once its range is checked. */
export const DESIGN_RESOLUTION = 1e-3;

/** One layer of tubes: depth z, offset y of a tube centre (others at y + n × pitch), pitch and tube radius (cm). */
export interface Layer {
  z: number;
  y: number;
  pitch: number;
  radius: number;
}

export interface DesignV1 {
  schema: typeof V1_SCHEMA;
  /** Shifts of layers 1–3 from the layer before, in y (cm, in [0, 4)) and in z (cm, at least 2R = 2). */
  y: [number, number, number];
  z: [number, number, number];
}

export interface DesignV2 {
  schema: typeof V2_SCHEMA;
  layers: Layer[];
}

export type Design = DesignV1 | DesignV2;

/** Rounds to DESIGN_RESOLUTION; `+ 0` turns -0 into 0 so canonical JSON never differs by a sign of zero. */
export function roundCoordinate(x: number): number {
  // Dividing the rounded integer (not multiplying by 1e-3) gives the double nearest to n / 1000, which prints short.
  return Math.round(x / DESIGN_RESOLUTION) / (1 / DESIGN_RESOLUTION) + 0;
}

function describeInput(input: unknown): string {
  if (typeof input === "string") return `the string ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)}`;
  if (input === undefined) return "nothing";
  if (input === null) return "null";
  if (typeof input === "number") return String(input);
  return Array.isArray(input) ? "an array" : `a ${typeof input}`;
}

/**
 * A finite number within [lo, hi] (or [lo, hi) when `openAbove`), rounded. The range is checked before
 * rounding, for a plain message, and again after it, for the value that sits on an open bound once rounded.
 */
function measure(lo: number, hi: number, openAbove = false) {
  const interval = `[${lo}, ${hi}${openAbove ? ")" : "]"} cm`;
  const inRange = (v: number): boolean => v >= lo && (openAbove ? v < hi : v <= hi);
  return z
    .number({ error: (iss) => `must be a finite number, got ${describeInput(iss.input)}` })
    .refine(inRange, { error: (iss) => `must be in ${interval}, got ${String(iss.input)}`, abort: true })
    .transform(roundCoordinate)
    .refine(inRange, { error: (iss) => `rounds to ${String(iss.input)} at the ${DESIGN_RESOLUTION} cm resolution, outside ${interval}` });
}

/** An array of exactly three values; the length is checked first so a wrong length is one message. */
function triple(item: ReturnType<typeof measure>, what: string) {
  return z
    .array(z.unknown(), { error: `must be an array of 3 numbers (${what} of layers 1–3)` })
    .length(3, `must list exactly 3 numbers (${what} of layers 1–3, each from the layer before; layer 0 sits at y = 0, z = 0)`)
    .pipe(z.tuple([item, item, item]));
}

/** The layers a design describes, in increasing z: v1 adds its fixed layer 0 and accumulates the shifts. */
export function designLayers(design: Design): Layer[] {
  if (design.schema === V2_SCHEMA) return design.layers;
  const layers: Layer[] = [{ z: 0, y: 0, pitch: V1_PITCH, radius: V1_RADIUS }];
  for (let i = 0; i < 3; i++) {
    const prev = layers[i] as Layer;
    layers.push({
      z: roundCoordinate(prev.z + (design.z[i] as number)),
      y: roundCoordinate((prev.y + (design.y[i] as number)) % V1_PITCH),
      pitch: V1_PITCH,
      radius: V1_RADIUS,
    });
  }
  return layers;
}

type Ctx = z.RefinementCtx;

/** Depth order and spacing of consecutive layers; `zPath(i)` locates layer i's z in the input. */
function checkSpacing(layers: readonly Layer[], zPath: (i: number) => (string | number)[], ctx: Ctx): void {
  for (let i = 1; i < layers.length; i++) {
    const prev = layers[i - 1] as Layer;
    const cur = layers[i] as Layer;
    const gap = roundCoordinate(cur.z - prev.z);
    const need = prev.radius + cur.radius;
    if (cur.z <= prev.z) {
      ctx.addIssue({
        code: "custom",
        path: zPath(i),
        message: `z must be strictly increasing: layer ${i} at z = ${cur.z} cm is not behind layer ${i - 1} at z = ${prev.z} cm`,
      });
    } else if (gap < need) {
      ctx.addIssue({
        code: "custom",
        path: zPath(i),
        message: `layers ${i - 1} and ${i} are ${gap} cm apart in z, less than the sum of their tube radii (${need} cm): their tubes would overlap`,
      });
    }
  }
}

export const designV1Schema = z
  .strictObject({
    schema: z.literal(V1_SCHEMA),
    y: triple(measure(0, V1_PITCH, true), "shifts in y"),
    z: triple(measure(Z_RANGE[0], Z_RANGE[1]), "shifts in z"),
  })
  .superRefine((d, ctx) => {
    const layers = designLayers(d);
    checkSpacing(layers, (i) => ["z", i - 1], ctx);
    const depth = (layers[3] as Layer).z;
    if (depth > Z_RANGE[1]) {
      ctx.addIssue({ code: "custom", path: ["z"], message: `the last layer would sit at z = ${depth} cm, beyond ${Z_RANGE[1]} cm` });
    }
  });

export const layerSchema = z
  .strictObject({
    z: measure(Z_RANGE[0], Z_RANGE[1]),
    // [0, pitch) needs the pitch: the object check below; this one keeps a raw -0.0004 from rounding into range.
    y: measure(0, PITCH_RANGE[1], true),
    pitch: measure(PITCH_RANGE[0], PITCH_RANGE[1]),
    radius: measure(RADIUS_RANGE[0], RADIUS_RANGE[1]),
  })
  .superRefine((l, ctx) => {
    if (l.pitch < 2 * l.radius) {
      ctx.addIssue({
        code: "custom",
        path: ["pitch"],
        message: `must be at least 2 × radius = ${roundCoordinate(2 * l.radius)} cm so tubes in a layer do not overlap, got ${l.pitch}`,
      });
    }
    if (!(l.y >= 0 && l.y < l.pitch)) {
      ctx.addIssue({ code: "custom", path: ["y"], message: `offset must be in [0, pitch) = [0, ${l.pitch}) cm, got ${l.y}` });
    }
  });

const [minLayers, maxLayers] = LAYER_COUNT_RANGE;
const layerCount = `${minLayers}–${maxLayers} layers`;

export const designV2Schema = z
  .strictObject({
    schema: z.literal(V2_SCHEMA),
    // Length first, alone: 10,000 layers is one message, not one per layer.
    layers: z
      .array(z.unknown(), { error: `must be an array of ${layerCount}` })
      .min(minLayers, { error: (iss) => `must have ${layerCount}, got ${(iss.input as unknown[]).length}` })
      .max(maxLayers, { error: (iss) => `must have ${layerCount}, got ${(iss.input as unknown[]).length}` })
      .pipe(z.array(layerSchema)),
  })
  .superRefine((d, ctx) => {
    checkSpacing(d.layers, (i) => ["layers", i, "z"], ctx);
    const cost = designCost(d.layers);
    if (cost > HARD_CAP) {
      ctx.addIssue({
        code: "custom",
        path: ["layers"],
        message: `the design costs ${cost.toFixed(1)} units, over the hard cap of ${HARD_CAP} (budget ${BUDGET})`,
      });
    }
  });

/** Either version, chosen by the "schema" field. */
export const designSchema = z.discriminatedUnion("schema", [designV1Schema, designV2Schema], {
  error: (iss) =>
    typeof iss.input !== "object" || iss.input === null || Array.isArray(iss.input)
      ? "a design must be a JSON object"
      : `schema must be "${V1_SCHEMA}" or "${V2_SCHEMA}", got ${describeInput((iss.input as { schema?: unknown }).schema)}`,
});
