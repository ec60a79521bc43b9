/**
 * Makes (or promotes) an admin account.
 *   npm run admin:create -- --email ada@example.org [--name "Ada"] [--password ...]
 * Without --password a random one is generated and printed once.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { getDbHandle } from "../db";
import { createUser, getUserByEmail, setUserRole } from "../db/queries/users";
import { hashPassword } from "../lib/password";
import { emailSchema, passwordSchema } from "../lib/validations/auth";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" } },
});

async function main(): Promise<number> {
  const email = emailSchema.safeParse(values.email ?? "");
  if (!email.success) {
    console.error(`--email: ${email.error.issues[0]?.message}. Usage: npm run admin:create -- --email you@example.org`);
    return 2;
  }
  const password = values.password ?? randomBytes(12).toString("base64url");
  const pw = passwordSchema.safeParse(password);
  if (!pw.success) {
    console.error(`--password: ${pw.error.issues[0]?.message}`);
    return 2;
  }
  const handle = await getDbHandle();
  try {
    const existing = await getUserByEmail(handle.db, email.data);
    if (existing) {
      await setUserRole(handle.db, existing.id, "admin");
      console.log(`${email.data} is now an admin (password unchanged).`);
    } else {
      await createUser(handle.db, {
        email: email.data,
        name: values.name ?? email.data.split("@")[0],
        passwordHash: await hashPassword(password),
        role: "admin",
      });
      console.log(`Created admin ${email.data}${values.password ? "" : ` with password: ${password}`}`);
    }
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  },
);
