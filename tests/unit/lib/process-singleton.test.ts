import { describe, expect, it } from "vitest";
import { processSingleton } from "@/lib/process-singleton";

describe("processSingleton", () => {
  it("returns one value per name to every caller in the process, made once", () => {
    let made = 0;
    const make = () => ({ n: ++made });
    const a = processSingleton("test.process-singleton.a", make);
    expect(processSingleton("test.process-singleton.a", make)).toBe(a);
    expect(made).toBe(1);
    // What a second bundle's copy of a module sees: the value lives on globalThis under a registered symbol.
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("collider-arena.test.process-singleton.a")]).toBe(a);
    expect(processSingleton("test.process-singleton.b", make)).not.toBe(a);
    expect(made).toBe(2);
  });
});
