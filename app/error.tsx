"use client";

import { PageError } from "./_components/page-error";

/** A page that failed (inside the site's header and footer). */
export default function ErrorPage({ error }: { error: Error & { digest?: string } }) {
  return <PageError digest={error.digest} />;
}
