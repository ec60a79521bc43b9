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
    ["short", "Password must be at least 10 characters"],
    ["password123", "This password is too common; choose another"],
    ["aaaaaaaaaaaa", "Password is too repetitive; use more different characters"],
  ])("rejects the weak password %s", (password, message) => {
    expect(messages({ password })).toContain(message);
  });
  it.each(["ada", "ada@", "@example.org", "ada example.org"])("rejects the malformed email %s", (email) => {
    expect(messages({ email })).toContain("Enter a valid email address, like ada@example.org");
  });
  it("requires a name", () => {
    expect(messages({ name: "  " })).toContain("Enter your name");
  });
});
