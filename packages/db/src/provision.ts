import pg from 'pg';

export interface AppDatabaseSpec {
  /** Schema the app owns, e.g. "portal". */
  schema: string;
  /** Login role the app connects with, e.g. "madoguchi_portal". */
  role: string;
  password: string;
}

const identifier = /^[a-z_][a-z0-9_]*$/;

/**
 * Creates (or updates the password of) each app's role and gives it its own schema, with nothing
 * granted to PUBLIC: an app's role cannot read another app's tables. Idempotent; run by
 * `madoguchi migrate`/`start` with the administrator URL, never by the apps themselves.
 */
export async function provisionAppDatabases(
  adminUrl: string,
  specs: readonly AppDatabaseSpec[],
): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', ['madoguchi.provision']);
    const { rows } = await client.query<{ db: string }>('select current_database() as db');
    const dbName = rows[0]?.db as string;
    for (const spec of specs) {
      if (!identifier.test(spec.schema) || !identifier.test(spec.role))
        throw new Error(`bad identifier in ${spec.schema}/${spec.role}`);
      const exists = await client.query('select 1 from pg_roles where rolname = $1', [spec.role]);
      const password = client.escapeLiteral(spec.password);
      if (exists.rowCount === 0) await client.query(`create role ${spec.role} login password ${password}`);
      else await client.query(`alter role ${spec.role} login password ${password}`);
      await client.query(`grant connect on database ${client.escapeIdentifier(dbName)} to ${spec.role}`);
      await client.query(`create schema if not exists ${spec.schema} authorization ${spec.role}`);
      await client.query(`alter schema ${spec.schema} owner to ${spec.role}`);
      await client.query(`revoke all on schema ${spec.schema} from public`);
    }
    // Nobody creates objects in public; each app writes only to its own schema.
    await client.query('revoke create on schema public from public');
    await client.query('select pg_advisory_unlock(hashtext($1))', ['madoguchi.provision']);
  } finally {
    await client.end();
  }
}

/** The app's URL: same server and database as the admin URL, with the app's role. */
export function appUrl(adminUrl: string, spec: AppDatabaseSpec): string {
  const url = new URL(adminUrl);
  url.username = spec.role;
  url.password = spec.password;
  return url.toString();
}
