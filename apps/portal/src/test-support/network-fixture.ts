/**
 * The whole exchange network for the portal's tests: real jpki, hub, agency (intermediate servers) and
 * portal over HTTP on one test database, the demo agencies enrolled with their real public keys, a
 * resident with a card, the agency's demo link run (link codes and records), and helpers to log in.
 * (Tests may import other apps' fixtures; the apps themselves never import each other.)
 */

import { enrollAgency, startHub, type TestHub, testHubSecrets } from '@madoguchi/hub/test-support';
import type { BasicFacts } from '@madoguchi/pki';
import { type RunningTestService, readJson, type TestDatabase } from '@madoguchi/testing';
import {
  agencyStaffHeaders,
  type RunningAgency,
  startAgency,
} from '../../../agency/src/test-support/agency-fixture.ts';
import { Browser, cardLogin, issueTestCard, startJpki, startPortal, type TestCard } from './login-fixture.ts';

export const portalExchangeSecret = 'portal-exchange-test-secret-0123456789abcdef';

/** The agencies whose intermediate servers the tests use (a municipality and two national bodies). */
export const providerAgencies = ['131016', 'jps', 'kyokai-kenpo'] as const;

export interface ResidentFacts {
  givenName?: string;
  givenKana?: string;
  birthDate?: string;
}

export interface TestResident {
  id: string;
  card: TestCard;
}

export interface Network {
  jpki: RunningTestService;
  hub: TestHub;
  agency: RunningAgency;
  portal: RunningTestService;
  /** Starts another portal on the same network (e.g. with a different pinned log key). */
  startPortal(env?: Record<string, string>): Promise<RunningTestService>;
  /** A new resident of 千代田区 (an adult, so national agencies hold copies) with a card, linked. */
  createResident(facts?: ResidentFacts): Promise<TestResident>;
  /** Only the resident record at the municipality (no card, not linked yet). */
  addResident(facts?: ResidentFacts): Promise<{ id: string; facts: BasicFacts }>;
  /** Runs the agency's demo link again: registers link codes and generates records for new residents. */
  link(): Promise<void>;
  close(): Promise<void>;
}

async function json(res: Response, what: string) {
  const body = await readJson(res);
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** Copies an agency's credential to the hub, as `madoguchi hub enroll` does. */
export async function enrollFromAgency(hubUrl: string, agencyUrl: string, code: string): Promise<void> {
  const c = await json(await fetch(`${agencyUrl}/api/intermediate/${code}/credential`), `credential ${code}`);
  await enrollAgency(hubUrl, code, c.publicKey, c.endpointUrl);
}

export async function startNetwork(
  db: TestDatabase,
  portalEnv: Record<string, string> = {},
  agencyEnv: Record<string, string> = {},
): Promise<Network> {
  const jpki = await startJpki(db, { JPKI_HUB_API_KEY: testHubSecrets.JPKI_HUB_API_KEY });
  const hub = await startHub(db, { JPKI_URL: jpki.url });
  const agency = await startAgency(db, { HUB_URL: hub.url, ...agencyEnv });
  const portals: RunningTestService[] = [];
  const newPortal = async (env: Record<string, string> = {}) => {
    const p = await startPortal(db, {
      JPKI_URL: jpki.url,
      HUB_URL: hub.url,
      PORTAL_EXCHANGE_SECRET: portalExchangeSecret,
      PORTAL_OCSP_CACHE_SECONDS: '0',
      ...env,
    });
    portals.push(p);
    return p;
  };
  const portal = await newPortal(portalEnv);
  for (const code of providerAgencies) await enrollFromAgency(hub.url, agency.url, code);
  const credential = await json(await fetch(`${portal.url}/api/exchange/credential`), 'portal credential');
  // The hub delivers notices to the portal's endpoint (the test portal's real address).
  await enrollAgency(hub.url, 'portal', credential.publicKey, portal.url);

  const link = async () => {
    await json(
      await fetch(`${agency.url}/api/staff/demo/link`, {
        method: 'POST',
        headers: { ...agencyStaffHeaders, 'content-type': 'application/json' },
        body: '{}',
      }),
      'demo link',
    );
  };

  const addResident = async (facts: ResidentFacts = {}): Promise<{ id: string; facts: BasicFacts }> => {
    const resident = await json(
      await fetch(`${agency.url}/api/staff/residents`, {
        method: 'POST',
        headers: { ...agencyStaffHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({
          municipalityCode: '131016',
          familyName: 'デジタル',
          givenName: facts.givenName ?? '花子',
          familyKana: 'デジタル',
          givenKana: facts.givenKana ?? 'ハナコ',
          birthDate: facts.birthDate ?? '1985-04-01',
          sex: 2,
        }),
      }),
      'create resident',
    );
    return { id: resident.id, facts: resident.facts };
  };

  return {
    jpki,
    hub,
    agency,
    portal,
    startPortal: newPortal,
    link,
    addResident,
    async createResident(facts = {}) {
      const resident = await addResident(facts);
      const card = await issueTestCard(jpki.url, `agency:131016:${resident.id}`, resident.facts);
      await link();
      return { id: resident.id, card };
    },
    async close() {
      for (const p of portals) await p.close();
      await agency.close();
      await hub.close();
      await jpki.close();
    },
  };
}

/** A browser session logged in with the resident's card (the login links the account at the hub). */
export async function loggedIn(portalUrl: string, resident: TestResident): Promise<Browser> {
  const browser = new Browser(portalUrl);
  const res = await cardLogin(browser, resident.card);
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return browser;
}
