/** Verifying an RFC 9421 ed25519 request signature, with the RFC 9530 body digest and a freshness window. */
import { type KeyObject, verify } from 'node:crypto';
import { checkContentDigest } from './content-digest.ts';
import { DEFAULT_LABEL, WEBHOOK_COMPONENTS } from './sign.ts';
import { type HeaderSource, normalizeHeaders, signatureBase } from './signature-base.ts';
import { parseByteSequence, parseInnerList, splitDictionary } from './structured-fields.ts';

export type VerifyFailureReason =
  | 'missing'
  | 'malformed'
  | 'bad_digest'
  | 'unknown_key'
  | 'bad_signature'
  | 'expired';

export interface VerifiedSignature {
  ok: true;
  label: string;
  keyId: string;
  created: number;
  components: string[];
}

export interface VerifyFailure {
  ok: false;
  reason: VerifyFailureReason;
  /** A short developer-facing explanation (never contains request content). */
  detail: string;
  /** The key id, when the signature named one (lets a caller refetch keys on `unknown_key`). */
  keyId?: string;
}

export type VerifyResult = VerifiedSignature | VerifyFailure;

export interface VerifyRequestInput {
  method: string;
  url: string;
  headers: HeaderSource;
  body: string | Uint8Array;
  keys: (keyId: string) => KeyObject | undefined;
  /** `created` must be within ± this many seconds of now (default 300, docs/notices.md). */
  maxAgeSeconds?: number;
  now?: Date;
  label?: string;
  /** Components the signature must cover (default the webhook set). */
  requiredComponents?: readonly string[];
}

const fail = (reason: VerifyFailureReason, detail: string, keyId?: string): VerifyFailure =>
  keyId === undefined ? { ok: false, reason, detail } : { ok: false, reason, detail, keyId };

export function verifyRequest(input: VerifyRequestInput): VerifyResult {
  const headers = normalizeHeaders(input.headers);
  const label = input.label ?? DEFAULT_LABEL;
  const inputField = headers.get('signature-input');
  const sigField = headers.get('signature');
  if (!inputField || !sigField) return fail('missing', 'Signature-Input and Signature are required');
  let covered: ReturnType<typeof parseInnerList>;
  let signature: Uint8Array;
  try {
    const inputs = splitDictionary(inputField);
    const sigs = splitDictionary(sigField);
    const rawInput = inputs.get(label);
    const rawSig = sigs.get(label);
    if (rawInput === undefined || rawSig === undefined)
      return fail('missing', `no signature labelled ${label}`);
    covered = parseInnerList(rawInput);
    signature = parseByteSequence(rawSig);
  } catch (e) {
    return fail('malformed', (e as Error).message);
  }
  const { params } = covered;
  const keyId = params.get('keyid');
  const created = params.get('created');
  const alg = params.get('alg');
  if (typeof keyId !== 'string') return fail('malformed', 'keyid is required');
  if (typeof created !== 'number' || !Number.isSafeInteger(created))
    return fail('malformed', 'created is required', keyId);
  if (alg !== undefined && alg !== 'ed25519') return fail('malformed', 'alg must be ed25519', keyId);
  for (const c of input.requiredComponents ?? WEBHOOK_COMPONENTS)
    if (!covered.items.includes(c)) return fail('malformed', `the signature must cover ${c}`, keyId);

  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const maxAge = input.maxAgeSeconds ?? 300;
  if (Math.abs(now - created) > maxAge) return fail('expired', 'created is outside the window', keyId);
  const expires = params.get('expires');
  if (expires !== undefined && (typeof expires !== 'number' || expires < now))
    return fail('expired', 'the signature has expired', keyId);

  const key = input.keys(keyId);
  if (!key) return fail('unknown_key', 'no key with this keyid', keyId);
  if (key.asymmetricKeyType !== 'ed25519') return fail('unknown_key', 'the key is not Ed25519', keyId);

  let base: string;
  try {
    base = signatureBase(covered.items, covered.raw, {
      method: input.method,
      url: input.url,
      headers: Object.fromEntries(headers),
    });
  } catch (e) {
    return fail('malformed', (e as Error).message, keyId);
  }
  if (signature.length !== 64 || !verify(null, Buffer.from(base, 'utf8'), key, signature))
    return fail('bad_signature', 'the signature does not verify', keyId);

  // Only after the signature holds: is the body the one whose digest was signed?
  const digest = headers.get('content-digest');
  if (covered.items.includes('content-digest')) {
    try {
      if (!digest || !checkContentDigest(digest, input.body))
        return fail('bad_digest', 'Content-Digest does not match the body', keyId);
    } catch {
      return fail('bad_digest', 'Content-Digest is malformed', keyId);
    }
  }
  return { ok: true, label, keyId, created, components: covered.items };
}
