import nodemailer from "nodemailer";
import type { Db } from "@/db";
import { addToOutbox } from "@/db/queries/site-mail";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Where the site's mails go: a real SMTP server, or (no SMTP configured) the admin's outbox and the server log. */
export interface Mailer {
  readonly mode: "smtp" | "outbox";
  send(mail: OutgoingMail): Promise<void>;
}

/** Mail through an SMTP server (`smtp://user:pass@host:587`, `smtps://…:465`); failures reject with the server's reason. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    mode: "smtp",
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

/**
 * The quick start's mail: nothing leaves the machine. Each mail is kept for the admin's outbox page and printed, so
 * whoever runs `npm start` can follow a link from the terminal.
 */
export function outboxMailer(db: Db, log: (line: string) => void = console.log): Mailer {
  return {
    mode: "outbox",
    async send(mail) {
      await addToOutbox(db, { to: mail.to, subject: mail.subject, body: mail.text });
      log(`[mail to ${mail.to}] ${mail.subject}\n${mail.text}\n[end of mail]`);
    },
  };
}

let smtp: { key: string; mailer: Mailer } | undefined;

/** The mailer the configuration asks for; one SMTP transport per process (nodemailer pools nothing by default). */
export function siteMailer(db: Db, config: { SMTP_URL?: string; MAIL_FROM?: string }): Mailer {
  if (!config.SMTP_URL) return outboxMailer(db);
  const key = `${config.SMTP_URL} ${config.MAIL_FROM}`;
  if (smtp?.key !== key) smtp = { key, mailer: smtpMailer(config.SMTP_URL, config.MAIL_FROM ?? "") };
  return smtp.mailer;
}
