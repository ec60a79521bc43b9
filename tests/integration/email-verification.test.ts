import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";

// Only API tokens are used here; no browser session.
vi.mock("@/auth", () => ({ auth: async () => null }));

import * as subs from "@/app/api/v1/challenges/[slug]/submissions/route";
import { createApiToken } from "@/db/queries/api-tokens";
import { ClassRuleError, joinChallengeByCode } from "@/db/queries/classes";
import { isParticipant } from "@/db/queries/challenges";
import { listOutbox } from "@/db/queries/site-mail";
import { createUser, getUserById } from "@/db/queries/users";
import { emailTokens, type Challenge } from "@/db/schema";
import {
  confirmEmail,
  MailRateLimitError,
  RESENDS_PER_DAY,
  sendVerificationMail,
  setVerificationRequired,
  verificationSetting,
  VERIFY_TTL_MS,
} from "@/lib/email-verification";
import { setBoss } from "@/lib/jobs/shared-queue";
import { outboxMailer, smtpMailer } from "@/lib/mail/mailer";
import { describeEachDatabase } from "./databases";
import { makeChallenge } from "./fixtures";
import { goodCsv, makeHiggsChallenge } from "./queue-fixtures";
import { startSmtpListener, tokenFrom } from "./smtp-listener";

const DB_KEY = Symbol.for("collider-arena.db");
const BASE = "https://arena.example.org";
const FROM = "Collider Arena <arena@example.org>";
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
beforeAll(async () => {
  smtp = await startSmtpListener();
  setBoss({ send: async () => "job" } as unknown as PgBoss);
});
afterAll(() => smtp?.close());

let n = 0;
const newUser = (db: Parameters<typeof createUser>[0], domain = "example.org") =>
  createUser(db, { email: `u${Date.now()}-${n++}@${domain}`, name: `User ${n}` });
const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

describeEachDatabase("email verification", (get) => {
  let higgs: { challenge: Challenge; ids: number[] };
  beforeAll(async () => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
    higgs = await makeHiggsChallenge(get().db);
  });
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(get());
  });

  it("mails a link through SMTP that verifies the address once; only the token's hash is stored", async () => {
    const { db } = get();
    const user = await newUser(db);
    await sendVerificationMail(db, smtpMailer(smtp.url, FROM), user, BASE);
    const [mail] = mailsTo(user.email!);
    expect(mail?.from).toBe("arena@example.org");
    expect(mail?.subject).toMatch(/confirm your email/i);
    expect(mail?.text).toContain(`${BASE}/verify-email?token=`);
    const token = tokenFrom(mail, "/verify-email");

    const [row] = await db.select().from(emailTokens).where(eq(emailTokens.userId, user.id));
    expect(row?.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);

    expect(await confirmEmail(db, token)).toEqual({ userId: user.id, email: user.email });
    expect((await getUserById(db, user.id))?.emailVerified).toBeInstanceOf(Date);
    expect(await confirmEmail(db, token)).toBeUndefined(); // single use
    expect(await confirmEmail(db, "not-a-token")).toBeUndefined();
  });

  it("refuses an expired verification link and a link sent to an address the account no longer has", async () => {
    const { db } = get();
    const user = await newUser(db);
    const sent = new Date(Date.now() - VERIFY_TTL_MS - 1000);
    await sendVerificationMail(db, smtpMailer(smtp.url, FROM), user, BASE, sent);
    expect(await confirmEmail(db, tokenFrom(mailsTo(user.email!)[0], "/verify-email"))).toBeUndefined();
    expect((await getUserById(db, user.id))?.emailVerified).toBeNull();
  });

  it("rate-limits resends: one a minute, a handful a day", async () => {
    const { db } = get();
    const user = await newUser(db);
    const mailer = smtpMailer(smtp.url, FROM);
    const t0 = new Date();
    await sendVerificationMail(db, mailer, user, BASE, t0);
    const early = await sendVerificationMail(db, mailer, user, BASE, new Date(t0.getTime() + 30_000)).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(MailRateLimitError);
    expect((early as MailRateLimitError).retryAfterS).toBe(30);
    for (let i = 1; i < RESENDS_PER_DAY; i++) await sendVerificationMail(db, mailer, user, BASE, new Date(t0.getTime() + i * 61_000));
    await expect(sendVerificationMail(db, mailer, user, BASE, new Date(t0.getTime() + 3600_000))).rejects.toBeInstanceOf(
      MailRateLimitError,
    );
    expect(mailsTo(user.email!)).toHaveLength(RESENDS_PER_DAY);
  });

  it("fails loudly when the SMTP server refuses the credentials, and stores no usable state beyond the token", async () => {
    const { db } = get();
    const user = await newUser(db);
    await expect(sendVerificationMail(db, smtpMailer(smtp.badUrl, FROM), user, BASE)).rejects.toThrow(/auth|credentials|invalid/i);
    expect(mailsTo(user.email!)).toHaveLength(0);
  });

  it("keeps every mail in the outbox and the log when no SMTP server is configured", async () => {
    const { db } = get();
    const user = await newUser(db);
    const logged: string[] = [];
    await sendVerificationMail(
      db,
      outboxMailer(db, (l) => logged.push(l)),
      user,
      BASE,
    );
    const [latest] = await listOutbox(db, 1);
    expect(latest).toMatchObject({ to: user.email, subject: "Collider Arena: confirm your email address" });
    const token = tokenFrom({ from: "", to: [], subject: "", text: latest!.body }, "/verify-email");
    expect(logged.join("\n")).toContain(token);
    expect(await confirmEmail(db, token)).toBeDefined();
  });

  it("is off by default without SMTP and on with it; an admin's choice wins either way", async () => {
    const { db } = get();
    expect(await verificationSetting(db, false)).toEqual({ required: false, source: "default" });
    expect(await verificationSetting(db, true)).toEqual({ required: true, source: "default" });
    await setVerificationRequired(db, false);
    expect(await verificationSetting(db, true)).toEqual({ required: false, source: "admin" });
  });

  it("blocks an unverified account from a domain-limited class and from submitting (API and CLI door) while required", async () => {
    const { db } = get();
    const code = `j-${Date.now()}-${n++}`;
    const cls = await makeChallenge(db, { visibility: "private", joinCode: code, allowedEmailDomains: ["school.org"] });
    const open = await makeChallenge(db, { visibility: "private", joinCode: `${code}-open` });
    const student = await newUser(db, "school.org");
    const { token } = await createApiToken(db, student.id, "cli");
    const post = () =>
      subs.POST(
        new Request(`http://localhost/api/v1/challenges/${higgs.challenge.slug}/submissions`, {
          method: "POST",
          body: goodCsv(higgs.ids),
          headers: { Authorization: `Bearer ${token}`, "X-Filename": "p.csv", "Content-Type": "text/csv" },
        }),
        { params: Promise.resolve({ slug: higgs.challenge.slug }) },
      );

    // Not required (the quick start's default): a newcomer submits at once.
    await setVerificationRequired(db, false);
    expect((await post()).status).toBe(201);

    await setVerificationRequired(db, true);
    const refused = await post();
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "email_unverified",
      message: expect.stringMatching(/verify your email address to submit/i),
    });
    const joined = joinChallengeByCode(db, code, (await getUserById(db, student.id))!, { verificationRequired: true });
    await expect(joined).rejects.toBeInstanceOf(ClassRuleError);
    await expect(joined).rejects.toThrow(/verify your email address first/i);
    expect(await isParticipant(db, cls.id, student.id)).toBe(false);
    // A class without a domain rule does not need a verified address to join.
    await joinChallengeByCode(db, `${code}-open`, (await getUserById(db, student.id))!, { verificationRequired: true });
    expect(await isParticipant(db, open.id, student.id)).toBe(true);

    await sendVerificationMail(db, smtpMailer(smtp.url, FROM), student, BASE);
    expect(await confirmEmail(db, tokenFrom(mailsTo(student.email!)[0], "/verify-email"))).toBeDefined();
    await joinChallengeByCode(db, code, (await getUserById(db, student.id))!, { verificationRequired: true });
    expect(await isParticipant(db, cls.id, student.id)).toBe(true);
    expect((await post()).status).toBe(201);
    await setVerificationRequired(db, false);
  });
});
