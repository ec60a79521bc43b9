import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fourDigitsAt, parseDecimal, parseDigits, parsePlainDecimal, parseProbability } from "@/scoring/parsing/parse-number";
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
    for (const text of [
      "9007199254740993",
      "9007199254740995",
      "0.1",
      "0.30000000000000004",
      "1e23",
      "8.98846567431158e307",
      "2.2250738585072011e-308",
      "-0",
      "5e-324",
    ]) {
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

describe("parseProbability", () => {
  const both = (text: string) => {
    const b = encode(`${text}\n`);
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const fast = new Float64Array(1).fill(NaN);
    const plain = new Float64Array(1).fill(NaN);
    return {
      fastEnd: parseProbability(b, view, 0, fast, 0),
      fast: fast[0]!,
      plainEnd: parsePlainDecimal(b, view, 0, plain, 0),
      plain: plain[0]!,
    };
  };

  it("gives parsePlainDecimal's value and end on `0.` + 16 or 17 digits, and declines every other text", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,20}$/), fc.constantFrom("", "\n", ",", "e-3", ".5", "x"), (digits, after) => {
        const r = both(`0.${digits}${after}`);
        if (r.fastEnd < 0) {
          // Declined: a length other than 16 or 17 digits, or (rarely) a rounding midpoint.
          if (digits.length === 16 || digits.length === 17) expect(r.plainEnd).toBe(-1);
          return;
        }
        expect([16, 17]).toContain(digits.length);
        expect(r.fastEnd).toBe(r.plainEnd);
        expect(Object.is(r.fast, r.plain)).toBe(true);
        expect(Object.is(r.fast, Number(`0.${digits}`))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    for (const text of ["1.2345678901234567", "-0.1234567890123456", "0,1234567890123456", "0.123456789012345a7", ".1234567890123456"]) {
      expect(both(text).fastEnd).toBe(-1);
    }
  });

  it("declines a byte that is not a digit at any of the sixteen places (the four words are checked together)", () => {
    // Just below and above the digits, other high nibbles (0x0_ to 0xf_) and low nibbles above 9, 0xfa to 0xff
    // included: with 6 added they carry out of their byte.
    for (let place = 2; place < 18; place++) {
      for (const bad of [0x00, 0x20, 0x2f, 0x3a, 0x3f, 0x41, 0x70, 0xb9, 0xc3, 0xf3, 0xfa, 0xff]) {
        const b = encode("0.1234567890123456\n");
        b[place] = bad;
        const out = new Float64Array(1);
        expect(parseProbability(b, new DataView(b.buffer, b.byteOffset, b.byteLength), 0, out, 0), `byte ${bad} at ${place}`).toBe(-1);
      }
    }
  });
});

describe("fourDigitsAt", () => {
  const at = (text: string, i = 0, length = text.length) => {
    const b = encode(text);
    return fourDigitsAt(new DataView(b.buffer, b.byteOffset, b.byteLength), i, length);
  };

  it("reads four ASCII digits, first digit most significant, and nothing else", () => {
    expect(at("1234")).toBe(1234);
    expect(at("0042,")).toBe(42);
    expect(at("x9876", 1)).toBe(9876);
    for (const text of ["123", "12a4", "12.4", "123/", "123:", "12 4", "12\u00e94"]) expect(at(text)).toBe(-1);
    // Never past the given length, even where the buffer goes on.
    expect(at("12345", 2, 5)).toBe(-1);
    expect(at("1234", 0, 3)).toBe(-1);
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

describe("parsePlainDecimal", () => {
  /** [value, end], or [NaN, −1] when refused. */
  const plain = (text: string): [number, number] => {
    const b = encode(`${text}\n`);
    const out = new Float64Array(1).fill(NaN);
    const end = parsePlainDecimal(b, new DataView(b.buffer, b.byteOffset, b.byteLength), 0, out, 0);
    expect(Number.isNaN(out[0]!)).toBe(end < 0);
    return [out[0]!, end];
  };

  it("equals Number() on shortest forms and digit strings, stopping at the line end", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), (x) => {
        const text = String(x);
        if (text.includes("e")) return;
        const [v, end] = plain(text);
        expect(Object.is(v, Number(text))).toBe(true);
        expect(end).toBe(text.length);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,34}$/), fc.nat(34), (digits, point) => {
        const text = `${digits.slice(0, point)}.${digits.slice(point)}`;
        const [v] = plain(text);
        // NaN only asks for the general parser; any value must be exact.
        if (!Number.isNaN(v)) expect(Object.is(v, Number(text))).toBe(true);
        expect(Number.isNaN(v) && text.length <= 20).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it("equals Number() on 15 to 20 significant digits, where the double-double path and 8-digit reads run", () => {
    // Scores in [0, 1) written with 17 significant digits (Python's repr, JavaScript's shortest form) do not fit
    // 2^53: they take the corrected-quotient path; the digit counts put chunk boundaries everywhere.
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9][0-9]{14,19}$/), fc.nat(6), fc.nat(21), (digits, zeros, point) => {
        for (const text of [`0.${"0".repeat(zeros)}${digits}`, `${digits.slice(0, point)}.${digits.slice(point)}`]) {
          const [v] = plain(text);
          // NaN: a value within a hair of a rounding midpoint (10000000000000003 is one), left to the general parser.
          if (!Number.isNaN(v)) expect(Object.is(v, Number(text))).toBe(true);
          expect(Object.is(decimal(text), Number(text))).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    // Exact midpoints (2^53 + 1; 2^53 + 0.5, between one double and the next), and the largest 17-digit fractions:
    // the fast parser may decline a midpoint, never get one wrong; the general one is exact on all.
    for (const text of [
      "9007199254740993",
      "9007199254740992.5",
      "0.30000000000000004",
      "0.99999999999999994",
      "0.99999999999999997",
      "0.12345678901234567",
    ]) {
      const [v] = plain(text);
      if (!Number.isNaN(v)) expect(Object.is(v, Number(text))).toBe(true);
      expect(Object.is(decimal(text), Number(text))).toBe(true);
    }
    // Seventeen digits on purpose: the parser must round them as JavaScript does.
    // eslint-disable-next-line no-loss-of-precision
    expect(plain("0.12345678901234567")[0]).toBe(0.12345678901234567);
  });

  it("stops at the first byte that cannot continue the number, and refuses non-plain forms", () => {
    expect(plain("0.25,1")).toEqual([0.25, 4]);
    expect(plain("-12.5e3")).toEqual([-12.5, 5]);
    for (const text of ["", "-", ".", "+1", "e5"]) expect(plain(text)).toEqual([NaN, -1]);
  });
});
