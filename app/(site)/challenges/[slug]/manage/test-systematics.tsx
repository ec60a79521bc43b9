import type { SystematicKnob } from "@/challenges/kind";
import type { Db } from "@/db";
import { currentDataset } from "@/db/queries/datasets";

/** The knob values a dataset's secrets hold (a robustness challenge's test set), the numbers only. */
function knobValues(secrets: Record<string, unknown> | null | undefined): Record<string, number> {
  const raw = secrets?.testSystematics;
  if (typeof raw !== "object" || raw === null) return {};
  return Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, number] => typeof entry[1] === "number"));
}

/**
 * For the organisers only: the systematic shifts the test set was made with. The values live in the dataset's
 * server-only secrets, which no competitor page or API reads, so this section is where the organiser sees them.
 */
export async function TestSystematics({ db, challengeId, knobs }: { db: Db; challengeId: number; knobs: readonly SystematicKnob[] }) {
  const dataset = await currentDataset(db, challengeId);
  const values = knobValues(dataset?.secrets);
  const shifted = knobs.filter((k) => values[k.name] !== undefined && values[k.name] !== k.nominal);
  if (shifted.length === 0) return null;
  const dropped = dataset?.manifest.testEventsDroppedByShift;
  return (
    <section className="space-y-2">
      <h2 className="text-xl font-semibold">Test set</h2>
      <p className="text-sm" data-testid="test-systematics">
        Shifted by systematic uncertainties (the training set is nominal):{" "}
        {shifted.map((k) => `${k.label.replace(/ \(.*\)$/, "")} ${values[k.name]} (nominal ${k.nominal})`).join(", ")}
        {shifted.length < knobs.length ? "; the other knobs nominal." : "."}
        {typeof dropped === "number" && ` ${dropped.toLocaleString("en")} test events moved out of the selection and were left out.`}
      </p>
      <p className="text-sm text-slate-500">Only organisers see these values; competitors are told nothing of them.</p>
    </section>
  );
}
