import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { isNoticeKind, noticeKinds } from '@madoguchi/reference';
import { findAccount } from '../../data/accounts.ts';
import { alertOffKinds, replaceAlertOffKinds } from '../../data/notices.ts';
import type { PortalDB } from '../../data/schema.ts';
import type { Reader } from './inbox.ts';

const purpose = '本人によるメール通知の設定 (own mail alert settings)';

export async function readAlertSettings(db: Kysely<PortalDB>, r: Reader) {
  return db.transaction().execute(async (trx) => {
    const account = await findAccount(trx, r.subject);
    if (!account) throw new AppError('session.expired');
    await writeAudit(trx, {
      type: 'account.read',
      actor: `resident:${r.subject}`,
      purpose,
      requestId: r.requestId,
      subject: `account:${r.subject}`,
      outcome: 'success',
      detail: { page: 'notifications' },
    });
    return {
      nickname: account.nickname,
      emailConfirmed: account.email !== null && account.email_confirmed_at !== null,
      off: await alertOffKinds(trx, r.subject),
    };
  });
}

/** Saves the kinds switched on (everything else off); unknown kinds are a 400. */
export async function saveAlertSettings(
  db: Kysely<PortalDB>,
  r: Reader,
  on: readonly string[],
): Promise<void> {
  if (!on.every(isNoticeKind)) throw new AppError('request.invalid', { details: { field: 'kinds' } });
  const off = noticeKinds.filter((k) => !on.includes(k));
  await db.transaction().execute(async (trx) => {
    await replaceAlertOffKinds(trx, r.subject, off);
    await writeAudit(trx, {
      type: 'notification.settings_updated',
      actor: `resident:${r.subject}`,
      purpose,
      requestId: r.requestId,
      subject: `account:${r.subject}`,
      outcome: 'success',
      detail: { off: off.length },
    });
  });
}
