import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDecimal, parseDigits } from "@/scoring/parse-number";
import { encode } from "./helpers";

const decimal = (text: string) => {
  const b = encode(text);
  return parseDecimal(b, 0, b.length);
};

describe("parseDecimal", () => {
  it("equals Number() on every double's shortest and exponential forms", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 20 }), (x, digits) => {
        expect(Object.is(decimal(String(x)), Number(String(x)))).toBe(true);
        expect(Object.is(decimal(x.toExponential(digits)), Number(x.toExponential(digits)))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("equals Number() on arbitrary digit strings (up to 22 digits, any point and exponent)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,22}$/), fc.nat(22), fc.integer({ min: -30, max: 30 }), (digits, point, exp) => {
        const text = `${digits.slice(0, point)}.${digits.slice(point)}e${exp}`;
        expect(Object.is(decimal(text), Number(text))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("is exact on rounding midpoints and classic hard cases", () => {
    for (const text of ["9007199254740993", "9007199254740995", "0.1", "0.30000000000000004", "1e23", "8.98846567431158e307", "2.2250738585072011e-308", "-0", "5e-324"]) {
      expect(Object.is(decimal(text), Number(text))).toBe(true);
    }
  });

  it("rejects everything that is not a plain finite decimal", () => {
    for (const text of ["", "-", ".", "e5", "1e", "1e+", "0x10", "Infinity", "inf", "NaN", "1,5", " 1", "1 ", "1.2.3", "++1"]) {
      expect(decimal(text)).toBeNaN();
    }
    expect(decimal("+.5e-1")).toBe(0.05);
  });
});

describe("parseDigits", () => {
  it("parses unsigned integers and rejects anything else", () => {
    expect(parseDigits(encode("550000"), 0, 6)).toBe(550000);
    for (const text of ["", "-1", "1.0", "1e3", "12a", "1234567890123456"]) {
      const b = encode(text);
      expect(parseDigits(b, 0, b.length)).toBe(-1);
    }
  });
});
