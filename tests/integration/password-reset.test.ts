import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createUser, getUserById } from "@/db/queries/users";
import { emailTokens } from "@/db/schema";
import { smtpMailer } from "@/lib/mail/mailer";
import { hashPassword, verifyPassword } from "@/lib/password";
import { requestPasswordReset, RESET_TTL_MS, resetPassword, RESETS_PER_HOUR } from "@/lib/password-reset";
import { resetPasswordSchema } from "@/lib/validations/auth";
import { describeEachDatabase } from "./databases";
import { startSmtpListener, tokenFrom } from "./smtp-listener";

const BASE = "https://arena.example.org";
let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
beforeAll(async () => {
  smtp = await startSmtpListener();
});
afterAll(() => smtp?.close());

let n = 0;
const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

it("holds a new password to the sign-up rules and asks for it twice", () => {
  expect(resetPasswordSchema.safeParse({ token: "t", password: "short", confirm: "short" }).success).toBe(false);
  expect(
    resetPasswordSchema.safeParse({ token: "t", password: "a new passphrase 7", confirm: "a new passphrase 8" }).error?.issues[0]?.path,
  ).toEqual(["confirm"]);
  expect(resetPasswordSchema.safeParse({ token: "", password: "a new passphrase 7", confirm: "a new passphrase 7" }).success).toBe(false);
  expect(resetPasswordSchema.safeParse({ token: "t", password: "a new passphrase 7", confirm: "a new passphrase 7" }).success).toBe(true);
});

describeEachDatabase("password reset by email", (get) => {
  const account = async () => {
    const email = `r${Date.now()}-${n++}@example.org`;
    return createUser(get().db, { email, name: "R", passwordHash: await hashPassword("old passphrase 1") });
  };

  it("mails a single-use link that sets a new password and voids the account's other reset links", async () => {
    const { db } = get();
    const user = await account();
    const mailer = smtpMailer(smtp.url, "arena@example.org");
    await requestPasswordReset(db, mailer, user.email!.toUpperCase(), BASE);
    await requestPasswordReset(db, mailer, user.email!, BASE);
    const [first, second] = mailsTo(user.email!);
    expect(first?.subject).toMatch(/new password/i);
    const token = tokenFrom(second, "/reset-password");

    // Not the account's email's name part (the form cannot know it; the link's row does), and the link survives that.
    expect(await resetPassword(db, token, `${user.email!.split("@")[0]}-new`)).toBe("password-is-email");
    expect(await resetPassword(db, token, "a new passphrase 7")).toBe("done");
    const after = await getUserById(db, user.id);
    expect(await verifyPassword("a new passphrase 7", after!.passwordHash!)).toBe(true);
    expect(await verifyPassword("old passphrase 1", after!.passwordHash!)).toBe(false);
    expect(after?.emailVerified).toBeInstanceOf(Date); // the mailed link proved the address too
    expect(await resetPassword(db, token, "another passphrase 8")).toBe("invalid-link"); // used
    expect(await resetPassword(db, tokenFrom(first, "/reset-password"), "another passphrase 8")).toBe("invalid-link"); // voided
    expect(await verifyPassword("a new passphrase 7", (await getUserById(db, user.id))!.passwordHash!)).toBe(true);
  });

  it("refuses an expired link and leaves the password as it was", async () => {
    const { db } = get();
    const user = await account();
    const sent = new Date(Date.now() - RESET_TTL_MS - 1000);
    await requestPasswordReset(db, smtpMailer(smtp.url, "arena@example.org"), user.email!, BASE, sent);
    expect(await resetPassword(db, tokenFrom(mailsTo(user.email!)[0], "/reset-password"), "a new passphrase 7")).toBe("invalid-link");
    expect(await verifyPassword("old passphrase 1", (await getUserById(db, user.id))!.passwordHash!)).toBe(true);
  });

  it("sends nothing for an unknown address, and at most a few mails an hour per account", async () => {
    const { db } = get();
    const mailer = smtpMailer(smtp.url, "arena@example.org");
    const before = smtp.mails.length;
    await requestPasswordReset(db, mailer, "nobody-here@example.org", BASE);
    expect(smtp.mails.length).toBe(before);

    const user = await account();
    for (let i = 0; i < RESETS_PER_HOUR + 2; i++) await requestPasswordReset(db, mailer, user.email!, BASE);
    expect(mailsTo(user.email!)).toHaveLength(RESETS_PER_HOUR);
    const rows = await db.select().from(emailTokens).where(eq(emailTokens.userId, user.id));
    expect(rows).toHaveLength(RESETS_PER_HOUR);
  });
});
