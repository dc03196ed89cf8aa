/**
 * Test support (not exported from the package): a whole JPKI-like hierarchy built with this package,
 * with every PEM also written to a temp dir so tests can hand the files to the real openssl CLI.
 */
import { spawnSync } from 'node:child_process';
import type { KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createRootCertificate,
  type Issuer,
  issueAuthCertificate,
  issueCaCertificate,
  issueOcspSignerCertificate,
  issueSignatureCertificate,
} from './certificates.ts';
import type { BasicFacts } from './facts.ts';
import { generateRsaKeyPair, keyObjectSigner, newSerial, type Signer } from './signer.ts';

export const facts: BasicFacts = {
  familyName: '髙橋',
  givenName: '花子',
  address: '東京都千代田区霞が関１丁目１番１号　中央合同庁舎',
  birthDate: '1989-01-08',
  sex: 2,
};

export const urls = { crlUrl: 'http://127.0.0.1:3004/crl/sign.crl', ocspUrl: 'http://127.0.0.1:3004/ocsp' };

type KeyPair = { privateKey: KeyObject; publicKey: KeyObject };

export interface Hierarchy {
  dir: string;
  root: Issuer;
  ca: Issuer;
  ocsp: Issuer;
  leafKeys: KeyPair;
  signPem: string;
  authPem: string;
  signSerial: string;
  authSerial: string;
  /** A second root and a leaf under it: looks right, chains to nothing we trust. */
  foreignRoot: Issuer;
  foreignLeafPem: string;
  /** Absolute path of a file written into `dir`. */
  file(name: string, content?: string | Buffer): string;
  cleanup(): void;
}

/** Runs the openssl CLI; `out` is stdout then stderr (openssl reports "verify OK" on stderr). */
export function openssl(args: string[], input?: Buffer): { ok: boolean; out: string } {
  const r = spawnSync('openssl', args, { input, timeout: 30_000 });
  return {
    ok: r.status === 0,
    out: `${r.stdout?.toString('utf8') ?? ''}${r.stderr?.toString('utf8') ?? ''}`,
  };
}

export async function buildHierarchy(now = new Date()): Promise<Hierarchy> {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-pki-'));
  const [rootKeys, caKeys, ocspKeys, leafKeys, foreignKeys] = await Promise.all(
    Array.from({ length: 5 }, () => generateRsaKeyPair()),
  );
  const k = (p: KeyPair | undefined): KeyPair => p as KeyPair;
  const notBefore = new Date(now.getTime() - 60_000);
  const notAfter = new Date(now.getTime() + 365 * 86400_000);
  const rootSigner: Signer = keyObjectSigner(k(rootKeys).privateKey);
  const root: Issuer = {
    signer: rootSigner,
    certificatePem: await createRootCertificate({
      subject: 'C=JP, O=madoguchi, CN=madoguchi JPKI Root CA',
      signer: rootSigner,
      notBefore,
      notAfter,
    }),
  };
  const ca: Issuer = {
    signer: keyObjectSigner(k(caKeys).privateKey),
    certificatePem: await issueCaCertificate({
      issuer: root,
      subject: 'C=JP, O=madoguchi, CN=madoguchi JPKI Signature CA (署名用)',
      publicKey: k(caKeys).publicKey,
      notBefore,
      notAfter,
    }),
  };
  const ocsp: Issuer = {
    signer: keyObjectSigner(k(ocspKeys).privateKey),
    certificatePem: await issueOcspSignerCertificate({
      issuer: ca,
      subject: 'C=JP, O=madoguchi, CN=OCSP signer for the Signature CA',
      publicKey: k(ocspKeys).publicKey,
      notBefore,
      notAfter,
    }),
  };
  const signSerial = newSerial();
  const authSerial = newSerial();
  const leaf = {
    issuer: ca,
    publicKey: k(leafKeys).publicKey,
    cardSerial: 'MC0000000001',
    notBefore,
    notAfter,
    urls,
  };
  const signPem = await issueSignatureCertificate({ ...leaf, serial: signSerial, facts });
  const authPem = await issueAuthCertificate({ ...leaf, serial: authSerial });
  const foreignSigner = keyObjectSigner(k(foreignKeys).privateKey);
  const foreignRoot: Issuer = {
    signer: foreignSigner,
    certificatePem: await createRootCertificate({
      subject: 'C=JP, O=madoguchi, CN=madoguchi JPKI Root CA',
      signer: foreignSigner,
      notBefore,
      notAfter,
    }),
  };
  const foreignLeafPem = await issueAuthCertificate({ ...leaf, issuer: foreignRoot, serial: newSerial() });
  const file = (name: string, content?: string | Buffer) => {
    const path = join(dir, name);
    if (content !== undefined) writeFileSync(path, content);
    return path;
  };
  file('root.pem', root.certificatePem);
  file('ca.pem', ca.certificatePem);
  file('ocsp.pem', ocsp.certificatePem);
  file('sign.pem', signPem);
  file('auth.pem', authPem);
  file('foreign-root.pem', foreignRoot.certificatePem);
  file('foreign-leaf.pem', foreignLeafPem);
  return {
    dir,
    root,
    ca,
    ocsp,
    leafKeys: k(leafKeys),
    signPem,
    authPem,
    signSerial,
    authSerial,
    foreignRoot,
    foreignLeafPem,
    file,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
