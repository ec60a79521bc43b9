import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Sign-in attempts per account (`account:<email>`) and per network address (`ip:<address>`), counted in the database
 * so the limit holds across restarts and across every web process (lib/sign-in-guard.ts). An attempt is counted
 * before the password is checked, so parallel guesses cannot all slip through before the first failure lands.
 */
export const signInThrottle = pgTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  attempts: integer("attempts").notNull(),
  lastAt: timestamp("last_at", { withTimezone: true }).notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});
