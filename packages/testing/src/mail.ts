import { type MailCatcher, startMailCatcher } from '@madoguchi/mail-catcher';

export type { MailCatcher, Message as CaughtMessage } from '@madoguchi/mail-catcher';

/**
 * The mail catcher on ephemeral ports, quiet, for tests that send mail: point the app's
 * SMTP_HOST/SMTP_PORT at `127.0.0.1:${catcher.smtpPort}` and read what arrived with
 * `waitForMessage(to)`.
 */
export function startTestMailCatcher(options: { maxMessageBytes?: number } = {}): Promise<MailCatcher> {
  return startMailCatcher({
    host: '127.0.0.1',
    smtpPort: 0,
    webPort: 0,
    mode: 'test',
    logLevel: 'silent',
    ...options,
  });
}
