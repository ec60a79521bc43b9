import { index, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const emailTokenPurposeEnum = pgEnum("email_token_purpose", ["verify", "reset"]);
export type EmailTokenPurpose = (typeof emailTokenPurposeEnum.enumValues)[number];

/**
 * Single-use links sent by mail (address verification, password reset). Only a SHA-256 of the token is kept, so a
 * copy of the database cannot be turned into working links; `used_at` makes each one work once.
 */
export const emailTokens = pgTable(
  "email_token",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: emailTokenPurposeEnum("purpose").notNull(),
    // The address the link went to: verifying proves control of that address, not of whatever the account has now.
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("email_token_user_idx").on(t.userId, t.purpose, t.createdAt)],
);

/**
 * Mails the site would have sent, kept when no SMTP server is configured (the embedded quick start): the admin's
 * outbox page shows them. With SMTP_URL set nothing is stored here.
 */
export const mailOutbox = pgTable("mail_outbox", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  body: text("body").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Site-wide settings an admin changes at run time (environment variables cover the rest). */
export const siteSettings = pgTable("site_setting", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
