import { createSign, type KeyObject } from 'node:crypto';

/** A prepared `POST /login/verify`: headers and body as the browser sends them. */
export interface LoginAttempt {
  headers: Record<string, string>;
  body: string;
}

function attr(page: string, name: string): string {
  const m = new RegExp(`data-${name}="([^"]*)"`).exec(page);
  if (!m?.[1]) throw new Error(`login page without data-${name}`);
  return m[1];
}

/** One browser's pre-login session and challenge, signed as the card reader agent would. */
export async function prepareLogin(
  portalUrl: string,
  key: KeyObject,
  certificate: string,
): Promise<LoginAttempt> {
  const res = await fetch(`${portalUrl}/login`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const page = await res.text();
  const signature = createSign('sha256')
    .update(`madoguchi-jpki-login\n${portalUrl}\n${attr(page, 'challenge')}`, 'utf8')
    .sign(key)
    .toString('base64');
  return {
    headers: {
      cookie,
      origin: portalUrl,
      'content-type': 'application/json',
      'x-csrf-token': attr(page, 'csrf'),
    },
    body: JSON.stringify({ challengeId: attr(page, 'challenge-id'), certificate, signature }),
  };
}
