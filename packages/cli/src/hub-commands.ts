import { join } from 'node:path';
import { readFacts } from '@madoguchi/card';
import { devSecret } from '@madoguchi/config';
import { demoExchangeAgencies } from '@madoguchi/reference';
import { type StaffApi, staffCall } from './card-staff-clients.ts';

export interface NetworkUrls {
  hubUrl: string;
  agencyUrl: string;
  portalUrl: string;
}

export interface NetworkTokens {
  hubAdminToken: string;
  agencyStaffToken: string;
}

export function networkFromEnv(dataDir: string, log: (msg: string) => void): NetworkUrls & NetworkTokens {
  const secret = (name: string) => process.env[name] ?? devSecret(dataDir, name, log);
  return {
    hubUrl: process.env.HUB_URL ?? 'http://127.0.0.1:3001',
    agencyUrl: process.env.AGENCY_URL ?? 'http://127.0.0.1:3002',
    portalUrl: process.env.PORTAL_URL ?? 'http://127.0.0.1:3000',
    hubAdminToken: secret('HUB_ADMIN_TOKEN'),
    agencyStaffToken: secret('AGENCY_STAFF_TOKEN'),
  };
}

interface Credential {
  agencyCode: string;
  publicKey: string;
  endpointUrl: string | null;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  return (await res.json()) as T;
}

/**
 * `madoguchi hub enroll [code …]`: copies each agency's published public key and endpoint into the hub
 * registry (the portal's from the portal, the others' from the agency app that hosts them).
 */
export async function enrollAgencies(
  n: NetworkUrls & NetworkTokens,
  codes: readonly string[],
  log: (msg: string) => void,
): Promise<void> {
  const hub: StaffApi = { url: n.hubUrl, token: n.hubAdminToken, staffId: 'madoguchi-cli' };
  for (const code of codes) {
    const credential =
      code === 'portal'
        ? await getJson<Credential>(`${n.portalUrl}/api/exchange/credential`)
        : await getJson<Credential>(`${n.agencyUrl}/api/intermediate/${encodeURIComponent(code)}/credential`);
    await staffCall(hub, 'PUT', `/api/admin/agencies/${encodeURIComponent(code)}/credential`, {
      publicKey: credential.publicKey,
      endpointUrl: credential.endpointUrl,
    });
    log(`enrolled ${code} on the hub (key ${credential.publicKey.slice(0, 12)}…)`);
  }
}

export const defaultEnrollment = demoExchangeAgencies;

export interface DemoExchange {
  querier: string;
  task: string;
  provider: string;
  infoTypes: string[];
  /** What the exchange is, in words, for the console. */
  label: string;
}

/** The lawful exchanges of the demo (rows of apps/hub/bessyo2/bessyo2.tsv). */
export const demoExchanges: readonly DemoExchange[] = [
  {
    querier: 'jps',
    task: 'kokunen-menjo',
    provider: '131016',
    infoTypes: ['chihouzei'],
    label: '日本年金機構 → 千代田区: 国民年金保険料の免除のため 地方税関係情報',
  },
  {
    querier: '131016',
    task: 'jidou-teate',
    provider: 'jps',
    infoTypes: ['nenkin-kanyu'],
    label: '千代田区 → 日本年金機構: 児童手当のため 年金加入者情報',
  },
  {
    querier: 'kyokai-kenpo',
    task: 'kenpo-kyufu',
    provider: '131016',
    infoTypes: ['chihouzei'],
    label: '協会けんぽ → 千代田区: 保険給付のため 地方税関係情報',
  },
];

/** The demo person: デジタル 花子, found through her demo card (support PIN) in the data directory. */
export async function demoPersonResidentId(dataDir: string): Promise<string> {
  const { residentRef } = await readFacts(join(dataDir, 'cards', 'digital-hanako.json'), '5678');
  const id = residentRef.split(':')[2];
  if (!id) throw new Error(`unexpected resident reference on the demo card: ${residentRef}`);
  return id;
}

interface ExchangeResult {
  entryId: string;
  provider: string;
  records: unknown[];
}

/**
 * Performs one lawful exchange with the agencies' own credentials (inside the agency app, which signs
 * as the querier) and waits until the hub has sequenced its log entry. Returns the entry's index.
 */
export async function runExchange(
  n: NetworkUrls & NetworkTokens,
  x: DemoExchange,
  residentId: string,
): Promise<{ entryId: string; index: number; records: number }> {
  const agency: StaffApi = { url: n.agencyUrl, token: n.agencyStaffToken, staffId: 'madoguchi-cli' };
  const querierIsMunicipality = /^\d{6}$/.test(x.querier);
  const person = querierIsMunicipality
    ? { residentId }
    : {
        fugo: (
          await staffCall<{ fugo: string }>(
            agency,
            'GET',
            `/api/staff/agencies/${x.querier}/persons/${encodeURIComponent(residentId)}/fugo`,
          )
        ).fugo,
      };
  const result = await staffCall<ExchangeResult>(agency, 'POST', '/api/staff/exchanges', {
    querier: x.querier,
    task: x.task,
    provider: x.provider,
    infoTypes: x.infoTypes,
    ...person,
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await fetch(`${n.hubUrl}/log/sequenced/${result.entryId}`, {
      signal: AbortSignal.timeout(5000),
    });
    if (res.ok) {
      const { index } = (await res.json()) as { index: number };
      return { entryId: result.entryId, index, records: result.records.length };
    }
    if (Date.now() > deadline)
      throw new Error(`the hub did not sequence entry ${result.entryId} within 10 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
