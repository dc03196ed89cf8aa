/**
 * Re-checks stored files against the references in a signed application. The signature only covers
 * the hashes; this is the step that ties the bytes a reviewer opens to what the resident signed, so
 * it runs on every read from storage, not just at submission.
 */
import type { AttachmentRef } from './canonical-application.ts';
import { sha256Hex } from './canonical-application.ts';

export interface StoredAttachment {
  name: string;
  bytes: Uint8Array;
}

export type AttachmentProblem =
  | { name: string; problem: 'missing' }
  | { name: string; problem: 'unexpected' }
  | { name: string; problem: 'size_mismatch'; expected: number; actual: number }
  | { name: string; problem: 'hash_mismatch'; expected: string; actual: string };

export type AttachmentVerification = { ok: true } | { ok: false; problems: AttachmentProblem[] };

export function verifyStoredAttachments(
  refs: readonly AttachmentRef[],
  stored: readonly StoredAttachment[],
): AttachmentVerification {
  const problems: AttachmentProblem[] = [];
  const byName = new Map<string, StoredAttachment>();
  for (const file of stored) {
    // A second file under a signed name is as suspicious as an unsigned one.
    if (byName.has(file.name)) problems.push({ name: file.name, problem: 'unexpected' });
    else byName.set(file.name, file);
  }
  for (const ref of refs) {
    const file = byName.get(ref.name);
    byName.delete(ref.name);
    if (file === undefined) {
      problems.push({ name: ref.name, problem: 'missing' });
      continue;
    }
    if (file.bytes.byteLength !== ref.size) {
      problems.push({
        name: ref.name,
        problem: 'size_mismatch',
        expected: ref.size,
        actual: file.bytes.byteLength,
      });
      continue;
    }
    const actual = sha256Hex(file.bytes);
    if (actual !== ref.sha256.toLowerCase()) {
      problems.push({ name: ref.name, problem: 'hash_mismatch', expected: ref.sha256, actual });
    }
  }
  for (const name of byName.keys()) problems.push({ name, problem: 'unexpected' });
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
