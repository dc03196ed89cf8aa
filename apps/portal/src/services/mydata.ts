import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import type { InfoField, InfoRecord } from '@madoguchi/exchange';
import type { PortalDB } from '../data/schema.ts';
import { agencyName, portalInfoTypes } from '../pages/exchange-names.ts';
import type { HubClient, PermitGrant } from './hub-client.ts';
import { auditFailure, auditRead, linkedFugo, type ReadContext } from './linked-person.ts';

/** 取得済み / 接続できません / 該当なし */
export type ProviderStatus = 'ok' | 'unavailable' | 'none';

export interface ProviderResult {
  code: string;
  name: string;
  /** The information types the hub permitted from this provider. */
  infoTypes: string[];
  status: ProviderStatus;
  records: InfoRecord[];
}

export interface MyData {
  fetchedAt: Date;
  /** For the page header only. */
  nickname: string | null;
  providers: ProviderResult[];
}

export interface MyDataDeps {
  db: Kysely<PortalDB>;
  hub: HubClient;
}

const purpose = '本人による自己情報の表示 (わたしの情報: 本人開示)';

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function isField(f: unknown): f is InfoField {
  const x = f as InfoField;
  return typeof x?.key === 'string' && typeof x.label === 'string' && isScalar(x.value);
}

/** An answer is another system's output: keep only well-formed records of the permitted types. */
function wellFormed(r: unknown, allowed: readonly string[]): r is InfoRecord {
  const x = r as InfoRecord;
  return (
    typeof x?.id === 'string' &&
    typeof x.infoType === 'string' &&
    allowed.includes(x.infoType) &&
    typeof x.title === 'string' &&
    typeof x.asOf === 'string' &&
    Array.isArray(x.fields) &&
    x.fields.every(isField)
  );
}

async function askProvider(hub: HubClient, grant: PermitGrant): Promise<ProviderResult> {
  const base = {
    code: grant.provider,
    name: grant.providerName ?? agencyName(grant.provider, 'ja'),
    infoTypes: grant.infoTypes,
  };
  try {
    const answer = await hub.answer(grant.endpointUrl, grant.permit);
    // An answer about another permit or from another agency is not this provider's answer.
    if (answer?.provider !== grant.provider || answer.permitId !== grant.entryId)
      return { ...base, status: 'unavailable', records: [] };
    const records = Array.isArray(answer.records)
      ? answer.records.filter((r) => wellFormed(r, grant.infoTypes))
      : [];
    return { ...base, status: records.length > 0 ? 'ok' : 'none', records };
  } catch (err) {
    // The provider holds no copy under this link code: nothing to show, not an outage.
    if (err instanceof AppError && err.code === 'fugo.unknown')
      return { ...base, status: 'none', records: [] };
    return { ...base, status: 'unavailable', records: [] };
  }
}

/**
 * わたしの情報, read live: permits from the hub for every information type the portal may show (task
 * 本人開示; the hub logs one entry per provider), then every provider's intermediate server in
 * parallel with a 3 s bound each. A provider that is down is marked unavailable; the others still
 * show. Nothing personal is stored here: the result goes to the page or the download and is gone.
 */
export async function readMyData(
  deps: MyDataDeps,
  ctx: ReadContext,
  audit: { type: 'mydata.viewed' | 'mydata.downloaded'; detail?: Record<string, string | number | boolean> },
): Promise<MyData> {
  const kind = { type: audit.type, purpose };
  const { fugo, nickname } = await linkedFugo(deps.db, ctx, kind);
  let providers: ProviderResult[];
  try {
    const { permits } = await deps.hub.permits(fugo, portalInfoTypes);
    providers = await Promise.all(permits.map((g) => askProvider(deps.hub, g)));
  } catch (err) {
    return auditFailure(deps.db, ctx, kind, err);
  }
  providers.sort((a, b) => a.code.localeCompare(b.code));
  await auditRead(deps.db, ctx, fugo, {
    ...kind,
    detail: {
      ...audit.detail,
      providers: providers.length,
      unavailable: providers.filter((p) => p.status === 'unavailable').length,
      records: providers.reduce((n, p) => n + p.records.length, 0),
    },
  });
  return { fetchedAt: new Date(), nickname, providers };
}
