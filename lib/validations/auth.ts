import { z } from "zod";

// A short deny-list of the passwords attackers try first; length does the rest.
const COMMON = new Set([
  "password", "password1", "password123", "1234567890", "12345678910", "qwertyuiop",
  "iloveyou12", "letmein123", "welcome123", "passw0rd12", "abcdefghij", "0123456789",
]);

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address, like ada@example.org" }));

export const passwordSchema = z
  .string()
  .min(10, { message: "Password must be at least 10 characters" })
  .max(200, { message: "Password must be at most 200 characters" })
  .refine((p) => !COMMON.has(p.toLowerCase()), { message: "This password is too common; choose another" })
  .refine((p) => new Set(p).size >= 5, { message: "Password is too repetitive; use more different characters" });

/** Shared by the sign-up form and the server action. */
export const signUpSchema = z.object({
  name: z.string().trim().min(1, { message: "Enter your name" }).max(100),
  email: emailSchema,
  password: passwordSchema,
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
