import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";

const SECRET = "x".repeat(40);

describe("parseEnv", () => {
  it("defaults to the embedded database in ./.data", () => {
    const e = parseEnv({});
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.DATA_DIR).toBe(".data");
    expect(e.PORT).toBe(3000);
  });

  it("refuses production mode (DATABASE_URL) without AUTH_SECRET and says what to set", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres://localhost/x" })).toThrow(ConfigError);
    expect(() => parseEnv({ DATABASE_URL: "postgres://localhost/x" })).toThrow(/AUTH_SECRET is not set/);
    expect(parseEnv({ DATABASE_URL: "postgres://localhost/x", AUTH_SECRET: SECRET }).DATABASE_URL).toBe("postgres://localhost/x");
  });

  it("names each bad variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", AUTH_SECRET: "short" })).toThrow(
      /DATABASE_URL: DATABASE_URL must start with postgres[\s\S]*AUTH_SECRET: AUTH_SECRET must be at least 32/,
    );
    expect(() => parseEnv({ PORT: "http" })).toThrow(/PORT/);
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", AUTH_SECRET: "" }).DATABASE_URL).toBeUndefined();
  });

  it("takes SMTP settings only with a sender and the site's URL, which mail links are built from", () => {
    const smtp = { SMTP_URL: "smtps://arena:pw@mail.example.org:465" };
    expect(() => parseEnv(smtp)).toThrow(/SMTP_URL is set but MAIL_FROM and AUTH_URL is not/);
    expect(() => parseEnv({ ...smtp, MAIL_FROM: "arena@example.org" })).toThrow(/but AUTH_URL is not/);
    const ok = parseEnv({ ...smtp, MAIL_FROM: "Collider Arena <arena@example.org>", AUTH_URL: "https://arena.example.org" });
    expect(ok.SMTP_URL).toBe(smtp.SMTP_URL);
    expect(() => parseEnv({ SMTP_URL: "mail.example.org" })).toThrow(/SMTP_URL: SMTP_URL must look like smtp:/);
    expect(() => parseEnv({ MAIL_FROM: "Arena <not an address>" })).toThrow(/MAIL_FROM/);
    expect(() => parseEnv({ AUTH_URL: "arena.example.org" })).toThrow(/AUTH_URL/);
  });
});
