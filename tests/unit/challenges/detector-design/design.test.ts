import { describe, expect, it } from "vitest";
import {
  canonicalDesignJson,
  type Design,
  DesignError,
  designCost,
  designHash,
  designLayers,
  designSchema,
  HARD_CAP,
  parseDesign,
  roundCoordinate,
} from "@/challenges/detector-design";

const v1 = (y: unknown, z: unknown, extra: object = {}): string => JSON.stringify({ schema: "straw-tracker/v1", y, z, ...extra });
const layer = (z: unknown, y: unknown = 0, pitch: unknown = 4, radius: unknown = 1): object => ({ z, y, pitch, radius });
const v2 = (layers: unknown): string => JSON.stringify({ schema: "straw-tracker/v2", layers });
const CSV_HEADER_LINE = "R,pitch,y1,y2,y3,z1,z2,z3";

/** The issues parseDesign reports for `text` (fails the test if it accepts it). */
function issues(text: string): { path: string; message: string }[] {
  try {
    parseDesign(text);
  } catch (e) {
    expect(e).toBeInstanceOf(DesignError);
    return (e as DesignError).issues;
  }
  throw new Error(`accepted: ${text}`);
}

describe("parseDesign: accepted designs", () => {
  it("reads v1 JSON and lays the layers out cumulatively from layer 0, as the course's code does", () => {
    const d = parseDesign(v1([0, 1, 3.5], [2, 4, 6]));
    expect(d).toEqual({ schema: "straw-tracker/v1", y: [0, 1, 3.5], z: [2, 4, 6] });
    expect(designLayers(d)).toEqual([
      { z: 0, y: 0, pitch: 4, radius: 1 },
      { z: 2, y: 0, pitch: 4, radius: 1 },
      { z: 6, y: 1, pitch: 4, radius: 1 },
      { z: 12, y: 0.5, pitch: 4, radius: 1 },
    ]);
  });

  it("reads the course's one-row CSV as v1 (CRLF, BOM and spaces tolerated)", () => {
    const d = parseDesign(`\uFEFF${CSV_HEADER_LINE}\r\n1, 4, 0.5,1,2 ,2,4,6\r\n`);
    expect(d).toEqual({ schema: "straw-tracker/v1", y: [0.5, 1, 2], z: [2, 4, 6] });
    expect(designHash(d)).toBe(designHash(parseDesign(v1([0.5, 1, 2], [2, 4, 6]))));
  });

  it("reads v2 JSON", () => {
    const layers = [layer(0, 0, 2, 1), layer(2, 1, 2, 1), layer(10, 3.5, 20, 2)];
    expect(parseDesign(v2(layers))).toEqual({ schema: "straw-tracker/v2", layers });
  });

  it("accepts touching tubes (gap = r + r', pitch = 2r) and the course's default", () => {
    expect(() => parseDesign(v2([layer(0, 0, 0.4, 0.2), layer(2.2, 0, 4, 2)]))).not.toThrow();
    expect(() => parseDesign(v1([0, 0, 0], [2, 2, 2]))).not.toThrow();
  });
});

describe("parseDesign: every violation has its own message and path", () => {
  it.each([
    ["malformed JSON", '{"schema":"straw-tracker/v1","y":[0,0,0]', "", /^malformed JSON/],
    ["an empty file", "  \n", "", /^the design is empty$/],
    ["a JSON array", "[1,2]", "", /^a design must be a JSON object$/],
    [
      "a wrong schema string",
      v1([0, 0, 0], [2, 4, 6]).replace("v1", "v3"),
      "schema",
      /must be "straw-tracker\/v1" or "straw-tracker\/v2", got the string "straw-tracker\/v3"/,
    ],
    ["NaN given as a string", v1(["NaN", 0, 0], [2, 4, 6]), "y[0]", /^must be a finite number, got the string "NaN"$/],
    ["Infinity given as a string", v1([0, 0, 0], [2, "Infinity", 6]), "z[1]", /^must be a finite number, got the string "Infinity"$/],
    [
      "a number too large for a double",
      v1([0, 0, 0], [2, 4, 6]).replace("6]", "1e400]"),
      "z[2]",
      /^must be a finite number, got Infinity$/,
    ],
    ["a huge finite number", v1([0, 0, 0], [2, 4, 1e300]), "z[2]", /^must be in \[0, 200\] cm, got 1e\+300$/],
    ["a missing field", v2([layer(0), { z: 2, y: 0, pitch: 4 }]), "layers[1].radius", /^must be a finite number, got nothing$/],
    ["an unknown top-level field", v1([0, 0, 0], [2, 4, 6], { R: 1 }), "", /^Unrecognized key: "R"$/],
    ["an unknown layer field", v2([layer(0), { ...layer(2), tilt: 1 }]), "layers[1]", /^Unrecognized key: "tilt"$/],
    [
      "z not strictly increasing (v2)",
      v2([layer(0), layer(5), layer(5)]),
      "layers[2].z",
      /^z must be strictly increasing: layer 2 at z = 5 cm is not behind layer 1 at z = 5 cm$/,
    ],
    ["z not strictly increasing (v1: a zero shift)", v1([0, 0, 0], [2, 0, 6]), "z[1]", /^z must be strictly increasing/],
    [
      "layers closer than 2R",
      v1([0, 0, 0], [2, 1.5, 6]),
      "z[1]",
      /^layers 1 and 2 are 1.5 cm apart in z, less than the sum of their tube radii \(2 cm\): their tubes would overlap$/,
    ],
    [
      "layers closer than r + r' (v2)",
      v2([layer(0, 0, 4, 1), layer(2.5, 0, 4, 2)]),
      "layers[1].z",
      /are 2.5 cm apart in z, less than the sum of their tube radii \(3 cm\)/,
    ],
    ["a v1 offset equal to the pitch", v1([4, 0, 0], [2, 4, 6]), "y[0]", /^must be in \[0, 4\) cm, got 4$/],
    ["a negative v1 offset", v1([0, -0.5, 0], [2, 4, 6]), "y[1]", /^must be in \[0, 4\) cm, got -0.5$/],
    [
      "a v1 offset that rounds onto the pitch",
      v1([0, 0, 3.9996], [2, 4, 6]),
      "y[2]",
      /^rounds to 4 at the 0.001 cm resolution, outside \[0, 4\) cm$/,
    ],
    [
      "a v2 offset outside [0, pitch)",
      v2([layer(0), layer(2, 6.5, 6, 1)]),
      "layers[1].y",
      /^offset must be in \[0, pitch\) = \[0, 6\) cm, got 6.5$/,
    ],
    ["a radius out of range", v2([layer(0), layer(5, 0, 8, 2.5)]), "layers[1].radius", /^must be in \[0.2, 2\] cm, got 2.5$/],
    [
      "a pitch below 2R",
      v2([layer(0), layer(5, 0, 1.5, 1)]),
      "layers[1].pitch",
      /^must be at least 2 × radius = 2 cm so tubes in a layer do not overlap, got 1.5$/,
    ],
    ["a pitch above the range", v2([layer(0), layer(5, 0, 25, 1)]), "layers[1].pitch", /^must be in \[0.4, 20\] cm, got 25$/],
    ["z beyond the detector hall (v2)", v2([layer(0), layer(250)]), "layers[1].z", /^must be in \[0, 200\] cm, got 250$/],
    [
      "z beyond the detector hall (v1, cumulative)",
      v1([0, 0, 0], [100, 99, 2]),
      "z",
      /^the last layer would sit at z = 201 cm, beyond 200 cm$/,
    ],
    ["too few layers", v2([layer(0)]), "layers", /^must have 2–8 layers, got 1$/],
    ["nine layers", v2(Array.from({ length: 9 }, (_, i) => layer(3 * i))), "layers", /^must have 2–8 layers, got 9$/],
    ["v1 with two offsets", v1([0, 0], [2, 4, 6]), "y", /^must list exactly 3 numbers/],
    [
      "a cost over the hard cap",
      v2(Array.from({ length: 7 }, (_, i) => layer(2 * i, 0, 2, 1))),
      "layers",
      /^the design costs 840.0 units, over the hard cap of 800 \(budget 400\)$/,
    ],
    [
      "a CSV with two data rows",
      `${CSV_HEADER_LINE}\n1,4,0,0,0,2,4,6\n1,4,1,1,1,2,4,6`,
      "",
      /^the CSV must have exactly one data row, got 2$/,
    ],
    ["a CSV with no data row", `${CSV_HEADER_LINE}\n`, "", /^the CSV must have exactly one data row, got 0$/],
    ["a CSV with a missing value", `${CSV_HEADER_LINE}\n1,4,0,0,0,2,4`, "row 1", /^must have 8 values, got 7$/],
    ["a CSV with another header", "R,pitch,y1,y2,y3,z1,z2\n1,4,0,0,0,2,4", "header", /^the CSV header must be R,pitch,y1,y2,y3,z1,z2,z3/],
    [
      "a CSV with R other than 1",
      `${CSV_HEADER_LINE}\n2,4,0,0,0,2,4,6`,
      "R",
      /^must be 1, got 2 \(v1 fixes the tubes at R = 1 cm and pitch = 4 cm; use the straw-tracker\/v2 JSON schema/,
    ],
    ["a CSV with a pitch other than 4", `${CSV_HEADER_LINE}\n1,3,0,0,0,2,4,6`, "pitch", /^must be 4, got 3 /],
    ["a CSV with a non-number", `${CSV_HEADER_LINE}\n1,4,0,0x10,0,2,4,6`, "y2", /^must be a finite number, got "0x10"$/],
    ["a CSV with an empty cell", `${CSV_HEADER_LINE}\n1,4,0,0,0,2,,6`, "z2", /^must be a finite number, got ""$/],
    ["a CSV geometry problem, named by column", `${CSV_HEADER_LINE}\n1,4,0,0,0,2,1,6`, "z2", /their tubes would overlap$/],
  ])("%s", (_, text, path, message) => {
    const found = issues(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(path);
    expect(found[0]?.message).toMatch(message);
  });

  it("reports 10,000 layers as one message, not one per layer", () => {
    const text = v2(Array.from({ length: 10_000 }, () => ({ z: "bad" })));
    expect(issues(text)).toEqual([{ path: "layers", message: "must have 2–8 layers, got 10000" }]);
  });

  it("reports every problem of a design at once, and lists them in .message", () => {
    const text = v2([layer(0, 5, 1.5, 1), { ...layer(1, 0, 30, 3), extra: 1 }]);
    let error: DesignError | undefined;
    try {
      parseDesign(text);
    } catch (e) {
      error = e as DesignError;
    }
    expect(error?.issues.map((i) => i.path)).toEqual([
      "layers[0].pitch",
      "layers[0].y",
      "layers[1].pitch",
      "layers[1].radius",
      "layers[1]",
    ]);
    expect(error?.message.split("\n")).toHaveLength(5);
    expect(error?.message).toContain("layers[1].radius: must be in [0.2, 2] cm, got 3");
  });

  it("reports a CSV's bad cells and its layout faults together", () => {
    expect(issues(`${CSV_HEADER_LINE}\n2,4,0,x,9,2,-4,6`).map((i) => i.path)).toEqual(["y2", "R", "y3", "z2"]);
  });

  it("exports the same rules as a zod schema for the web form", () => {
    const result = designSchema.safeParse({ schema: "straw-tracker/v1", y: [0, 0, 0], z: [2, 1.5, 6] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/their tubes would overlap/);
    expect(designSchema.parse({ schema: "straw-tracker/v1", y: [0, 0, 0], z: [2, 4, 6.0004] })).toEqual({
      schema: "straw-tracker/v1",
      y: [0, 0, 0],
      z: [2, 4, 6],
    });
  });
});

describe("rounding, canonical form and hash", () => {
  const reference: Design = { schema: "straw-tracker/v1", y: [0, 0, 0], z: [2, 4, 6] };

  it("rounds to 1e-3 cm after validation, without sign-of-zero or binary residue", () => {
    const d = parseDesign(v1([1.23456, 0.1 + 0.2, 0.0004], [2.0004, 4, 6]));
    expect(d).toEqual({ schema: "straw-tracker/v1", y: [1.235, 0.3, 0], z: [2, 4, 6] });
    expect(canonicalDesignJson(d)).toBe('{"schema":"straw-tracker/v1","y":[1.235,0.3,0],"z":[2,4,6]}');
    expect(Object.is(roundCoordinate(-0.0004), 0)).toBe(true);
    expect(issues(v2([layer(0, -0.0004), layer(2)]))).toEqual([{ path: "layers[0].y", message: "must be in [0, 20) cm, got -0.0004" }]);
  });

  it("gives a fixed key order and a stable SHA-256 whatever the input form", () => {
    const shuffled = '{ "z": [2, 4, 6.0001], "y": [0, 0, 0], "schema": "straw-tracker/v1" }';
    expect(canonicalDesignJson(parseDesign(shuffled))).toBe('{"schema":"straw-tracker/v1","y":[0,0,0],"z":[2,4,6]}');
    expect(designHash(parseDesign(shuffled))).toBe("79a9970690a19314f0c7d0e34dcd76a1f2b96008253f3ea9fcabe0953f4f95f7");
    expect(designHash(parseDesign(`${CSV_HEADER_LINE}\n1,4,0,0,0,2,4,6`))).toBe(designHash(reference));
    const twoLayers = parseDesign(
      '{"layers":[{"radius":1,"pitch":4,"y":0,"z":0},{"y":1,"z":2.5,"radius":1,"pitch":4}],"schema":"straw-tracker/v2"}',
    );
    expect(canonicalDesignJson(twoLayers)).toBe(
      '{"schema":"straw-tracker/v2","layers":[{"z":0,"y":0,"pitch":4,"radius":1},{"z":2.5,"y":1,"pitch":4,"radius":1}]}',
    );
    expect(designHash(twoLayers)).not.toBe(designHash(reference));
  });

  it("prices v2 designs by the published cost model", () => {
    expect(designCost([{ pitch: 4, radius: 1 }])).toBe(70);
    expect(designCost(designLayers(reference))).toBe(280);
    expect(designCost(Array.from({ length: 8 }, () => ({ pitch: 0.4, radius: 0.2 })))).toBe(960);
    expect(HARD_CAP).toBe(800);
  });
});
