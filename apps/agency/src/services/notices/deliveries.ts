/**
 * E-delivery counts for a notice live in the portal (docs/notices.md, `GET /internal/notices/{agency}/
 * {id}/deliveries`, Bearer PORTAL_MACHINE_TOKEN). The status page shows them when the portal answers and
 * "—" otherwise: a slow or absent portal never blocks staff from seeing their own sending status.
 */
export type DeliveryCounts = Record<string, number>;

export async function fetchDeliveryCounts(
  portal: { url: string; token: string },
  agencyCode: string,
  noticeId: string,
  requestId: string,
): Promise<DeliveryCounts | undefined> {
  const url = new URL(
    `/internal/notices/${encodeURIComponent(agencyCode)}/${encodeURIComponent(noticeId)}/deliveries`,
    portal.url,
  );
  try {
    const res = await fetch(url, {
      headers: {
        authorization: `Bearer ${portal.token}`,
        'x-request-id': requestId,
        accept: 'application/json',
      },
      signal: AbortSignal.timeout(2000),
    });
    if (!res.ok) return undefined;
    const body = (await res.json()) as Record<string, unknown>;
    // Either { counts: { delivered: 3, … } } or the counts themselves; only numbers are kept.
    const source =
      typeof body.counts === 'object' && body.counts !== null
        ? (body.counts as Record<string, unknown>)
        : body;
    const counts: DeliveryCounts = {};
    for (const [k, v] of Object.entries(source))
      if (typeof v === 'number' && Number.isFinite(v) && /^[a-z_]{1,32}$/.test(k)) counts[k] = v;
    return counts;
  } catch {
    return undefined;
  }
}
