import { randomUUID } from 'node:crypto';
import { type HeaderValue, simpleParser } from 'mailparser';
import type { Message } from './message.ts';

function headerText(value: HeaderValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(', ');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('params' in value && typeof value.value === 'string') {
    const params = Object.entries(value.params).map(([k, v]) => `; ${k}=${v}`);
    return `${value.value}${params.join('')}`;
  }
  return JSON.stringify(value);
}

/** Turns raw RFC 5322 bytes plus the SMTP envelope into a stored message (headers decoded, UTF-8 text). */
export async function parseMessage(
  raw: Buffer,
  envelope: { mailFrom: string | undefined; rcptTo: string[] },
  receivedAt: Date,
): Promise<Message> {
  const parsed = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true });
  const from = parsed.from?.text || envelope.mailFrom || '';
  const message: Message = {
    id: randomUUID(),
    from,
    to: envelope.rcptTo,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    receivedAt: receivedAt.toISOString(),
    headers: [...parsed.headers].map(([name, value]) => ({ name, value: headerText(value) })),
  };
  if (typeof parsed.html === 'string') message.html = parsed.html;
  return message;
}
