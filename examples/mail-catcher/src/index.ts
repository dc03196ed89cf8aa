export { loadMailCatcherConfig, type MailCatcherConfig, mailCatcherConfigSpec } from './config.ts';
export { type MailCatcher, type MailCatcherOptions, startMailCatcher } from './mail-catcher.ts';
export type { Message } from './message.ts';
