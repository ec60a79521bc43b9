"use client";

import { PageError } from "./_components/page-error";
import "./globals.css";

/** The root layout itself failed (its header reads the session's account from the database): a page of its own. */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 px-4 font-sans text-slate-900 antialiased">
        <PageError digest={error.digest} />
      </body>
    </html>
  );
}
