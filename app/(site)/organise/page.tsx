import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/app/_components/status-badge";
import { KIND_UPLOADS } from "@/challenges";
import { getDb } from "@/db";
import { managedChallenges } from "@/db/queries/challenges";
import { requireRole } from "@/lib/authz";
import { ImportBundleForm } from "./import-bundle-form";
import { ImportDataForm } from "./import-data-form";

export const metadata: Metadata = { title: "Organise" };

/** The organiser's dashboard: the challenges they run. */
export default async function OrganisePage() {
  const user = await requireRole("organiser");
  const rows = await managedChallenges(await getDb(), user);
  // What the import form offers: every kind's uploads, as plain data for the client.
  const uploads = KIND_UPLOADS.map(({ upload: u }) => ({ id: u.id, label: u.label, files: u.files, fields: u.fields }));
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-4">
        <h1 className="text-2xl font-bold">Your challenges</h1>
        <Link href="/organise/new" className="rounded bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700">
          New challenge
        </Link>
      </div>
      {rows.length === 0 ? (
        <p className="text-slate-600">None yet.</p>
      ) : (
        <ul className="space-y-2" data-testid="managed">
          {rows.map((c) => (
            <li key={c.id} className="flex items-center gap-3 rounded border border-slate-200 bg-white p-3">
              <StatusBadge status={c.state.status} />
              <Link href={`/challenges/${c.slug}/manage`} className="font-medium text-brand-700 underline">
                {c.title}
              </Link>
              <span className="text-sm text-slate-500">{c.visibility}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <ImportDataForm uploads={uploads} />
        <ImportBundleForm />
      </div>
    </div>
  );
}
