/** RFC 9530 `Content-Digest`: we send `sha-256`; we accept `sha-256` and `sha-512`. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { parseByteSequence, serializeBytes, splitDictionary } from './structured-fields.ts';

const ALGORITHMS: Record<string, string> = { 'sha-256': 'sha256', 'sha-512': 'sha512' };

export function contentDigest(
  body: string | Uint8Array,
  algorithm: 'sha-256' | 'sha-512' = 'sha-256',
): string {
  const hash = createHash(ALGORITHMS[algorithm] as string)
    .update(body)
    .digest();
  return `${algorithm}=${serializeBytes(hash)}`;
}

/**
 * True when every supported digest in the field matches the body and at least one supported digest is
 * present. Unsupported algorithms are ignored (RFC 9530 §2); a malformed field throws TypeError.
 */
export function checkContentDigest(field: string, body: string | Uint8Array): boolean {
  let matched = 0;
  for (const [alg, raw] of splitDictionary(field)) {
    const nodeAlg = ALGORITHMS[alg];
    if (!nodeAlg) continue;
    const expected = parseByteSequence(raw);
    const actual = createHash(nodeAlg).update(body).digest();
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return false;
    matched++;
  }
  return matched > 0;
}
