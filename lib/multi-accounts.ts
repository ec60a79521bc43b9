/**
 * Signs that several accounts in one challenge may be one person (to multiply the daily submission limit or to
 * probe the private board). Each is a hint for the organiser to look at, never a verdict: classmates share a
 * school's domain and a lab's address, and many sign up in the same lesson.
 */
export interface ChallengeAccount {
  userId: string;
  name: string;
  email: string;
  verified: boolean;
  createdAt: Date;
  signupIpHash: string | null;
  teamId: number | null;
  teamName: string | null;
  disqualified: boolean;
}

export type Signal = "mailbox" | "address" | "domain" | "burst";

export interface AccountGroup {
  signal: Signal;
  /** What the accounts share, in words (never the sign-up address itself: only its keyed hash is stored). */
  label: string;
  accounts: ChallengeAccount[];
}

/** Strongest first: one mailbox is near proof; a shared domain or a burst are only worth a look. */
const ORDER: Signal[] = ["mailbox", "address", "domain", "burst"];

/** Providers whose domain anyone can have: sharing one says nothing. */
const PUBLIC_PROVIDERS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "icloud.com",
  "me.com",
  "proton.me",
  "protonmail.com",
  "gmx.de",
  "gmx.net",
  "web.de",
  "aol.com",
  "mail.ru",
  "yandex.ru",
  "qq.com",
  "163.com",
]);

// Mail providers that ignore dots in the local part.
const DOTLESS = new Set(["gmail.com", "googlemail.com"]);

/** The mailbox an address delivers to: `+tags` dropped everywhere, dots dropped where the provider ignores them. */
export function mailbox(email: string): string {
  const [local = "", rawDomain = ""] = email.toLowerCase().split("@");
  const domain = rawDomain === "googlemail.com" ? "gmail.com" : rawDomain;
  let box = local.split("+")[0] ?? "";
  if (DOTLESS.has(domain)) box = box.replace(/\./g, "");
  return `${box}@${domain}`;
}

/** The organisation behind an address's domain: its last two labels, three under a country's `co.`/`ac.` zones. */
export function baseDomain(email: string): string {
  const labels = (email.toLowerCase().split("@")[1] ?? "").split(".").filter(Boolean);
  const second = labels[labels.length - 2] ?? "";
  const n =
    labels.length >= 3 && labels[labels.length - 1]!.length === 2 && ["co", "ac", "edu", "gov", "org", "com", "net"].includes(second)
      ? 3
      : 2;
  return labels.slice(-n).join(".");
}

function groupBy(accounts: readonly ChallengeAccount[], key: (a: ChallengeAccount) => string | null): Map<string, ChallengeAccount[]> {
  const groups = new Map<string, ChallengeAccount[]>();
  for (const a of accounts) {
    const k = key(a);
    if (k !== null) groups.set(k, [...(groups.get(k) ?? []), a]);
  }
  return new Map([...groups].filter(([, g]) => g.length >= 2));
}

export interface ClusterOptions {
  /** The challenge's own email-domain rule: everyone shares those domains by design. */
  allowedDomains?: readonly string[] | null;
  /** Self sign-ups created at most this far apart (in a chain) form a burst. */
  burstMinutes?: number;
}

/** The groups of accounts that share a mailbox, a sign-up address, an uncommon domain, or a creation burst. */
export function findAccountGroups(accounts: readonly ChallengeAccount[], opts: ClusterOptions = {}): AccountGroup[] {
  const out: AccountGroup[] = [];
  for (const [box, g] of groupBy(accounts, (a) => (a.email ? mailbox(a.email) : null))) {
    out.push({ signal: "mailbox", label: `one mailbox (${box})`, accounts: g });
  }
  for (const [, g] of groupBy(accounts, (a) => a.signupIpHash)) {
    out.push({ signal: "address", label: "signed up from the same network address", accounts: g });
  }
  const allowed = new Set((opts.allowedDomains ?? []).map((d) => baseDomain(`x@${d}`)));
  for (const [domain, g] of groupBy(accounts, (a) => {
    const d = a.email ? baseDomain(a.email) : "";
    return d && !PUBLIC_PROVIDERS.has(d) && !allowed.has(d) ? d : null;
  })) {
    const verified = g.filter((a) => a.verified).length;
    out.push({ signal: "domain", label: `@${domain} addresses (${verified} of ${g.length} verified)`, accounts: g });
  }
  const gapMs = (opts.burstMinutes ?? 5) * 60_000;
  // Only accounts that signed up through the form: a teacher's bulk enrolment creates a whole class in one instant.
  const byTime = accounts.filter((a) => a.signupIpHash !== null).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  let run: ChallengeAccount[] = [];
  const closeRun = () => {
    if (run.length >= 2) {
      const minutes = Math.max(1, Math.round((run[run.length - 1]!.createdAt.getTime() - run[0]!.createdAt.getTime()) / 60_000));
      out.push({
        signal: "burst",
        label: `${run.length} accounts created within ${minutes} minute${minutes === 1 ? "" : "s"}`,
        accounts: run,
      });
    }
    run = [];
  };
  for (const a of byTime) {
    const last = run[run.length - 1];
    if (last && a.createdAt.getTime() - last.createdAt.getTime() > gapMs) closeRun();
    run.push(a);
  }
  closeRun();
  return out.sort((a, b) => ORDER.indexOf(a.signal) - ORDER.indexOf(b.signal) || b.accounts.length - a.accounts.length);
}
