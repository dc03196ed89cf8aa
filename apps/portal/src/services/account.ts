import { createHash, randomBytes } from 'node:crypto';
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError, type FieldError, fieldError } from '@madoguchi/errors';
import {
  type AccountRow,
  clearEmail,
  confirmPendingEmail,
  findAccount,
  findAccountByEmailToken,
  setPendingEmail,
  updateNickname,
} from '../data/accounts.ts';
import type { PortalDB } from '../data/schema.ts';
import { accountMessages } from '../pages/account-messages.ts';

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<unknown>;
}

export interface AccountDeps {
  db: Kysely<PortalDB>;
  mailer: Mailer;
  publicUrl: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Control characters and bidi overrides would let a nickname disguise itself on screen.
const forbiddenInNickname = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const tokenLifetimeMs = 24 * 3600_000;

export function checkAccountInput(input: { nickname?: string; email?: string }): FieldError[] {
  const errors: FieldError[] = [];
  const nickname = input.nickname?.trim() ?? '';
  const email = input.email?.trim() ?? '';
  const ja = accountMessages.ja;
  const en = accountMessages.en;
  if ([...nickname].length > 20)
    errors.push(fieldError('/nickname', 'maxLength', { ja: ja.nicknameTooLong, en: en.nicknameTooLong }));
  else if (forbiddenInNickname.test(nickname))
    errors.push(fieldError('/nickname', 'pattern', { ja: ja.nicknameInvalid, en: en.nicknameInvalid }));
  if (email !== '' && (!emailPattern.test(email) || email.length > 254 || /[\r\n]/.test(email)))
    errors.push(fieldError('/email', 'format', { ja: ja.emailInvalid, en: en.emailInvalid }));
  return errors;
}

function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export async function loadAccount(db: Kysely<PortalDB>, subject: string): Promise<AccountRow> {
  const account = await findAccount(db, subject);
  if (!account) throw new AppError('session.expired');
  return account;
}

/** The person reading their own account (nickname, e-mail) for a page: audited like any other read. */
export async function readOwnAccount(
  db: Kysely<PortalDB>,
  subject: string,
  ctx: { requestId: string; page: string },
): Promise<AccountRow> {
  return db.transaction().execute(async (trx) => {
    const account = await loadAccount(trx, subject);
    await writeAudit(trx, {
      type: 'account.read',
      actor: `resident:${subject}`,
      purpose: '本人によるアカウント情報の表示 (own account page)',
      requestId: ctx.requestId,
      subject: `account:${subject}`,
      outcome: 'success',
      detail: { page: ctx.page },
    });
    return account;
  });
}

/**
 * Saves the nickname; a new e-mail address is only kept as pending until its owner opens the link
 * mailed to it. The mail is sent after the commit, so a mail failure never loses the nickname.
 */
export async function updateAccount(
  deps: AccountDeps,
  subject: string,
  input: { nickname?: string; email?: string },
  ctx: { requestId: string; lang: 'ja' | 'en' },
): Promise<{ notice: 'saved' | 'mailSent' | 'mailFailed' }> {
  const errors = checkAccountInput(input);
  if (errors.length > 0) throw new AppError('account.invalid', { fields: errors });
  const nickname = input.nickname?.trim() || null;
  const email = input.email?.trim() ?? '';
  const token = randomBytes(32).toString('base64url');
  const sendTo = await deps.db.transaction().execute(async (trx) => {
    const account = await loadAccount(trx, subject);
    await updateNickname(trx, subject, nickname);
    let pending: string | undefined;
    if (email === '') {
      await clearEmail(trx, subject);
    } else if (email !== account.email && email !== account.pending_email) {
      await setPendingEmail(trx, subject, {
        email,
        tokenHash: tokenHash(token),
        expiresAt: new Date(Date.now() + tokenLifetimeMs),
      });
      pending = email;
    }
    await writeAudit(trx, {
      type: 'account.updated',
      actor: `resident:${subject}`,
      purpose: 'アカウント設定の変更 (account settings)',
      requestId: ctx.requestId,
      subject: `account:${subject}`,
      outcome: 'success',
      detail: {
        nicknameChanged: nickname !== account.nickname,
        emailChangeRequested: pending !== undefined,
        emailRemoved: email === '' && account.email !== null,
      },
    });
    return pending;
  });
  if (!sendTo) return { notice: 'saved' };
  const m = accountMessages[ctx.lang];
  const link = `${deps.publicUrl}/account/email/confirm?token=${token}${ctx.lang === 'en' ? '&lang=en' : ''}`;
  try {
    await deps.mailer.send({ to: sendTo, subject: m.mailSubject, text: m.mailBody(link) });
    return { notice: 'mailSent' };
  } catch {
    return { notice: 'mailFailed' };
  }
}

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** The pending address a confirmation token stands for, if the token is valid and unexpired. */
export async function pendingEmailFor(db: Kysely<PortalDB>, token: string): Promise<string | undefined> {
  if (!tokenPattern.test(token)) return undefined;
  const account = await findAccountByEmailToken(db, tokenHash(token));
  if (!account?.email_token_expires_at || account.email_token_expires_at <= new Date()) return undefined;
  return account.pending_email ?? undefined;
}

export async function confirmEmail(db: Kysely<PortalDB>, token: string, requestId: string): Promise<void> {
  if (!tokenPattern.test(token)) throw new AppError('account.email_token_invalid');
  const hash = tokenHash(token);
  await db.transaction().execute(async (trx) => {
    const account = await findAccountByEmailToken(trx, hash);
    if (!account || !(await confirmPendingEmail(trx, account.subject, hash, new Date())))
      throw new AppError('account.email_token_invalid');
    await writeAudit(trx, {
      type: 'account.email_confirmed',
      actor: `resident:${account.subject}`,
      purpose: '通知用メールアドレスの確認 (e-mail confirmation)',
      requestId,
      subject: `account:${account.subject}`,
      outcome: 'success',
    });
  });
}
