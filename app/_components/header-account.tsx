"use client";

import Link from "next/link";
import type { Role } from "@/db/schema";
import { forgetReader, useReader } from "./reader";
import { signOutEverywhere } from "./sign-out-action";

export type HeaderUser = { name: string | null; email: string | null; role: Role };

/** The server's reader when it rendered for them, else (on a shared render) the one the page's personal request found. */
function useHeaderUser(initial: HeaderUser | null): HeaderUser | null {
  const reader = useReader();
  return initial ?? reader;
}

const link = "text-slate-600 hover:text-slate-900";

/** Navigation only some roles see. */
export function RoleLinks({ initial }: { initial: HeaderUser | null }) {
  const user = useHeaderUser(initial);
  if (!user || user.role === "competitor") return null;
  return (
    <>
      <Link href="/organise" className={link}>
        Organise
      </Link>
      {user.role === "admin" && (
        <>
          <Link href="/admin/users" className={link}>
            Users
          </Link>
          <Link href="/admin/outbox" className={link}>
            Mail
          </Link>
        </>
      )}
    </>
  );
}

/** The account corner: who is signed in and a sign-out button, or the ways in. */
export function AccountLinks({ initial }: { initial: HeaderUser | null }) {
  const user = useHeaderUser(initial);
  if (!user) {
    return (
      <>
        <Link href="/sign-in" className="hover:underline">
          Sign in
        </Link>
        <Link href="/sign-up" className="rounded bg-brand-600 px-3 py-1 text-white hover:bg-brand-700">
          Sign up
        </Link>
      </>
    );
  }
  return (
    <>
      <Link href="/profile" className="font-medium" data-testid="current-user">
        {user.name ?? user.email}
      </Link>
      <form action={signOutEverywhere} onSubmit={forgetReader}>
        <button type="submit" className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">
          Sign out
        </button>
      </form>
    </>
  );
}
