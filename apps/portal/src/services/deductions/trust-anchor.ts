import { readFileSync } from 'node:fs';
import { AppError } from '@madoguchi/errors';

/**
 * The trust anchor deduction-certificate issuers must chain to. Production pins a PEM file
 * (E_DELIVERY_ISSUER_CA, required there by config); development fetches e-delivery's /ca.pem once.
 */
export function createIssuerAnchor(options: {
  pemFile: string;
  eDeliveryUrl: string;
}): () => Promise<string> {
  let cached: Promise<string> | undefined;
  const load = async (): Promise<string> => {
    if (options.pemFile !== '') return readFileSync(options.pemFile, 'utf8');
    let res: Response;
    try {
      res = await fetch(new URL('/ca.pem', options.eDeliveryUrl), { signal: AbortSignal.timeout(5000) });
    } catch {
      throw new AppError('edelivery.unavailable');
    }
    const pem = await res.text();
    if (res.status !== 200 || !pem.includes('-----BEGIN CERTIFICATE-----'))
      throw new AppError('edelivery.unavailable');
    return pem;
  };
  return () => {
    cached ??= load().catch((err: unknown) => {
      cached = undefined; // a failed fetch is tried again next time
      throw err;
    });
    return cached;
  };
}
