import { describe, expect, it } from "vitest";
import { signUpSchema } from "@/lib/validations/auth";

const ok = { name: "Ada", email: "ada@example.org", password: "a-long-pass-9" };
const messages = (input: object) => {
  const r = signUpSchema.safeParse({ ...ok, ...input });
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("signUpSchema", () => {
  it("accepts a good sign-up and normalises the email", () => {
    expect(signUpSchema.parse({ ...ok, email: "  Ada@Example.ORG " }).email).toBe("ada@example.org");
  });
  it.each([
    ["short-pass1", "Password must be at least 12 characters"],
    ["aaaaaaaaaaaa", "Password is too repetitive; use more different characters"],
    // From the 10,000 most used passwords, as typed and with the usual suffixes.
    ["Unbelievable", "This password is one of the most common ones; choose another"],
    ["qwertyuiop123", "This password is one of the most common ones; choose another"],
    ["password12345", "This password is one of the most common ones; choose another"],
    ["Football2024!", "This password is one of the most common ones; choose another"],
    ["Liverpool!!!", "This password is one of the most common ones; choose another"],
  ])("rejects the weak password %s", (password, message) => {
    expect(messages({ password })).toContain(message);
  });
  it.each([
    ["lovelace@example.org", "lovelace@example.org"],
    ["LoveLace1815!", "lovelace@example.org"],
    ["ada.lovelace-1815", "ada.lovelace@example.org"],
  ])("rejects the password %s for %s (the email or its name part)", (password, email) => {
    expect(messages({ password, email })).toContain("The password must not be your email or contain its name part");
  });
  it("keeps passwords that merely contain a common word", () => {
    expect(messages({ password: "correct horse battery staple" })).toEqual([]);
    expect(messages({ password: "my-football-team-7" })).toEqual([]);
  });
  it.each(["ada", "ada@", "@example.org", "ada example.org"])("rejects the malformed email %s", (email) => {
    expect(messages({ email })).toContain("Enter a valid email address, like ada@example.org");
  });
  it("requires a name", () => {
    expect(messages({ name: "  " })).toContain("Enter your name");
  });
});
