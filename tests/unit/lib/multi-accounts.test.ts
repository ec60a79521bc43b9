import { describe, expect, it } from "vitest";
import { baseDomain, findAccountGroups, mailbox, type ChallengeAccount } from "@/lib/multi-accounts";

const T0 = Date.UTC(2026, 0, 10, 9, 0);
let n = 0;
const acct = (email: string, minutes: number, ip: string | null = `ip-${n}`, verified = true): ChallengeAccount => ({
  userId: `u${n++}`,
  name: email.split("@")[0]!,
  email,
  verified,
  createdAt: new Date(T0 + minutes * 60_000),
  signupIpHash: ip,
  teamId: n,
  teamName: `team ${n}`,
  disqualified: false,
});
const emails = (g: { accounts: ChallengeAccount[] }) => g.accounts.map((a) => a.email).sort();

describe("multiple-account signals", () => {
  it("reduces addresses to the mailbox they deliver to", () => {
    expect(mailbox("Ada.Love+arena@GoogleMail.com")).toBe("adalove@gmail.com");
    expect(mailbox("ada.love+2@uni.edu")).toBe("ada.love@uni.edu"); // dots matter outside Gmail
    expect(baseDomain("x@maths.cam.ac.uk")).toBe("cam.ac.uk");
    expect(baseDomain("x@lab.physics.example.edu")).toBe("example.edu");
  });

  it("groups one mailbox, one sign-up address, an uncommon domain and a burst, strongest first", () => {
    const accounts = [
      acct("ada@gmail.com", 0, "h1"),
      acct("a.d.a+2@gmail.com", 300, "h2"),
      acct("bob@throwaway.xyz", 600, "h3"),
      acct("carl@mail.throwaway.xyz", 900, "h3", false),
      acct("dora@uni.edu", 1200, "h4"),
      acct("eve@uni.edu", 1203, "h5"),
      acct("fay@uni.edu", 1206, "h6"),
      acct("gus@outlook.com", 2000, "h7"),
      acct("hal@outlook.com", 3000, "h8"),
    ];
    const groups = findAccountGroups(accounts, { allowedDomains: ["uni.edu"] });
    expect(groups.map((g) => g.signal)).toEqual(["mailbox", "address", "domain", "burst"]);
    expect(emails(groups[0]!)).toEqual(["a.d.a+2@gmail.com", "ada@gmail.com"]);
    expect(emails(groups[1]!)).toEqual(["bob@throwaway.xyz", "carl@mail.throwaway.xyz"]);
    // The class's own domain and public providers are shared by design: never a domain group.
    expect(groups[2]!.label).toBe("@throwaway.xyz addresses (1 of 2 verified)");
    expect(emails(groups[3]!)).toEqual(["dora@uni.edu", "eve@uni.edu", "fay@uni.edu"]);
    expect(groups[3]!.label).toBe("3 accounts created within 6 minutes");
  });

  it("leaves teacher-enrolled accounts (no sign-up address) out of bursts, and finds nothing among strangers", () => {
    const enrolled = ["a@uni.edu", "b@uni.edu", "c@uni.edu"].map((e) => acct(e, 0, null));
    expect(findAccountGroups(enrolled, { allowedDomains: ["uni.edu"] })).toEqual([]);
    expect(findAccountGroups([acct("x@gmail.com", 0), acct("y@outlook.com", 60)])).toEqual([]);
  });
});
