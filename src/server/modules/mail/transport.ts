import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';
import { maskTokenLinks } from '../../lib/secret-links.ts';

/** A file that goes with a notice: small text files only (a calendar invitation), never case content. */
export interface MailAttachment {
  filename: string;
  /** E.g. `text/calendar; charset=utf-8; method=REQUEST`. */
  contentType: string;
  content: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

/** Delivers one message, or says where it went instead (local mode). */
export interface MailTransport {
  readonly local: boolean;
  deliver(mail: OutgoingMail): Promise<void>;
}

/**
 * With SMTP_URL, mail goes out through nodemailer. Without it (local mode) nothing leaves the machine:
 * messages stay in the outbox, readable on an admin page, and are printed on the console so a newcomer
 * can follow an invitation link without a mail server. In production (only with
 * ALLOW_LOCAL_MAIL_IN_PRODUCTION) the console never shows a link's token: logs are not a mailbox.
 */
export function createMailTransport(config: Config, print: (text: string) => void = console.log): MailTransport {
  if (!config.SMTP_URL) {
    const shown = config.NODE_ENV === 'production' ? maskTokenLinks : (text: string) => text;
    return {
      local: true,
      deliver: async (mail) => {
        const files = mail.attachments?.length
          ? `\nAttached: ${mail.attachments.map((file) => file.filename).join(', ')}\n`
          : '';
        print(
          `\n📬 Mail (local mode, not sent) to ${mail.to}\nSubject: ${mail.subject}\n\n${shown(mail.text)}\n${files}`,
        );
      },
    };
  }
  const transporter = nodemailer.createTransport(config.SMTP_URL);
  return {
    local: false,
    deliver: async (mail) => {
      await transporter.sendMail({
        from: config.MAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
      });
    },
  };
}
