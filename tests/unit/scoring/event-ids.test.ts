import { describe, expect, it } from "vitest";
import { canonicalInteger, EventIdList } from "@/scoring/parsing/event-ids";

const texts = (list: EventIdList) => Array.from({ length: list.length }, (_, row) => list.at(row));

describe("EventIdList", () => {
  it("keeps canonical whole-number ids as numbers and spells them back as given", () => {
    const list = EventIdList.of(["350000", "0", "899999", "123456789012345"]);
    expect(Array.from(list.integers!)).toEqual([350000, 0, 899999, 123456789012345]);
    expect(texts(list)).toEqual(["350000", "0", "899999", "123456789012345"]);
  });

  it("keeps every id as text from the first one that is not a canonical whole number, the earlier ones included", () => {
    const list = EventIdList.of(["1", "2", "007", "x", "3"]);
    expect(list.integers).toBeNull();
    expect(texts(list)).toEqual(["1", "2", "007", "x", "3"]);
  });

  it("grows past its first capacity and trims to its length", () => {
    const ids = Array.from({ length: 3000 }, (_, i) => String(1000 + i));
    const list = EventIdList.of(ids);
    expect(list.length).toBe(3000);
    expect(list.integers!.length).toBe(3000);
    expect(texts(list)).toEqual(ids);
  });
});

describe("canonicalInteger", () => {
  it("accepts plain decimals of up to 15 digits only", () => {
    expect(canonicalInteger("42")).toBe(42);
    expect(canonicalInteger("0")).toBe(0);
    for (const text of ["", "007", "-1", "+1", "1.0", "1e3", " 1", "1234567890123456"]) expect(canonicalInteger(text)).toBe(-1);
  });
});
