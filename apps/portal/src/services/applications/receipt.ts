/**
 * What the resident gets back after submitting: the 受付完了 view and the 受付票 PDF. The PDF lists
 * the attachments from the signed document itself, so it names exactly what the card signed.
 */
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { parseCanonicalApplication, type ReceiptPdfInput, renderReceiptPdf } from '@madoguchi/e-application';
import { AppError } from '@madoguchi/errors';
import { type ApplicationRecord, findOwnApplication } from '../../data/applications.ts';
import type { PortalDB } from '../../data/schema.ts';
import { agencyName } from '../../pages/exchange-names.ts';
import type { Actor } from './drafts.ts';

export async function ownApplication(
  db: Kysely<PortalDB>,
  subject: string,
  id: string,
): Promise<ApplicationRecord> {
  const found = await findOwnApplication(db, subject, id);
  if (!found) throw new AppError('resource.not_found');
  return found;
}

export function receiptPdfInput(a: ApplicationRecord): ReceiptPdfInput {
  const signed = parseCanonicalApplication(a.canonical).document;
  return {
    receiptNumber: a.receiptNumber,
    serviceName: a.serviceTitle,
    municipality: agencyName(a.municipality, 'ja'),
    submittedAt: a.submittedAt,
    signerName: `${a.signer.familyName}　${a.signer.givenName}`.trim(),
    applicationSha256: a.sha256,
    attachments: signed.attachments.map((f) => ({ name: f.name, size: f.size, sha256: f.sha256 })),
  };
}

/** The 受付票 of the person's own application; the download is audited (it carries personal data). */
export async function receiptPdf(
  db: Kysely<PortalDB>,
  actor: Actor,
  id: string,
): Promise<{ application: ApplicationRecord; pdf: Uint8Array }> {
  return db.transaction().execute(async (trx) => {
    const application = await findOwnApplication(trx, actor.subject, id);
    if (!application) throw new AppError('resource.not_found');
    await writeAudit(trx, {
      type: 'application.receipt_downloaded',
      actor: `resident:${actor.subject}`,
      purpose: '本人による受付票の取得 (own application receipt)',
      requestId: actor.requestId,
      subject: `application:${application.id}`,
      outcome: 'success',
      detail: {
        service: `${application.municipality}/${application.serviceId}`,
        receiptNumber: application.receiptNumber,
      },
    });
    return { application, pdf: renderReceiptPdf(receiptPdfInput(application)) };
  });
}
