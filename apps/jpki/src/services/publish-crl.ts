import type { Kysely } from '@madoguchi/db';
import { buildCrl } from '@madoguchi/pki';
import { revokedCertificates } from '../data/certificates.ts';
import { insertCrl, latestCrl, lockCrlCounter, nextCrlNumber } from '../data/crls.ts';
import type { CertificateKind, JpkiDB } from '../data/schema.ts';
import type { CaHierarchy } from './ca-store.ts';

const validityMs = 24 * 3600_000;
/** A published CRL older than this is replaced on the next fetch. */
const maxAgeMs = 3600_000;

/**
 * Builds and stores the next CRL of one CA. Called inside the revoking transaction, so the CRL that
 * commits always lists the revocation that committed with it; the counter row lock orders numbers.
 */
export async function publishCrl(
  trx: Kysely<JpkiDB>,
  ca: CaHierarchy,
  kind: CertificateKind,
  now = new Date(),
): Promise<Buffer> {
  const crlNumber = await nextCrlNumber(trx, kind);
  const entries = await revokedCertificates(trx, kind);
  const nextUpdate = new Date(now.getTime() + validityMs);
  const der = await buildCrl({
    issuer: ca.issuing[kind].issuer,
    thisUpdate: now,
    nextUpdate,
    crlNumber,
    entries,
  });
  await insertCrl(trx, kind, { crlNumber, thisUpdate: now, nextUpdate, der });
  return der;
}

/** The CRL to serve: the stored one while it is younger than an hour, a new one otherwise. */
export async function currentCrl(
  db: Kysely<JpkiDB>,
  ca: CaHierarchy,
  kind: CertificateKind,
  now = new Date(),
): Promise<Buffer> {
  const fresh = (c: Awaited<ReturnType<typeof latestCrl>>) =>
    c &&
    now.getTime() - c.thisUpdate.getTime() < maxAgeMs &&
    c.thisUpdate.getTime() <= now.getTime() + 60_000;
  const latest = await latestCrl(db, kind);
  if (latest && fresh(latest)) return latest.der;
  return db.transaction().execute(async (trx) => {
    await lockCrlCounter(trx, kind);
    // Another process may have published while this one waited for the lock.
    const again = await latestCrl(trx, kind);
    if (again && fresh(again)) return again.der;
    return publishCrl(trx, ca, kind, now);
  });
}
