import type { Metadata } from "next";
import { requireUser } from "@/lib/authz";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const user = await requireUser("/profile");
  return (
    <div className="max-w-lg space-y-4">
      <h1 className="text-2xl font-bold">Your profile</h1>
      <dl className="grid grid-cols-[8rem_1fr] gap-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm">
        <dt className="font-medium text-slate-500">Name</dt>
        <dd>{user.name}</dd>
        <dt className="font-medium text-slate-500">Email</dt>
        <dd>{user.email}</dd>
        <dt className="font-medium text-slate-500">Role</dt>
        <dd data-testid="role">{user.role}</dd>
        <dt className="font-medium text-slate-500">Member since</dt>
        <dd>{user.createdAt.toISOString().slice(0, 10)}</dd>
      </dl>
    </div>
  );
}
