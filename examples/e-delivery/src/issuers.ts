/**
 * The demo companies that issue 控除証明書 and their keys. The issuer CA and one certificate per company
 * are created on first run in the store directory (never committed); the CA certificate is the trust
 * anchor the portal pins (`GET /ca.pem`, or E_DELIVERY_ISSUER_CA in production).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createIssuerCa,
  type DeductionKind,
  issueCompanyCertificate,
  type KeyAndCertificate,
} from '@madoguchi/deduction';
import { corporateNumberCheckDigit } from '@madoguchi/identifiers';

export interface Company {
  id: string;
  name: string;
  houjinBangou: string;
  kind: DeductionKind;
}

const withCheckDigit = (base12: string) => `${corporateNumberCheckDigit(base12)}${base12}`;

export const companies: readonly Company[] = [
  {
    id: 'madoguchi-life',
    name: 'まどぐち生命保険株式会社（デモ）',
    // A checksum-valid demo number (not a registration anyone holds in this form of name).
    houjinBangou: withCheckDigit('010401990001'),
    kind: 'life_insurance',
  },
  {
    id: 'chiyoda',
    name: '千代田区（ふるさと納税・デモ）',
    // 地方公共団体の法人番号: check digit + 000020 + 団体コード (131016 = 千代田区).
    houjinBangou: withCheckDigit('000020131016'),
    kind: 'donation',
  },
];

export function companyById(id: string): Company | undefined {
  return companies.find((c) => c.id === id);
}

export interface IssuerKeys {
  ca: KeyAndCertificate;
  companies: Map<string, KeyAndCertificate>;
}

function readPair(dir: string, name: string): KeyAndCertificate | undefined {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key.pem`);
  if (!existsSync(cert) || !existsSync(key)) return undefined;
  return { certificatePem: readFileSync(cert, 'utf8'), privateKeyPem: readFileSync(key, 'utf8') };
}

function writePair(dir: string, name: string, pair: KeyAndCertificate): void {
  writeFileSync(join(dir, `${name}.key.pem`), pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(join(dir, `${name}.pem`), pair.certificatePem, { mode: 0o644 });
}

export async function loadIssuerKeys(dir: string, log: (m: string) => void): Promise<IssuerKeys> {
  let ca = readPair(dir, 'issuer-ca');
  if (!ca) {
    ca = await createIssuerCa({ name: 'madoguchi e-delivery demo issuers' });
    writePair(dir, 'issuer-ca', ca);
    log(`e-delivery: created the demo issuer CA in ${dir} (development only)`);
  }
  const out = new Map<string, KeyAndCertificate>();
  for (const c of companies) {
    let pair = readPair(dir, `company-${c.id}`);
    if (!pair) {
      pair = await issueCompanyCertificate({ ca, companyName: c.name, houjinBangou: c.houjinBangou });
      writePair(dir, `company-${c.id}`, pair);
    }
    out.set(c.id, pair);
  }
  return { ca, companies: out };
}
