import type { Kysely } from '@madoguchi/db';
import type { HubDB } from './schema.ts';

export interface EnrolledAgency {
  code: string;
  name: string;
  publicKey: Buffer;
  endpointUrl: string | null;
}

/** Every agency that has a credential: the key cache of agency-auth.ts is built from this. */
export async function listEnrolledAgencies(db: Kysely<HubDB>): Promise<EnrolledAgency[]> {
  const rows = await db
    .selectFrom('agency')
    .select(['code', 'name', 'public_key', 'endpoint_url'])
    .where('public_key', 'is not', null)
    .execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    publicKey: r.public_key as Buffer,
    endpointUrl: r.endpoint_url,
  }));
}

/** Sets an agency's credential; false when no such agency is registered. */
export async function setAgencyCredential(
  db: Kysely<HubDB>,
  code: string,
  publicKey: Buffer,
  endpointUrl: string | null,
): Promise<boolean> {
  const r = await db
    .updateTable('agency')
    .set({ public_key: publicKey, endpoint_url: endpointUrl, enrolled_at: new Date() })
    .where('code', '=', code)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function findAgency(db: Kysely<HubDB>, code: string) {
  return db
    .selectFrom('agency')
    .select(['code', 'name', 'name_kana', 'kind', 'prefecture_code', 'corporate_number', 'parent_code'])
    .select(['endpoint_url', 'enrolled_at'])
    .where('code', '=', code)
    .executeTakeFirst();
}
