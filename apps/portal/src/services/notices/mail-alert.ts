/**
 * Handler of `notice.mail_alert` (docs/notices.md "Mail alert"): one mail per recipient with an account,
 * a confirmed address and the kind switched on. The mail says only that a notice has arrived (no title,
 * kind or sender: mail is not a safe channel for personal data). Each sent alert is recorded in its own
 * commit right after the mail, so a retried job skips those already mailed.
 */
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import type { Job } from '@madoguchi/jobs';
import { alertTargets, recordAlertSent } from '../../data/notices.ts';
import type { PortalDB } from '../../data/schema.ts';

export interface AlertMailer {
  send(mail: { to: string; subject: string; text: string }): Promise<unknown>;
}

export interface MailAlertDeps {
  db: Kysely<PortalDB>;
  mailer: AlertMailer;
  publicUrl: string;
}

export function alertMail(publicUrl: string): { subject: string; text: string } {
  const link = new URL('/notices', publicUrl).toString();
  return {
    subject: '【madoguchi】お知らせが届きました / You have a new notice',
    text: [
      'madoguchi にお知らせが届きました。内容はログインしてご確認ください。',
      link,
      '',
      'A new notice has arrived in your madoguchi inbox. Please log in to read it.',
      `${link}?lang=en`,
      '',
      'メール通知の設定 / Mail alert settings:',
      new URL('/account/notifications', publicUrl).toString(),
    ].join('\n'),
  };
}

/** `{ noticeId, recipientNos }` as enqueued with a recipients batch (numbers; strings are accepted). */
interface Payload {
  noticeId: number;
  recipientNos: number[];
}

function payloadOf(job: Job): Payload {
  const p = job.payload as { noticeId?: unknown; recipientNos?: unknown } | null;
  const noticeId = Number(p?.noticeId);
  if (!Number.isSafeInteger(noticeId) || !Array.isArray(p?.recipientNos))
    throw new Error('notice.mail_alert: malformed payload');
  return { noticeId, recipientNos: p.recipientNos.map(Number).filter(Number.isSafeInteger) };
}

export function mailAlertHandler(deps: MailAlertDeps) {
  const mail = alertMail(deps.publicUrl);
  return async (job: Job): Promise<void> => {
    const { noticeId, recipientNos } = payloadOf(job);
    const targets = await alertTargets(deps.db, noticeId, recipientNos);
    for (const t of targets) {
      // A failed send throws: the job retries later, and those already mailed are skipped then.
      await deps.mailer.send({ to: t.email, ...mail });
      await deps.db.transaction().execute(async (trx) => {
        await recordAlertSent(trx, t.subject, noticeId);
        await writeAudit(trx, {
          type: 'notice.alert_mailed',
          actor: 'system:notice.mail_alert',
          onBehalfOf: `account:${t.subject}`,
          purpose: 'お知らせ到着のメール通知 (mail alert the person asked for)',
          requestId: `job:${job.id}`,
          subject: `notice:${noticeId}`,
          outcome: 'success',
        });
      });
    }
  };
}
