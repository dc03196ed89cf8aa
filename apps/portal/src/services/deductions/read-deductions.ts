import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { findEDeliveryLink } from '../../data/e-delivery.ts';
import {
  allDeductionFiles,
  type DeductionSummary,
  findDeduction,
  listDeductions,
} from '../../data/e-delivery-deductions.ts';
import type { PortalDB } from '../../data/schema.ts';
import { writeZip } from './zip.ts';

interface Caller {
  subject: string;
  requestId: string;
}

const purpose = '控除証明書の表示・ダウンロード (own deduction certificates)';

/** A file name e-Tax software and every unzip accept: ASCII, unique per certificate. */
export function certificateFileName(c: {
  id: string;
  kind: string | null;
  year: number | null;
  houjin_bangou: string | null;
}) {
  const safe = (s: string | null | undefined, fallback: string) =>
    s && /^[A-Za-z0-9_]+$/.test(s) ? s : fallback;
  return `${c.year ?? 'unknown'}_${safe(c.kind, 'unverified')}_${safe(c.houjin_bangou, 'unknown')}_${c.id.slice(0, 8)}.xml`;
}

export async function readDeductions(
  db: Kysely<PortalDB>,
  caller: Caller,
): Promise<{ linked: boolean; certificates: DeductionSummary[] }> {
  return db.transaction().execute(async (trx) => {
    const certificates = await listDeductions(trx, caller.subject);
    const linked = (await findEDeliveryLink(trx, caller.subject)) !== undefined;
    await writeAudit(trx, {
      type: 'deduction.listed',
      actor: `resident:${caller.subject}`,
      purpose,
      requestId: caller.requestId,
      subject: `account:${caller.subject}`,
      outcome: 'success',
      detail: { count: certificates.length },
    });
    return { linked, certificates };
  });
}

/** The original signed XML of one of the person's certificates; another person's id is 404. */
export async function downloadDeduction(
  db: Kysely<PortalDB>,
  caller: Caller,
  id: string,
): Promise<{ fileName: string; xml: string }> {
  return db.transaction().execute(async (trx) => {
    const c = await findDeduction(trx, caller.subject, id);
    if (!c) throw new AppError('resource.not_found');
    await writeAudit(trx, {
      type: 'deduction.downloaded',
      actor: `resident:${caller.subject}`,
      purpose,
      requestId: caller.requestId,
      subject: `account:${caller.subject}`,
      outcome: 'success',
      detail: { certificateId: id },
    });
    return { fileName: certificateFileName(c), xml: c.xml };
  });
}

/** All of the person's certificates, byte for byte as signed, in one ZIP for e-Tax. */
export async function deductionBundle(db: Kysely<PortalDB>, caller: Caller): Promise<Buffer> {
  return db.transaction().execute(async (trx) => {
    const files = await allDeductionFiles(trx, caller.subject);
    await writeAudit(trx, {
      type: 'deduction.bundle_downloaded',
      actor: `resident:${caller.subject}`,
      purpose,
      requestId: caller.requestId,
      subject: `account:${caller.subject}`,
      outcome: 'success',
      detail: { count: files.length },
    });
    return writeZip(
      files.map((f) => ({
        name: certificateFileName(f),
        data: Buffer.from(f.xml, 'utf8'),
        modified: f.imported_at,
      })),
    );
  });
}
