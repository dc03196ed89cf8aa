import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { residentCountsByMunicipality } from '../data/agencies.ts';
import type { AgencyDB } from '../data/schema.ts';

export async function residentCountsForStaff(db: Kysely<AgencyDB>, staffId: string, requestId: string) {
  return db.transaction().execute(async (trx) => {
    const rows = await residentCountsByMunicipality(trx);
    await writeAudit(trx, {
      type: 'resident.counted',
      actor: `staff:${staffId}`,
      purpose: '住民基本台帳の件数確認 (resident record statistics)',
      requestId,
      outcome: 'success',
      detail: { municipalities: rows.length },
    });
    return rows.map((r) => ({ code: r.code, name: r.name, residents: Number(r.residents) }));
  });
}

export interface PortalInquiry {
  id: string;
  reference: string;
  name: string;
  email: string;
  category: string;
  message: string;
  lang: string;
  createdAt: string;
}

/** Inquiries live in the portal's database; the back office reads them over the portal's machine API. */
export async function fetchInquiries(
  portal: { url: string; token: string },
  staffId: string,
  requestId: string,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: PortalInquiry[] }> {
  const url = new URL('/internal/inquiries', portal.url);
  url.searchParams.set('limit', String(page.limit));
  url.searchParams.set('offset', String(page.offset));
  let res: Response;
  try {
    res = await fetch(url, {
      headers: {
        authorization: `Bearer ${portal.token}`,
        'x-staff-id': staffId,
        'x-request-id': requestId,
        accept: 'application/json',
      },
      signal: AbortSignal.timeout(5000),
    });
  } catch (err) {
    throw new AppError('upstream.unavailable', { cause: err });
  }
  if (!res.ok) throw new AppError('upstream.unavailable', { details: { upstreamStatus: res.status } });
  return (await res.json()) as { total: number; items: PortalInquiry[] };
}
