import { GATES } from "@/scoring/gates/gate-descriptor";
import { gateField, type GateSetting } from "@/scoring/gates/gate-settings";
import { setGatesAction } from "./actions";
import { ManageForm } from "./manage-form";

const input = "rounded border border-slate-300 px-3 py-1.5 text-sm";

/**
 * The challenge's Flavours-of-Physics checks: each switched on with its threshold. They read the answer key's
 * Control rows (Origin for the agreement check, Aux for the correlation check); a failing submission is not ranked.
 */
export function GateSettingsForm({ slug, gates }: { slug: string; gates: readonly GateSetting[] }) {
  return (
    <section className="space-y-3">
      <h2 className="text-xl font-semibold">Checks on control events (Flavours of Physics)</h2>
      <p className="text-sm text-slate-600">
        Control events are rows of test.csv that competitors predict like any other; the answer key marks them Usage=Control and they never
        count on a leaderboard. A submission that fails a switched-on check is shown as failed with its statistic and is not ranked. Saving
        a change rescores every submission already scored, so the leaderboards follow the checks in force.
      </p>
      <ManageForm action={setGatesAction} slug={slug} button="Save the checks">
        <div className="space-y-2 text-sm">
          {GATES.map((g) => {
            const current = gates.find((s) => s.id === g.id);
            return (
              <fieldset key={g.id} className="flex flex-wrap items-center gap-3">
                <label>
                  <input type="checkbox" name={gateField(g.id)} value="on" defaultChecked={!!current} /> {g.name}
                </label>
                <label>
                  threshold{" "}
                  <input
                    name={gateField(g.id, "threshold")}
                    defaultValue={current?.threshold ?? ""}
                    placeholder={String(g.defaultThreshold)}
                    className={`w-24 ${input}`}
                  />
                </label>
                {g.id === "cvm-correlation" && (
                  <label>
                    the key&apos;s Aux column is{" "}
                    <input
                      name={gateField(g.id, "column")}
                      defaultValue={current?.column ?? ""}
                      placeholder="mass"
                      className={`w-28 ${input}`}
                    />
                  </label>
                )}
                <span className="text-xs text-slate-500">
                  needs Control rows with{" "}
                  {g.id === "ks-agreement" ? "Origin real and simulated (1,000 of each)" : "an Aux value (1,000 or more)"}
                </span>
              </fieldset>
            );
          })}
        </div>
      </ManageForm>
    </section>
  );
}
