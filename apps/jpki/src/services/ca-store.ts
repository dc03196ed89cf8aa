import { X509Certificate } from 'node:crypto';
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { fileKeySigner, type Issuer } from '@madoguchi/pki';
import { findCaKeys } from '../data/ca-keys.ts';
import type { CaName, CertificateKind, JpkiDB } from '../data/schema.ts';
import { caOrder } from './ca-names.ts';

export interface LoadedCa {
  issuer: Issuer;
  certificate: X509Certificate;
}

/** The whole hierarchy in memory: keys decrypted once, certificates parsed once (OCSP is a hot path). */
export interface CaHierarchy {
  root: LoadedCa;
  issuing: Record<CertificateKind, LoadedCa>;
  ocsp: Record<CertificateKind, LoadedCa>;
}

export function missingCaKeys(present: Set<CaName>): CaName[] {
  return caOrder.filter((n) => !present.has(n));
}

export async function loadCaHierarchy(
  db: Kysely<JpkiDB>,
  passphrase: string,
): Promise<CaHierarchy | undefined> {
  const rows = await findCaKeys(db);
  if (missingCaKeys(new Set(rows.keys())).length > 0) return undefined;
  const load = (name: CaName): LoadedCa => {
    const row = rows.get(name) as { certificate_pem: string; encrypted_private_key_pem: string };
    return {
      issuer: {
        certificatePem: row.certificate_pem,
        signer: fileKeySigner(row.encrypted_private_key_pem, passphrase),
      },
      certificate: new X509Certificate(row.certificate_pem),
    };
  };
  return {
    root: load('root'),
    issuing: { sign: load('sign'), auth: load('auth') },
    ocsp: { sign: load('ocsp-sign'), auth: load('ocsp-auth') },
  };
}

export interface CaStore {
  /** The loaded hierarchy; `jpki.ca_not_initialised` (503) until all five keys exist. */
  get(): Promise<CaHierarchy>;
}

/**
 * Loads the hierarchy on first use and keeps it. Lazy rather than at build time so the app can
 * answer (503) before a first-run creation finished, and tests can create the hierarchy after boot.
 */
export function createCaStore(db: Kysely<JpkiDB>, passphrase: string): CaStore {
  let loaded: Promise<CaHierarchy | undefined> | undefined;
  return {
    async get() {
      loaded ??= loadCaHierarchy(db, passphrase);
      const ca = await loaded.catch((err: unknown) => {
        loaded = undefined;
        throw err;
      });
      if (!ca) {
        loaded = undefined;
        throw new AppError('jpki.ca_not_initialised');
      }
      return ca;
    },
  };
}
