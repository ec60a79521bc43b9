import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { count } from "drizzle-orm";
import { expect, it } from "vitest";
import { openDb } from "@/db/client";
import { createUser, EmailTakenError, getUserByEmail, getUserById, setUserRole } from "@/db/queries/users";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/password";
import { describeEachDatabase } from "./databases";

describeEachDatabase("users", (get) => {
  it("creates a competitor by default and finds it by email, case-insensitively", async () => {
    const { db } = get();
    const u = await createUser(db, { email: "Ada@Example.org", name: "Ada", passwordHash: await hashPassword("correct horse 1") });
    expect(u.role).toBe("competitor");
    expect(u.email).toBe("ada@example.org");
    const found = await getUserByEmail(db, "ADA@example.org");
    expect(found?.id).toBe(u.id);
    expect(await verifyPassword("correct horse 1", found!.passwordHash!)).toBe(true);
    expect(await verifyPassword("wrong horse 1", found!.passwordHash!)).toBe(false);
  });

  it("refuses a second account with the same email and stores nothing", async () => {
    const { db } = get();
    await createUser(db, { email: "twice@example.org", name: "One" });
    const [before] = await db.select({ n: count() }).from(users);
    await expect(createUser(db, { email: "TWICE@example.org", name: "Two" })).rejects.toBeInstanceOf(EmailTakenError);
    const [after] = await db.select({ n: count() }).from(users);
    expect(Number(after!.n)).toBe(Number(before!.n));
  });

  it("decides concurrent sign-ups with one email by the unique index: exactly one wins", async () => {
    const { db } = get();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => createUser(db, { email: "race@example.org", name: `R${i}` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("changes roles", async () => {
    const { db } = get();
    const u = await createUser(db, { email: "org@example.org", name: "Org" });
    await setUserRole(db, u.id, "organiser");
    expect((await getUserById(db, u.id))?.role).toBe("organiser");
  });
});

it("keeps data across a restart of the embedded database", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ca-pglite-"));
  try {
    const first = await openDb({ mode: "pglite", dataDir: dir });
    await createUser(first.db, { email: "persist@example.org", name: "P" });
    await first.close();
    const second = await openDb({ mode: "pglite", dataDir: dir });
    expect((await getUserByEmail(second.db, "persist@example.org"))?.name).toBe("P");
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it("fails fast with a clear message when PostgreSQL cannot be reached", async () => {
  await expect(openDb({ mode: "postgres", url: "postgres://nobody@127.0.0.1:1/none" })).rejects.toThrow(
    /Cannot connect to PostgreSQL at postgres:\/\/nobody@127\.0\.0\.1:1\/none/,
  );
});
