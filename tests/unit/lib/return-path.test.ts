import { describe, expect, it } from "vitest";
import { authHref, safeReturnPath } from "@/lib/return-path";

describe("safeReturnPath", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeReturnPath("/join/ABC123")).toBe("/join/ABC123");
    expect(safeReturnPath("/challenges/higgs-boson/submit?x=1#top")).toBe("/challenges/higgs-boson/submit?x=1#top");
  });

  it.each([
    ["protocol-relative", "//evil.example/x"],
    ["backslash", "/\\evil.example"],
    ["absolute URL", "https://evil.example/"],
    ["javascript:", "javascript:alert(1)"],
    ["tab inside", "/\t/evil.example"],
    ["newline inside", "/\n/evil.example"],
    ["relative", "evil.example"],
    ["empty", ""],
    ["not a string", ["/a"]],
  ])("refuses a %s target", (_what, target) => {
    expect(safeReturnPath(target)).toBe("/");
  });

  it("normalises dot segments without leaving the site", () => {
    expect(safeReturnPath("/a/../../b")).toBe("/b");
  });
});

describe("authHref", () => {
  it("carries the return path and leaves the home page out", () => {
    expect(authHref("/sign-up", "/join/ABC")).toBe("/sign-up?callbackUrl=%2Fjoin%2FABC");
    expect(authHref("/sign-in", "/")).toBe("/sign-in");
    expect(authHref("/sign-in", "//evil.example")).toBe("/sign-in");
  });
});
