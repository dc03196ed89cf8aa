/** Signing a request: `Content-Digest` (RFC 9530) + `Signature-Input`/`Signature` (RFC 9421, ed25519). */
import { type KeyObject, sign } from 'node:crypto';
import { contentDigest } from './content-digest.ts';
import { type HeaderSource, normalizeHeaders, signatureBase } from './signature-base.ts';
import { serializeBytes, serializeString } from './structured-fields.ts';

/** What madoguchi's webhooks cover (docs/notices.md). */
export const WEBHOOK_COMPONENTS = ['@method', '@target-uri', 'content-digest', 'idempotency-key'] as const;
export const DEFAULT_LABEL = 'sig1';

export interface SignRequestInput {
  method: string;
  url: string;
  /** The request's other headers; must include `idempotency-key` when it is covered (the default). */
  headers: HeaderSource;
  body: string | Uint8Array;
  keyId: string;
  /** An Ed25519 private key. */
  privateKey: KeyObject;
  /** Unix seconds or a Date; defaults to now. */
  created?: number | Date;
  label?: string;
  components?: readonly string[];
  /** Add `alg="ed25519"` (default true; the RFC's own B.2.6 example omits it). */
  includeAlg?: boolean;
  /** Add `content-digest` computed from the body (default true). */
  includeDigest?: boolean;
}

export interface SignatureHeaders {
  'content-digest'?: string;
  'signature-input': string;
  signature: string;
}

export function serializeSignatureParams(
  components: readonly string[],
  params: { created: number; keyId: string; alg?: string },
): string {
  let out = `(${components.map(serializeString).join(' ')});created=${params.created}`;
  out += `;keyid=${serializeString(params.keyId)}`;
  if (params.alg) out += `;alg=${serializeString(params.alg)}`;
  return out;
}

export function signRequest(input: SignRequestInput): SignatureHeaders {
  if (input.privateKey.asymmetricKeyType !== 'ed25519' || input.privateKey.type !== 'private')
    throw new TypeError('http-signatures: the key must be an Ed25519 private key');
  const label = input.label ?? DEFAULT_LABEL;
  const components = input.components ?? WEBHOOK_COMPONENTS;
  const created =
    input.created instanceof Date
      ? Math.floor(input.created.getTime() / 1000)
      : (input.created ?? Math.floor(Date.now() / 1000));
  const out: Partial<SignatureHeaders> = {};
  const headers = normalizeHeaders(input.headers);
  if (input.includeDigest !== false) {
    out['content-digest'] = contentDigest(input.body);
    headers.set('content-digest', out['content-digest']);
  }
  const params = serializeSignatureParams(components, {
    created,
    keyId: input.keyId,
    ...(input.includeAlg === false ? {} : { alg: 'ed25519' }),
  });
  const base = signatureBase(components, params, {
    method: input.method,
    url: input.url,
    headers: Object.fromEntries(headers),
  });
  const sig = sign(null, Buffer.from(base, 'utf8'), input.privateKey);
  out['signature-input'] = `${label}=${params}`;
  out.signature = `${label}=${serializeBytes(sig)}`;
  return out as SignatureHeaders;
}
