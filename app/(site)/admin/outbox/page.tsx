import type { Metadata } from "next";
import { ActionForm } from "@/app/_components/action-form";
import { getDb } from "@/db";
import { listOutbox } from "@/db/queries/site-mail";
import { requireRole } from "@/lib/authz";
import { verificationSetting } from "@/lib/email-verification";
import { env } from "@/lib/env";
import { setVerificationAction } from "./actions";

export const metadata: Metadata = { title: "Mail" };

/** The admin's mail page: whether addresses must be verified, and (without SMTP) every mail the site sent. */
export default async function OutboxPage() {
  await requireRole("admin");
  const db = await getDb();
  const smtp = Boolean(env().SMTP_URL);
  const [setting, mails] = await Promise.all([verificationSetting(db, smtp), smtp ? Promise.resolve([]) : listOutbox(db)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Mail</h1>
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">Email verification</h2>
        <p className="text-sm" data-testid="verification-state">
          {setting.required ? "Required" : "Not required"} (
          {setting.source === "admin" ? "set by an admin" : smtp ? "default with SMTP" : "default without SMTP"}):
          {setting.required
            ? " accounts must verify their address before they submit or join a class limited to some email domains."
            : " every account may submit at once."}
        </p>
        <ActionForm
          action={setVerificationAction}
          hidden={{ required: String(!setting.required) }}
          button={setting.required ? "Stop requiring verification" : "Require verified addresses"}
        />
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Outbox</h2>
        {smtp ? (
          <p className="text-sm text-slate-600">Mail goes out through the SMTP server (SMTP_URL); nothing is kept here.</p>
        ) : (
          <>
            <p className="text-sm text-slate-600">
              No SMTP server is configured (SMTP_URL), so no mail leaves this machine: here, and in the server log, is every mail the site
              would have sent (newest first). The links in them work: pass them on by hand.
            </p>
            {mails.length === 0 ? (
              <p className="text-sm text-slate-500">No mail yet.</p>
            ) : (
              <ul className="space-y-3" data-testid="outbox">
                {mails.map((m) => (
                  <li key={m.id} className="rounded border border-slate-200 bg-white p-3 text-sm">
                    <p className="font-medium">
                      To {m.to}: {m.subject}
                    </p>
                    <p className="text-xs text-slate-500">{m.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</p>
                    <pre className="mt-2 whitespace-pre-wrap break-all font-sans">{m.body}</pre>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
    </div>
  );
}
