"use client";

import { useState } from "react";
import { designTextOf, paramsOf, V1_FIELDS, type V1Params } from "@/lib/design-params";

const STARTING_PARAMS: V1Params = { y1: "0", y2: "0", y3: "0", z1: "2", z2: "4", z3: "6" };

/**
 * The design as six v1 fields and as text, kept in step: a field edit rewrites the text, a text edit refills the
 * fields (or says the text is beyond them). The form submits the text, so it submits exactly what is shown.
 */
export function DesignEditor({ initial, textRef }: { initial: string; textRef: React.RefObject<HTMLTextAreaElement | null> }) {
  const [text, setText] = useState(initial);
  const [params, setParams] = useState<V1Params | null>(() => paramsOf(initial));
  function setField(name: keyof V1Params, value: string) {
    const next = { ...(params ?? STARTING_PARAMS), [name]: value };
    setParams(next);
    setText(designTextOf(next));
  }
  return (
    <>
      <fieldset className="flex flex-wrap items-end gap-2 text-sm">
        <legend className="mb-1 font-medium">v1 parameters (cm): layer shifts y and gaps z from the layer before</legend>
        {V1_FIELDS.map((name) => (
          <label key={name} className="flex flex-col">
            {name}
            <input
              name={name}
              type="number"
              step="0.001"
              value={params?.[name] ?? ""}
              onChange={(e) => setField(name, e.target.value)}
              className="w-20 rounded border border-slate-300 px-2 py-1"
            />
          </label>
        ))}
        {params === null && (
          <p className="w-full text-xs text-slate-500">
            The design below is not a three-layer v1 design; editing a field replaces it with one.
          </p>
        )}
      </fieldset>
      <div>
        <label htmlFor="design-text" className="block text-sm font-medium">
          The design that is submitted (edit the fields above or the text)
        </label>
        <textarea
          id="design-text"
          ref={textRef}
          rows={4}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setParams(paramsOf(e.target.value));
          }}
          spellCheck={false}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2 font-mono text-sm"
        />
      </div>
    </>
  );
}
