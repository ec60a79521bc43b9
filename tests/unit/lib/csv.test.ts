import { describe, expect, it } from "vitest";
import { rosterCsv } from "@/db/queries/classes";
import { csvCell, csvLine } from "@/lib/csv";

describe("CSV cells (OWASP CSV injection)", () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ["+1+cmd|' /C calc'!A0", `"'+1+cmd|' /C calc'!A0"`],
    ["-2+3", `"'-2+3"`],
    ["@SUM(A1:A9)", `"'@SUM(A1:A9)"`],
    ["\t=1", `"'\t=1"`],
    ["\r=1", `"'\r=1"`],
  ])("turns the formula %j into text", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
  it("leaves ordinary text and numbers alone, and quotes separators", () => {
    expect(csvLine(["Ada's team", "a,b", 'say "hi"', -0.5, 3, null, undefined, "a=b"])).toBe(`Ada's team,"a,b","say ""hi""",-0.5,3,,,a=b`);
  });
  it("is what the grade export writes", () => {
    const csv = rosterCsv([
      {
        userId: "u",
        name: "=cmd()",
        email: "@evil.org",
        teamName: "-team",
        submissions: 1,
        bestPublic: -1.5,
        publicRank: 1,
        bestPrivate: null,
        privateRank: null,
      },
    ]);
    expect(csv.split("\n")[1]).toBe(`"'=cmd()","'@evil.org","'-team",1,-1.5,1,,`);
  });
});
