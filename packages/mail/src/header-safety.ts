import { AppError, fieldError } from '@madoguchi/errors';

// CR and LF end a header line, and other control characters and Unicode line separators are line
// breaks to some parsers. Any of them in a subject or an address would let the caller's input start
// a header of its own (Bcc:, a second body), so they are refused rather than stripped: stripping
// would send a message nobody asked for.
const unsafe = /[\p{Cc}\p{Zl}\p{Zp}]/u;
// One bare address, no display name and no list: a comma or angle bracket would add recipients.
const bareAddress = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

const messages = {
  lineBreak: {
    ja: '改行や制御文字は使えません。',
    en: 'Line breaks and control characters are not allowed.',
  },
  address: {
    ja: 'メールアドレスの形式が正しくありません。',
    en: 'The value is not a single email address.',
  },
} as const;

function refuse(path: string, code: 'header_injection' | 'address', message: { ja: string; en: string }) {
  return new AppError('request.invalid', { fields: [fieldError(path, code, message)] });
}

/** A subject line: any text, but on one line and without control characters. */
export function assertSafeSubject(subject: string): void {
  if (unsafe.test(subject)) throw refuse('/subject', 'header_injection', messages.lineBreak);
}

/** A recipient: exactly one bare address (`user@example.jp`). */
export function assertSafeRecipient(to: string): void {
  if (unsafe.test(to)) throw refuse('/to', 'header_injection', messages.lineBreak);
  if (to.length > 254 || !bareAddress.test(to)) throw refuse('/to', 'address', messages.address);
}

/** The sender comes from configuration and may carry a display name, but still on one line. */
export function assertSafeSender(from: string): void {
  if (unsafe.test(from)) throw refuse('/from', 'header_injection', messages.lineBreak);
}
