import Link from "next/link";
import { currentUser } from "@/lib/authz";
import { siteConfig } from "@/lib/site";
import { AccountLinks, RoleLinks, type HeaderUser } from "./header-account";

export async function SiteHeader() {
  const user = await currentUser();
  const initial: HeaderUser | null = user ? { name: user.name, email: user.email, role: user.role } : null;
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
          <RoleLinks initial={initial} />
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <AccountLinks initial={initial} />
        </div>
      </div>
    </header>
  );
}
