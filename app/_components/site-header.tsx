import Link from "next/link";
import { signOut } from "@/auth";
import { getDb } from "@/db";
import { currentUser, endSessions, hasRole } from "@/lib/authz";
import { siteConfig } from "@/lib/site";

export async function SiteHeader() {
  const user = await currentUser();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-brand-700">
          ⚛ {siteConfig.name}
        </Link>
        <nav className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {siteConfig.mainNav.map((item) => (
            <Link key={item.href} href={item.href} className="text-slate-600 hover:text-slate-900">
              {item.title}
            </Link>
          ))}
          {hasRole(user, "organiser") && (
            <Link href="/organise" className="text-slate-600 hover:text-slate-900">
              Organise
            </Link>
          )}
          {user?.role === "admin" && (
            <>
              <Link href="/admin/users" className="text-slate-600 hover:text-slate-900">
                Users
              </Link>
              <Link href="/admin/outbox" className="text-slate-600 hover:text-slate-900">
                Mail
              </Link>
            </>
          )}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          {user ? (
            <>
              <Link href="/profile" className="font-medium" data-testid="current-user">
                {user.name ?? user.email}
              </Link>
              <form
                action={async () => {
                  "use server";
                  // Voids the cookie itself, not just the browser's copy of it: a copied cookie stops working too.
                  const me = await currentUser();
                  if (me) await endSessions(await getDb(), me.id);
                  await signOut({ redirectTo: "/" });
                }}
              >
                <button type="submit" className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <>
              <Link href="/sign-in" className="hover:underline">
                Sign in
              </Link>
              <Link href="/sign-up" className="rounded bg-brand-600 px-3 py-1 text-white hover:bg-brand-700">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
