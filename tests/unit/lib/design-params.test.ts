import { describe, expect, it } from "vitest";
import { designTextOf, paramsOf } from "@/lib/design-params";

describe("design parameter fields and design text", () => {
  it("writes the fields as a v1 design and reads them back", () => {
    const p = { y1: "1", y2: "2.5", y3: "-3", z1: "2", z2: "4", z3: "6" };
    const text = designTextOf(p);
    expect(text).toBe('{"schema":"straw-tracker/v1","y":[1,2.5,-3],"z":[2,4,6]}');
    expect(paramsOf(text)).toEqual(p);
  });

  it("keeps a non-numeric field visible in the text, so the server names it instead of submitting a default", () => {
    expect(designTextOf({ y1: "", y2: "x", y3: "0", z1: "2", z2: "4", z3: "6" })).toBe(
      '{"schema":"straw-tracker/v1","y":["","x",0],"z":[2,4,6]}',
    );
  });

  it.each([
    ["not JSON", "{"],
    ["v2", '{"schema":"straw-tracker/v2","layers":[]}'],
    ["four layers", '{"schema":"straw-tracker/v1","y":[0,0,0,0],"z":[2,4,6,8]}'],
    ["an extra key", '{"schema":"straw-tracker/v1","y":[0,0,0],"z":[2,4,6],"colour":"red"}'],
    ["a string", '{"schema":"straw-tracker/v1","y":["0",0,0],"z":[2,4,6]}'],
  ])("has no fields for %s", (_what, text) => {
    expect(paramsOf(text)).toBeNull();
  });
});
