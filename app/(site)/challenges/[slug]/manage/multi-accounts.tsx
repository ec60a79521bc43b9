import type { Db } from "@/db";
import { challengeAccounts } from "@/db/queries/multi-accounts";
import { findAccountGroups } from "@/lib/multi-accounts";
import { disqualifyAction } from "./actions";
import { ManageForm } from "./manage-form";

const MAX_GROUPS = 50;

/** Accounts in this challenge that may belong to one person, grouped by what they share, with the disqualify button. */
export async function MultiAccounts({
  db,
  slug,
  challengeId,
  allowedDomains,
}: {
  db: Db;
  slug: string;
  challengeId: number;
  allowedDomains: string[] | null;
}) {
  const groups = findAccountGroups(await challengeAccounts(db, challengeId), { allowedDomains });
  return (
    <section className="space-y-3">
      <h2 className="text-xl font-semibold">Possible multiple accounts</h2>
      <p className="text-sm text-slate-600">
        Accounts that share one mailbox (<code>+tags</code> and Gmail dots removed), a sign-up network address, an uncommon email domain, or
        signed up within minutes of each other. These are hints to look into, not proof: classmates share networks and sign up in the same
        lesson.
      </p>
      {groups.length === 0 ? (
        <p className="text-sm text-slate-500">None found.</p>
      ) : (
        <ul className="space-y-3" data-testid="multi-accounts">
          {groups.slice(0, MAX_GROUPS).map((g) => (
            <li key={`${g.signal}-${g.accounts.map((a) => a.userId).join(",")}`} className="rounded border border-slate-200 p-3">
              <p className="text-sm font-medium">{g.label}</p>
              <div className="overflow-x-auto">
                <table className="mt-1 w-full text-sm">
                  <tbody>
                    {g.accounts.map((a) => (
                      <tr key={a.userId} className="border-t border-slate-100">
                        <td className="py-1">
                          {a.name} <span className="text-slate-500">{a.email}</span>
                          {!a.verified && <span className="ml-1 text-xs text-amber-700">unverified</span>}
                        </td>
                        <td className="text-slate-500">{a.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</td>
                        <td>{a.teamName ?? "no team yet"}</td>
                        <td className="text-right">
                          {a.teamId !== null && (
                            <ManageForm
                              action={disqualifyAction}
                              slug={slug}
                              hidden={{ teamId: String(a.teamId), disqualified: String(!a.disqualified) }}
                              button={a.disqualified ? `Reinstate ${a.teamName}` : `Disqualify ${a.teamName}`}
                            />
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </li>
          ))}
        </ul>
      )}
      {groups.length > MAX_GROUPS && <p className="text-sm text-slate-500">and {groups.length - MAX_GROUPS} more groups.</p>}
    </section>
  );
}
