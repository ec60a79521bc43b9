import { describe, expect, it } from "vitest";
import { higgsDescription } from "@/challenges/higgs-tautau/description";
import { renderMarkdown } from "@/lib/markdown";

/** The TeX source KaTeX keeps in its MathML annotation: proof that a formula was typeset, and of what. */
const annotations = (html: string) =>
  [...html.matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map((m) => m[1]);

describe("renderMarkdown: maths in descriptions (KaTeX, on the server)", () => {
  it("typesets inline $…$ as KaTeX markup, not as text", () => {
    const html = renderMarkdown("Mass and energy: $E=mc^2$. A cross-section of $10^{-22}$ barn.");
    expect(annotations(html)).toEqual(["E=mc^2", "10^{-22}"]);
    // The superscripts are typeset (msup in the MathML, vlist in the HTML), and no dollar sign is left.
    expect(html).toContain('<span class="katex">');
    expect(html.match(/<msup>/g)).toHaveLength(2);
    expect(html).toContain("vlist");
    expect(html).not.toContain("$");
  });

  it("typesets $$…$$ on its own lines as a display formula", () => {
    const html = renderMarkdown("Before.\n\n$$\\sqrt{2\\ln(1 + s/b)}$$\n\nAfter.");
    expect(html).toContain('<div class="math-display"><span class="katex-display">');
    expect(annotations(html)).toEqual(["\\sqrt{2\\ln(1 + s/b)}"]);
    expect(html).toContain("<p>After.</p>");
  });

  it("leaves prices and bad TeX readable, and never runs what a formula smuggles", () => {
    expect(renderMarkdown("It costs $5 and $6.")).toBe("<p>It costs $5 and $6.</p>\n");
    // A formula KaTeX cannot parse is shown as its source, marked, never an error page.
    const bad = renderMarkdown("$\\frac{1}{$ ok");
    expect(bad).toContain('<span class="katex-error"');
    expect(bad).toContain(">\\frac{1}{</span> ok</p>");
    // \href stays text (KaTeX's trust is off): no link, whatever it points at.
    expect(renderMarkdown("$\\href{javascript:alert(1)}{x}$")).not.toMatch(/<a\b|href=/);
  });

  it("shows the Higgs challenge's AMS formula typeset", () => {
    const html = renderMarkdown(higgsDescription);
    expect(annotations(html).some((a) => a!.includes("\\text{AMS} = \\sqrt{"))).toBe(true);
  });
});
