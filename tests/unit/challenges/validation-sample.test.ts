import { describe, expect, it } from "vitest";
import { validationSampleCsv } from "@/challenges/shared/validation-sample";

describe("validationSampleCsv", () => {
  it("keeps EventId and the features in the contract's order, values as written (the doc example)", () => {
    expect(validationSampleCsv("EventId,a,b,Weight,Label\n7,1.5,-999.0,0.3,s\n", ["b", "a"])).toEqual({
      csv: "EventId,b,a\n7,-999.0,1.5\n",
      rows: 1,
    });
  });

  it("stops at the row count, drops a cut-off last line, numbers rows without EventId", () => {
    const prefix = "x,y\n1,2\n3,4\n5,6\n7,";
    expect(validationSampleCsv(prefix, ["y", "x"], 2)).toEqual({ csv: "EventId,y,x\n1,2,1\n2,4,3\n", rows: 2 });
    expect(validationSampleCsv(prefix, ["x"]).rows).toBe(3);
  });

  it("names a feature the training file lacks", () => {
    expect(() => validationSampleCsv("EventId,a\n1,2\n", ["a", "b"])).toThrow("the training file has no column b");
  });
});
