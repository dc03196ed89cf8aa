import { createHash, randomUUID } from 'node:crypto';
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { verifyDeduction } from '@madoguchi/deduction';
import { AppError } from '@madoguchi/errors';
import { findEDeliveryLink } from '../../data/e-delivery.ts';
import { insertDeductions, type NewDeduction } from '../../data/e-delivery-deductions.ts';
import type { PortalDB } from '../../data/schema.ts';
import type { EDeliveryKeys } from '../e-delivery/keys.ts';

export interface DeductionDeps {
  db: Kysely<PortalDB>;
  keys: EDeliveryKeys;
  eDeliveryUrl: string;
  issuerAnchor: () => Promise<string>;
}

export interface Caller {
  subject: string;
  requestId: string;
}

const purpose = '控除証明書の取込み (deduction certificates the person imports for tax filing)';
const maxCertificates = 200;
const maxXmlBytes = 1_000_000;

/** The certificates e-delivery lists for the mailbox: `[{ id, xml }]` (bare or under `certificates`). */
async function fetchCertificates(deps: DeductionDeps, token: string): Promise<{ id: string; xml: string }[]> {
  let res: Response;
  try {
    res = await fetch(new URL('/api/certificates', deps.eDeliveryUrl), {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new AppError('edelivery.unavailable');
  }
  if (res.status === 401 || res.status === 403) throw new AppError('edelivery.link_failed');
  if (res.status !== 200) throw new AppError('edelivery.unavailable');
  const body = (await res.json().catch(() => undefined)) as unknown;
  const list = Array.isArray(body) ? body : (body as { certificates?: unknown } | undefined)?.certificates;
  if (!Array.isArray(list)) throw new AppError('edelivery.unavailable');
  const out: { id: string; xml: string }[] = [];
  for (const item of list.slice(0, maxCertificates)) {
    const { id, xml } = (item ?? {}) as Record<string, unknown>;
    if ((typeof id !== 'string' && typeof id !== 'number') || typeof xml !== 'string') continue;
    if (Buffer.byteLength(xml) > maxXmlBytes) continue;
    out.push({ id: String(id).slice(0, 200), xml });
  }
  return out;
}

/**
 * Imports the person's certificates from their mailbox: each is verified (XMLDSig signature covering
 * the whole document, issuer chain to the pinned anchor, 法人番号 check digit) and stored as the
 * original signed XML with the result, verified or not (a failed one is shown as such, never hidden).
 */
export async function importDeductions(
  deps: DeductionDeps,
  caller: Caller,
): Promise<{ total: number; added: number; unverified: number }> {
  const link = await findEDeliveryLink(deps.db, caller.subject);
  if (!link) throw new AppError('edelivery.not_linked');
  const token = deps.keys.decryptToken(link.access_token_enc);
  const certificates = await fetchCertificates(deps, token);
  const anchor = await deps.issuerAnchor();
  const rows: NewDeduction[] = certificates.map((c) => {
    const result = verifyDeduction(c.xml, anchor);
    const base = {
      id: randomUUID(),
      subject: caller.subject,
      sourceId: c.id,
      xml: c.xml,
      sha256: createHash('sha256').update(c.xml, 'utf8').digest(),
    };
    if (!result.ok)
      return {
        ...base,
        verified: false,
        problem: result.reason,
        issuerName: null,
        houjinBangou: null,
        kind: null,
        year: null,
        amount: null,
      };
    return {
      ...base,
      verified: true,
      problem: null,
      issuerName: result.issuer.name,
      houjinBangou: result.issuer.houjinBangou,
      kind: result.kind,
      year: result.year,
      amount: result.amount,
    };
  });
  return deps.db.transaction().execute(async (trx) => {
    const added = await insertDeductions(trx, rows);
    const unverified = rows.filter((r) => !r.verified).length;
    await writeAudit(trx, {
      type: 'deduction.imported',
      actor: `resident:${caller.subject}`,
      purpose,
      requestId: caller.requestId,
      subject: `account:${caller.subject}`,
      outcome: 'success',
      detail: { total: rows.length, added, unverified },
    });
    return { total: rows.length, added, unverified };
  });
}
