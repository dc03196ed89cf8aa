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
  'csrf.invalid': {
    status: 403,
    ja: '画面の有効期限が切れました。もう一度操作してください。',
    en: 'The form has expired. Please try again.',
  },
  'session.expired': {
    status: 401,
    ja: '一定時間操作がなかったため、ログアウトしました。もう一度ログインしてください。',
    en: 'Your session has ended. Please log in again.',
  },
  'login.challenge_invalid': {
    status: 400,
    ja: 'ログインの手続きが無効です。最初からやり直してください。',
    en: 'This login attempt is not valid. Please start again.',
  },
  'login.challenge_expired': {
    status: 400,
    ja: 'ログインの有効時間(5分)を過ぎました。最初からやり直してください。',
    en: 'The login attempt has expired (5 minutes). Please start again.',
  },
  'login.status_unavailable': {
    status: 503,
    ja: '電子証明書の有効性を確認できないため、ログインできません。しばらくしてから再度お試しください。',
    en: 'The certificate status cannot be checked right now, so login is refused. Please try again later.',
  },
  'certificate.malformed': {
    status: 400,
    ja: '電子証明書の形式が正しくありません。',
    en: 'The certificate is malformed.',
  },
  'certificate.untrusted': {
    status: 401,
    ja: 'この電子証明書は公的個人認証サービスが発行したものではありません。',
    en: 'The certificate was not issued by this certificate authority.',
  },
  'certificate.expired': {
    status: 401,
    ja: '電子証明書の有効期限が切れています。市区町村の窓口で更新してください。',
    en: 'The certificate has expired. Renew it at your municipal office.',
  },
  'certificate.not_yet_valid': {
    status: 401,
    ja: '電子証明書の有効期間がまだ始まっていません。',
    en: 'The certificate is not yet valid.',
  },
  'certificate.revoked': {
    status: 401,
    ja: 'この電子証明書は失効しています。市区町村の窓口で再発行の手続きをしてください。',
    en: 'The certificate has been revoked. Apply for a new one at your municipal office.',
  },
  'certificate.already_revoked': {
    status: 409,
    ja: 'この電子証明書はすでに失効しています。',
    en: 'The certificate is already revoked.',
  },
  'certificate.request_invalid': {
    status: 400,
    ja: '証明書発行要求(CSR)が正しくありません。',
    en: 'The certificate signing request is not valid.',
  },
  'signature.malformed': {
    status: 400,
    ja: '電子署名の形式が正しくありません。',
    en: 'The signature is malformed.',
  },
  'signature.invalid': {
    status: 422,
    ja: '電子署名を検証できませんでした。署名後に内容が変更された可能性があります。',
    en: 'The signature does not verify. The content may have been changed after signing.',
  },
  'ocsp.malformed': {
    status: 400,
    ja: 'OCSPリクエストの形式が正しくありません。',
    en: 'The OCSP request is malformed.',
  },
  'card.locked': {
    status: 423,
    ja: '暗証番号を続けて間違えたため、カードがロックされました。お住まいの市区町村の窓口でロックの解除を申請してください。',
    en: 'The card is locked after too many wrong PINs. Ask your municipal office to unlock it.',
  },
  'card.pin_incorrect': {
    status: 401,
    ja: '暗証番号が違います。',
    en: 'The PIN is incorrect.',
  },
  'card.pin_format': {
    status: 400,
    ja: '暗証番号の形式が正しくありません。利用者証明用は数字4桁、署名用は英大文字と数字を組み合わせた6〜16桁です。',
    en: 'The PIN has the wrong format: 4 digits for authentication, 6-16 uppercase letters and digits for signing.',
  },
  'card.not_found': {
    status: 404,
    ja: 'カードが見つかりません。',
    en: 'The card was not found.',
  },
  'agent.request_not_found': {
    status: 404,
    ja: 'この要求は見つからないか、有効期限が切れています。',
    en: 'The request was not found or has expired.',
  },
  'agent.request_declined': {
    status: 409,
    ja: '利用者が操作を取り消しました。',
    en: 'The person declined the request.',
  },
  'agent.origin_forbidden': {
    status: 403,
    ja: 'このサイトからの要求は受け付けられません。',
    en: 'Requests from this site are not accepted.',
  },
  'account.invalid': {
    status: 400,
    ja: 'アカウント設定の入力内容に誤りがあります。',
    en: 'The account settings have invalid fields.',
  },
  'account.email_token_invalid': {
    status: 400,
    ja: 'このメールアドレス確認用のリンクは無効か、有効期限が切れています。',
    en: 'This confirmation link is not valid or has expired.',
  },
  'exchange.signature_invalid': {
    status: 401,
    ja: '連携システムからの要求の署名を確認できませんでした。',
    en: 'The request signature of the connected system could not be verified.',
  },
  'exchange.not_permitted': {
    status: 403,
    ja: 'この情報照会は法令（番号法 別表第二等）で認められていません。',
    en: 'This query is not permitted by the law table (番号法 別表第二).',
  },
  'exchange.agency_kind_not_allowed': {
    status: 403,
    ja: 'この機関はこの操作を行えません。',
    en: 'This kind of agency may not perform this operation.',
  },
  'exchange.permit_invalid': {
    status: 401,
    ja: '照会許可が無効です。',
    en: 'The query permit is not valid.',
  },
  'exchange.permit_expired': {
    status: 401,
    ja: '照会許可の有効期限が切れています。もう一度照会してください。',
    en: 'The query permit has expired. Query again.',
  },
  'exchange.permit_replayed': {
    status: 409,
    ja: 'この照会許可は既に使用されています。',
    en: 'This query permit has already been used.',
  },
  'exchange.provider_unavailable': {
    status: 503,
    ja: '情報提供機関のシステムに接続できませんでした。しばらくしてから再度お試しください。',
    en: "The providing agency's system could not be reached. Please try again later.",
  },
  'fugo.unknown': {
    status: 404,
    ja: '指定された符号は登録されていません。',
    en: 'The link code is not registered.',
  },
  'fugo.person_unknown': {
    status: 404,
    ja: 'この個人番号の方は住所地の市区町村で登録されていません。',
    en: 'No municipality has registered a person with this number.',
  },
  'fugo.facts_mismatch': {
    status: 422,
    ja: '生年月日または氏名（カナ）が住民票の記載と一致しません。個人番号に誤りがないか確認してください。',
    en: 'The birth date or kana name does not match the resident record. Check the number for typos.',
  },
  'fugo.not_linked': {
    status: 409,
    ja: '情報連携の準備ができていません。いったんログアウトし、再度ログインしてください。',
    en: 'Your data link is not ready yet. Log out and log in again.',
  },
  'log.entry_pending': {
    status: 409,
    ja: 'この記録は確定処理中です。数秒後に再度お試しください。',
    en: 'This entry is still being added to the log. Try again in a few seconds.',
  },
  'log.range_invalid': {
    status: 400,
    ja: '指定された記録の範囲が正しくありません。',
    en: 'The requested log range is not valid.',
  },
  'log.verification_failed': {
    status: 502,
    ja: '記録の検証に失敗しました。記録が改ざんされているおそれがあります。',
    en: 'The entry could not be verified against the signed checkpoint.',
  },
  'info.invalid': {
    status: 400,
    ja: '登録する情報の内容に誤りがあります。',
    en: 'The information record has invalid fields.',
  },
  // Private e-delivery and deduction certificates: portal side (issue 6, H4).
  'edelivery.not_linked': {
    status: 409,
    ja: '民間送達サービスと連携していません。先に連携してください。',
    en: 'Your account is not linked to an e-delivery mailbox. Link it first.',
  },
  'edelivery.state_invalid': {
    status: 400,
    ja: '連携の手続きが無効か、有効期限が切れています。もう一度最初からお試しください。',
    en: 'This linking request is not valid or has expired. Please start again.',
  },
  'edelivery.consent_denied': {
    status: 400,
    ja: '民間送達サービスでの連携が許可されませんでした。',
    en: 'The link was not approved at the e-delivery service.',
  },
  'edelivery.link_failed': {
    status: 502,
    ja: '民間送達サービスとの連携を完了できませんでした。もう一度お試しください。',
    en: 'The link with the e-delivery service could not be completed. Please try again.',
  },
  'edelivery.unavailable': {
    status: 503,
    ja: '民間送達サービスに接続できませんでした。しばらくしてから再度お試しください。',
    en: 'The e-delivery service could not be reached. Please try again later.',
  },
  // Online applications: signing and submitting (issue 7).
  'application.draft_changed': {
    status: 409,
    ja: '確認画面を表示した後に申請内容が変更されました。もう一度内容を確認してから署名してください。',
    en: 'The application changed after you reviewed it. Review it again, then sign.',
  },
  'application.signature_invalid': {
    status: 422,
    ja: 'マイナンバーカードの署名を確認できなかったため、申請できませんでした。もう一度署名してください。',
    en: 'The signature from your My Number card could not be verified, so nothing was submitted. Please sign again.',
  },
  'application.certificate_revoked': {
    status: 422,
    ja: '署名用電子証明書が失効しているため、申請できませんでした。市区町村の窓口で再発行の手続きをしてください。',
    en: 'Your signing certificate has been revoked, so nothing was submitted. Apply for a new one at your municipal office.',
  },
  'application.signer_mismatch': {
    status: 422,
    ja: '署名したカードの持ち主と申請者が一致しないため、申請できませんでした。申請者本人のカードで署名してください。',
    en: 'The card that signed does not belong to the applicant, so nothing was submitted. Sign with the applicant’s own card.',
  },
  // Notices: hub addressing and the portal inbox (issue 6, H2).
  'notice.conflict': {
    status: 409,
    ja: '同じ番号の別の内容のお知らせがすでにあります。',
    en: 'A notice with this id and different content already exists.',
  },
  'notice.not_found': {
    status: 404,
    ja: 'お知らせが見つかりません。',
    en: 'The notice was not found.',
  },
  // examples/e-delivery: OAuth server, signed webhook receiver, certificate issuing (issue 6, H3).
  'oauth.invalid_request': {
    status: 400,
    ja: '連携の要求に誤りがあります（クライアント、戻り先またはPKCEの指定が正しくありません）。',
    en: 'The authorization request is invalid (client, redirect URI or PKCE parameters).',
  },
  'oauth.invalid_client': {
    status: 401,
    ja: 'クライアント認証に失敗しました。',
    en: 'Client authentication failed.',
  },
  'oauth.invalid_grant': {
    status: 400,
    ja: '認可コードが無効、使用済み、期限切れ、または検証コードと一致しません。',
    en: 'The authorization code is invalid, used, expired or does not match the code verifier.',
  },
  'oauth.invalid_token': {
    status: 401,
    ja: 'アクセストークンが無効か、有効期限が切れています。',
    en: 'The access token is invalid or has expired.',
  },
  'webhook.signature_invalid': {
    status: 401,
    ja: 'Webhook の署名を検証できませんでした（署名、鍵、ダイジェストまたは時刻が正しくありません）。',
    en: 'The webhook signature could not be verified (signature, key, digest or time).',
  },
  'webhook.mailbox_unknown': {
    status: 404,
    ja: '宛先のメールボックスが見つかりません。',
    en: 'The addressed mailbox was not found.',
  },
  'webhook.unavailable': {
    status: 503,
    ja: 'ただいま受信を停止しています（試験用の設定）。',
    en: 'The webhook receiver is switched off (test setting).',
  },
  // Notices: sending from the agency (issue 6, H1).
  'validation.failed': {
    status: 400,
    ja: '入力内容に誤りがあります。指摘された項目を確認してください。',
    en: 'The request has invalid fields; see each field for what to fix.',
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
