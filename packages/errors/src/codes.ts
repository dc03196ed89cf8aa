/**
 * The closed catalogue of error codes. Every code has one HTTP status and a message in ja and en;
 * clients read `code`, people read `message`. Messages never come from `err.message`, so an
 * exception's text (which may hold SQL or personal data) can never reach a client.
 */
export const errorCatalogue = {
  'request.invalid': { status: 400, ja: '入力内容に誤りがあります。', en: 'The request has invalid fields.' },
  'request.malformed': {
    status: 400,
    ja: 'リクエストの形式が正しくありません。',
    en: 'The request is malformed.',
  },
  'request.too_large': {
    status: 413,
    ja: '送信されたデータが大きすぎます。',
    en: 'The request body is too large.',
  },
  'request.unsupported_media_type': {
    status: 415,
    ja: 'このデータ形式には対応していません。',
    en: 'This content type is not supported.',
  },
  'request.rate_limited': {
    status: 429,
    ja: 'アクセスが集中しています。しばらくしてから再度お試しください。',
    en: 'Too many requests. Please try again later.',
  },
  'auth.required': { status: 401, ja: 'ログインが必要です。', en: 'Authentication is required.' },
  'auth.invalid_credentials': {
    status: 401,
    ja: '認証情報が正しくありません。',
    en: 'The credentials are not valid.',
  },
  'resource.not_found': {
    status: 404,
    ja: 'お探しのページまたは情報は見つかりませんでした。',
    en: 'The page or record was not found.',
  },
  'route.not_found': {
    status: 404,
    ja: 'お探しのページは見つかりませんでした。',
    en: 'The page you are looking for was not found.',
  },
  'method.not_allowed': { status: 405, ja: 'この操作は許可されていません。', en: 'Method not allowed.' },
  'service.unavailable': {
    status: 503,
    ja: 'ただいまサービスを利用できません。しばらくしてから再度お試しください。',
    en: 'The service is temporarily unavailable. Please try again later.',
  },
  'upstream.unavailable': {
    status: 502,
    ja: '連携先のシステムに接続できませんでした。しばらくしてから再度お試しください。',
    en: 'A connected system could not be reached. Please try again later.',
  },
  'internal.error': {
    status: 500,
    ja: 'システムエラーが発生しました。お問い合わせの際は受付番号をお伝えください。',
    en: 'An internal error occurred. Quote the reference number when you contact us.',
  },
  'inquiry.invalid': {
    status: 400,
    ja: 'お問い合わせの入力内容に誤りがあります。',
    en: 'The inquiry has invalid fields.',
  },
  'jpki.ca_not_initialised': {
    status: 503,
    ja: '認証局の準備ができていません。',
    en: 'The certificate authority is not initialised.',
  },
} as const satisfies Record<string, { status: number; ja: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalogue;
export type Lang = 'ja' | 'en';

export function statusOf(code: ErrorCode): number {
  return errorCatalogue[code].status;
}

export function messageOf(code: ErrorCode, lang: Lang): string {
  return errorCatalogue[code][lang];
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorCatalogue, value);
}
