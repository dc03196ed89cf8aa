import { AppError } from '@madoguchi/errors';
import { createTransport } from 'nodemailer';
import { assertSafeRecipient, assertSafeSender, assertSafeSubject } from './header-safety.ts';

export interface MailerOptions {
  host: string;
  port: number;
  /** The From header, e.g. `madoguchi <no-reply@madoguchi.localhost>`. */
  from: string;
  /** Implicit TLS from the first byte (port 465). Without it STARTTLS is used when offered. */
  secure?: boolean;
}

export interface OutgoingMail {
  /** One bare address. */
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * Sends plain-text mail over SMTP. Subjects and addresses are checked before anything is sent
 * (see header-safety.ts); a refusal by the server becomes `upstream.unavailable` with the SMTP
 * error as its cause, so a caller's request fails like any other unreachable dependency.
 */
export function createMailer(options: MailerOptions): Mailer {
  assertSafeSender(options.from);
  const transport = createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    // Bounded waits: a stuck SMTP server must not hold a citizen's request open for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(mail) {
      assertSafeRecipient(mail.to);
      assertSafeSubject(mail.subject);
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
        });
        return { messageId: info.messageId };
      } catch (err) {
        throw new AppError('upstream.unavailable', { cause: err });
      }
    },
    close() {
      transport.close();
    },
  };
}
