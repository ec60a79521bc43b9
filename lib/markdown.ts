import katex from "katex";
import { Marked, type TokenizerAndRendererExtension } from "marked";

// Maths in descriptions, as physicists write it: $E = mc^2$ inline, $$…$$ on its own lines. KaTeX renders on the
// server (no script in the page); a formula it cannot parse is shown as its source in red, never as an error page.
// `trust` stays off, so \href and \url cannot smuggle links.
const tex = (source: string, displayMode: boolean) =>
  katex.renderToString(source, { displayMode, throwOnError: false, output: "htmlAndMathml" });

const mathBlock: TokenizerAndRendererExtension = {
  name: "mathBlock",
  level: "block",
  start: (src) => src.match(/^\$\$/m)?.index,
  tokenizer(src) {
    const m = /^\$\$([\s\S]+?)\$\$(?:\n|$)/.exec(src);
    return m ? { type: "mathBlock", raw: m[0], text: m[1]!.trim() } : undefined;
  },
  renderer: (token) => `<div class="math-display">${tex(token.text as string, true)}</div>\n`,
};

const mathInline: TokenizerAndRendererExtension = {
  name: "mathInline",
  level: "inline",
  start: (src) => (src.indexOf("$") >= 0 ? src.indexOf("$") : undefined),
  tokenizer(src) {
    // $…$ with no space just inside the dollars, so "costs $5 and $6" stays text.
    const m = /^\$(?!\s)((?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d)/.exec(src);
    return m ? { type: "mathInline", raw: m[0], text: m[1]! } : undefined;
  },
  renderer: (token) => tex(token.text as string, false),
};

// Descriptions are written by organisers but read by everyone: raw HTML is
// shown as text, never injected, and only http(s)/relative links survive.
const marked = new Marked({
  gfm: true,
  extensions: [mathBlock, mathInline],
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
  },
  walkTokens(token) {
    if ((token.type === "link" || token.type === "image") && !/^(https?:|\/|#|mailto:)/i.test(token.href)) {
      token.href = "#";
    }
  },
});

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderMarkdown(source: string): string {
  return marked.parse(source, { async: false });
}
