import { AppError } from '@madoguchi/errors';
import { NonceCache, verifySignedRequest } from '@madoguchi/exchange';
import type { HttpApp } from '@madoguchi/http';
import type { FastifyRequest } from 'fastify';
import type { ExchangeKeys } from '../../services/exchange/keys.ts';

/** Network requests are small: a permit, or a batch of link codes with two facts each. */
export const INTERMEDIATE_BODY_LIMIT = 8 * 1024;
/** A facts-check batch from the hub carries up to 1000 items. */
export const HUB_BATCH_BODY_LIMIT = 256 * 1024;

const rawBodies = new WeakMap<FastifyRequest, string>();

/**
 * JSON bodies kept as the exact text received, because a signature covers the bytes on the wire, not
 * a re-serialization. Installed only inside the intermediate-server scope.
 */
export function keepRawJson(scope: HttpApp): void {
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: HUB_BATCH_BODY_LIMIT },
    (req, body, done) => {
      rawBodies.set(req, body as string);
      try {
        done(null, JSON.parse(body as string));
      } catch (err) {
        (err as Error & { statusCode: number }).statusCode = 400;
        done(err as Error, undefined);
      }
    },
  );
}

/** Refuses anything not signed by the hub with its network key (hub → intermediate server calls). */
export function hubSignatureCheck(keys: ExchangeKeys) {
  const nonces = new NonceCache();
  return async (req: FastifyRequest) => {
    const hubKey = await keys.hubKey();
    const check = verifySignedRequest({
      headers: req.headers,
      method: req.method,
      path: req.url,
      body: rawBodies.get(req) ?? '',
      keyOf: (agency) => (agency === 'hub' ? hubKey : undefined),
      nonces,
    });
    if (!check.ok) throw new AppError('exchange.signature_invalid', { details: { reason: check.reason } });
  };
}
