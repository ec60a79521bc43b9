import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** Undoes a text part's transfer encoding (nodemailer picks quoted-printable or base64 by content). */
function decodeBody(headers: string, body: string): string {
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

function parseMessage(raw: string, envelope: { from: string; to: string[] }): ReceivedMail {
  const split = raw.indexOf("\r\n\r\n");
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  return { ...envelope, subject: /^subject:\s*(.*)$/im.exec(headers)?.[1] ?? "", text: decodeBody(headers, body).replace(/\r\n/g, "\n") };
}

/**
 * A real SMTP server on a free local port, requiring the user and password the tests put in SMTP_URL: the site's
 * mailer talks SMTP to it exactly as to a production server, and every accepted mail lands in `mails`.
 */
export async function startSmtpListener(user = "arena", pass = "s3cret-pass") {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    // Plain SMTP with AUTH on localhost: the built-in STARTTLS certificate is self-signed and would fail verification.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === pass) cb(null, { user });
      else cb(new Error("Invalid username or password"));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        mails.push(parseMessage(Buffer.concat(chunks).toString("utf8"), envelope));
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    mails,
    url: `smtp://${user}:${pass}@127.0.0.1:${port}`,
    badUrl: `smtp://${user}:wrong@127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The token of the first link to `path` in a mail's text. */
export function tokenFrom(mail: ReceivedMail | undefined, path: string): string {
  const m = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(mail?.text ?? "");
  if (!m?.[1]) throw new Error(`no ${path} link in mail: ${mail?.text}`);
  return m[1];
}
