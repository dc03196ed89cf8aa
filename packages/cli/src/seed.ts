import { type AgencyDB, seedAgencyTenants, seedResidents } from '@madoguchi/agency/seed';
import { openDatabase } from '@madoguchi/db';
import { type HubDB, seedHubAgencies } from '@madoguchi/hub/seed';
import { allAgencies, demoMunicipalities } from '@madoguchi/reference';
import type { RunningDatabase } from './database.ts';
import { progressBar } from './progress.ts';

export interface SeedResult {
  agencies: number;
  residentsInserted: number;
  residentsTotal: number;
}

/**
 * Deterministic demo data: every agency on the hub and in the back office, and `residents` demo
 * residents in the demo municipalities. Each app's data is written with that app's own role.
 */
export async function seed(
  database: RunningDatabase,
  residents: number,
  log: (msg: string) => void,
): Promise<SeedResult> {
  const agencies = allAgencies();
  const hub = openDatabase<HubDB>({ url: database.appUrls.hub, schema: 'hub', maxConnections: 1 });
  const agency = openDatabase<AgencyDB>({
    url: database.appUrls.agency,
    schema: 'agency',
    maxConnections: 1,
  });
  try {
    await seedHubAgencies(hub.db, agencies);
    await seedAgencyTenants(agency.db, agencies, demoMunicipalities);
    log(
      `registered ${agencies.length} agencies (${agencies.filter((a) => a.kind === 'municipality').length} municipalities)`,
    );
    const inserted = await seedResidents(agency.db, residents, demoMunicipalities, progressBar('residents'));
    const { rows } = await agency.pool.query<{ n: number }>('select count(*)::int as n from resident');
    return { agencies: agencies.length, residentsInserted: inserted, residentsTotal: rows[0]?.n ?? 0 };
  } finally {
    await hub.close();
    await agency.close();
  }
}

export async function residentCount(database: RunningDatabase): Promise<number> {
  const agency = openDatabase({ url: database.appUrls.agency, schema: 'agency', maxConnections: 1 });
  try {
    const { rows } = await agency.pool.query<{ n: number }>('select count(*)::int as n from resident');
    return rows[0]?.n ?? 0;
  } finally {
    await agency.close();
  }
}
