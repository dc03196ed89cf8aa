import { type LoadOptions, loadConfig } from '@madoguchi/config';

export const mailCatcherConfigSpec = {
  host: { kind: 'string', env: 'HOST', default: '127.0.0.1', doc: 'Interface every service listens on' },
  webPort: {
    kind: 'port',
    env: 'MAIL_CATCHER_PORT',
    default: 3025,
    doc: 'Port of the mail catcher web pages and API',
  },
  smtpPort: {
    kind: 'port',
    env: 'MAIL_CATCHER_SMTP_PORT',
    default: 2525,
    doc: 'Port the mail catcher receives SMTP on',
  },
} as const;

export type MailCatcherConfig = ReturnType<typeof loadMailCatcherConfig>;

export function loadMailCatcherConfig(options?: LoadOptions) {
  return loadConfig('mail-catcher', mailCatcherConfigSpec, options);
}
