import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { listUsers } from "@/db/queries/users";
import { roleEnum } from "@/db/schema";
import { requireRole } from "@/lib/authz";
import { setRoleAction, signOutEverywhereAction } from "./actions";
import { RoleForm, SignOutEverywhereForm } from "./role-form";

export const metadata: Metadata = { title: "Users" };

/** Admins grant roles: organisers create challenges; admins run the site. */
export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const admin = await requireRole("admin");
  if (admin.role !== "admin") notFound();
  const { q } = await searchParams;
  const users = await listUsers(await getDb(), { search: q, limit: 200 });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Users</h1>
      <form className="flex gap-2">
        <input
          name="q"
          defaultValue={q}
          placeholder="name or email"
          aria-label="Search users"
          className="rounded border border-slate-300 px-3 py-1.5 text-sm"
        />
        <button className="rounded border border-slate-300 px-3 py-1.5 text-sm">Search</button>
      </form>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="users">
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-t border-slate-100">
                <td className="py-1">{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <RoleForm action={setRoleAction} userId={u.id} role={u.role} roles={roleEnum.enumValues} label={`Role of ${u.email}`} />
                </td>
                <td>
                  <SignOutEverywhereForm action={signOutEverywhereAction} userId={u.id} label={`Sign ${u.email} out everywhere`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
