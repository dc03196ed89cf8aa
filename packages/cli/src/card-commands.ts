import { X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { cardInfo, resetCounters, signDocument, startReaderAgent } from '@madoguchi/card';
import type { CardCliConfig } from './card-config.ts';
import { staffApis } from './card-issue.ts';
import { jpkiStaff } from './card-staff-clients.ts';

export type CertKind = 'sign' | 'auth';

/**
 * Writes the card's certificate (PEM); with `chain`, also `root.pem` and `<kind>-ca.pem` beside it,
 * the two files `openssl verify -CAfile root.pem -untrusted sign-ca.pem` wants.
 */
export async function exportCertificate(o: { card: string; kind: CertKind; out: string; chain?: boolean }) {
  const info = await cardInfo(o.card);
  await writeFile(o.out, info.certificates[o.kind]);
  const written = [o.out];
  if (o.chain) {
    const root = join(dirname(o.out), 'root.pem');
    const issuing = join(dirname(o.out), `${o.kind}-ca.pem`);
    await writeFile(root, info.chain.rootPem);
    await writeFile(issuing, o.kind === 'sign' ? info.chain.signCaPem : info.chain.authCaPem);
    written.push(root, issuing);
  }
  const cert = new X509Certificate(info.certificates[o.kind]);
  return {
    serial: serialOf(info.certificates[o.kind]),
    subject: cert.subject,
    validTo: cert.validTo,
    written,
  };
}

/** A detached CMS signature (DER) over the file, with the signature key and the 署名用 password. */
export async function signFile(o: { card: string; pin: string; input: string; out: string }) {
  const content = await readFile(o.input);
  const cms = await signDocument(o.card, o.pin, { content });
  await writeFile(o.out, cms);
  return { bytes: cms.length };
}

function serialOf(pem: string): string {
  return new X509Certificate(pem).serialNumber.toLowerCase().replace(/^0+/, '');
}

export async function revokeCertificate(
  config: CardCliConfig,
  o: { card: string; kind: CertKind; reason: string },
) {
  const info = await cardInfo(o.card);
  const result = await jpkiStaff.revoke(staffApis(config).jpki, info.cardSerial, {
    kind: o.kind,
    reason: o.reason,
  });
  return { ...result, expectedSerial: serialOf(info.certificates[o.kind]) };
}

/** jpki records the unlock (audited) first; only then are the counters in the file reset. */
export async function unlockCard(config: CardCliConfig, o: { card: string }) {
  const info = await cardInfo(o.card);
  const result = await jpkiStaff.unlock(staffApis(config).jpki, info.cardSerial);
  await resetCounters(o.card);
  return result;
}

export async function runReader(o: {
  cards: string[];
  port: number;
  origins?: string[];
  log: (msg: string) => void;
}) {
  return startReaderAgent({
    cards: o.cards,
    port: o.port,
    ...(o.origins && o.origins.length > 0 ? { allowedOrigins: o.origins } : {}),
    log: o.log,
  });
}
