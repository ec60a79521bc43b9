"use client";

import { useState } from "react";

/** Copies `text` to the clipboard and says so; where the clipboard is refused (plain http), it says to copy by hand. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      onClick={() => {
        navigator.clipboard
          .writeText(text)
          .then(() => setState("copied"))
          .catch(() => setState("failed"));
      }}
      className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
    >
      {state === "copied" ? "Copied ✓" : state === "failed" ? "Copy refused: select the link" : label}
    </button>
  );
}
