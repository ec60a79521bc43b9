import { expect, it } from "vitest";
import { joinChallengeByCode } from "@/db/queries/classes";
import { challengeAccounts } from "@/db/queries/multi-accounts";
import { setDisqualified } from "@/db/queries/organiser";
import { ensureTeam } from "@/db/queries/teams";
import { createUser } from "@/db/queries/users";
import { ipHash } from "@/lib/client-ip";
import { findAccountGroups } from "@/lib/multi-accounts";
import { describeEachDatabase } from "./databases";
import { makeChallenge } from "./fixtures";

const KEY = "k".repeat(40);

describeEachDatabase("multiple accounts", (get) => {
  it("shows an organiser the challenge's accounts that share a mailbox, a sign-up address or a burst, and disqualifies from there", async () => {
    const { db } = get();
    const tag = Date.now();
    const code = `ma-${tag}`;
    const c = await makeChallenge(db, { visibility: "private", joinCode: code });
    const other = await makeChallenge(db, {});
    const t0 = Date.now() - 3600_000;
    const mk = (local: string, minutes: number, ip: string) =>
      createUser(db, {
        email: `${local}+${tag}@gmail.com`,
        name: local,
        createdAt: new Date(t0 + minutes * 60_000),
        signupIpHash: ipHash(ip, KEY),
      });
    const ada = await mk("ada.l", 0, "198.51.100.1");
    const ada2 = await mk("adal", 2, "198.51.100.1");
    const bob = await mk(`bob${tag}`, 40, "203.0.113.9");
    const outsider = await mk("ada.l.", 1, "198.51.100.1"); // same mailbox, but in another challenge
    for (const u of [ada, ada2, bob]) await joinChallengeByCode(db, code, u);
    await ensureTeam(db, other.id, outsider);
    const teamOfAda2 = await ensureTeam(db, c.id, ada2);

    const accounts = await challengeAccounts(db, c.id);
    expect(accounts.map((a) => a.userId).sort()).toEqual([ada.id, ada2.id, bob.id].sort());
    const groups = findAccountGroups(accounts);
    expect(groups.map((g) => [g.signal, g.accounts.map((a) => a.name).sort()])).toEqual([
      ["mailbox", ["ada.l", "adal"]],
      ["address", ["ada.l", "adal"]],
      ["burst", ["ada.l", "adal"]],
    ]);
    const flagged = groups[0]!.accounts.find((a) => a.userId === ada2.id)!;
    expect(flagged).toMatchObject({ teamId: teamOfAda2.id, disqualified: false });

    expect(await setDisqualified(db, c.id, flagged.teamId!, true)).toBe(true);
    expect((await challengeAccounts(db, c.id)).find((a) => a.userId === ada2.id)?.disqualified).toBe(true);
    // The other challenge's organiser sees only their own participant.
    expect((await challengeAccounts(db, other.id)).map((a) => a.userId)).toEqual([outsider.id]);
  });
});
