import type { GateOutcome } from "@/scoring/gates/apply-gates";
import { gateShortName } from "@/scoring/gates/gate-settings";

/** The challenge's Flavours-of-Physics checks on this submission: each statistic against its threshold. */
export function GateResults({ gates }: { gates: readonly GateOutcome[] }) {
  const failed = gates.some((g) => !g.passed);
  return (
    <section className="space-y-2">
      <h3 className="font-semibold">Checks on the control events</h3>
      <p className="text-sm text-slate-600">
        {failed ? "This submission failed a check, so it is not ranked." : "Every check passed: the submission is ranked."} A check passes
        when its statistic is below the threshold.
      </p>
      <table className="text-sm" data-testid="gate-results">
        <thead className="text-left text-slate-500">
          <tr>
            <th className="pr-4">Check</th>
            <th className="pr-4 text-right">Statistic</th>
            <th className="pr-4 text-right">Threshold</th>
            <th className="pr-4 text-right">Control events</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {gates.map((g) => (
            <tr key={g.id} className="border-t border-slate-100" data-gate={g.id}>
              <td className="pr-4" title={g.name}>
                {gateShortName(g.id)}
                {g.column && <span className="text-slate-500"> with {g.column}</span>}
              </td>
              <td className="pr-4 text-right font-mono tabular-nums">{g.statistic.toPrecision(3)}</td>
              <td className="pr-4 text-right font-mono tabular-nums">{g.threshold}</td>
              <td className="pr-4 text-right tabular-nums">{g.events.toLocaleString("en")}</td>
              <td className={g.passed ? "text-green-700" : "font-semibold text-red-700"}>{g.passed ? "passed" : "failed: not ranked"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
