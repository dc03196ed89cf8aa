import type { FieldSpec } from '@madoguchi/config';

/**
 * Outgoing mail settings, spread into an app's config spec (`...mailFields`) next to
 * `serviceFields`. The defaults point at the mail catcher `madoguchi start` runs, so development
 * never sends real mail.
 */
export const mailFields = {
  smtpHost: {
    kind: 'string',
    env: 'SMTP_HOST',
    default: '127.0.0.1',
    doc: 'SMTP server outgoing mail is handed to (the mail catcher in development)',
  },
  smtpPort: {
    kind: 'port',
    env: 'SMTP_PORT',
    default: 2525,
    doc: 'Port of that SMTP server',
  },
  mailFrom: {
    kind: 'string',
    env: 'MAIL_FROM',
    default: 'madoguchi <no-reply@madoguchi.localhost>',
    doc: 'From header of outgoing mail',
  },
} as const satisfies Record<string, FieldSpec>;

/** The mailer options from a loaded config that spread `mailFields`. */
export function mailerOptionsFrom(config: { smtpHost: string; smtpPort: number; mailFrom: string }) {
  return { host: config.smtpHost, port: config.smtpPort, from: config.mailFrom };
}
