import { Marked } from "marked";

// Descriptions are written by organisers but read by everyone: raw HTML is
// shown as text, never injected, and only http(s)/relative links survive.
const marked = new Marked({
  gfm: true,
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
