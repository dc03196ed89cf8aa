/**
 * The package's one error type. Codes are a closed union so the hub can map each to an AppError code
 * and an HTTP status in one table; messages are for logs, not for users.
 */
export type MerkleLogErrorCode =
  | 'tree.bad_hash'
  | 'tree.bad_frontier'
  | 'tree.bad_range'
  | 'tree.too_large'
  | 'proof.invalid'
  | 'key.malformed'
  | 'key.hash_mismatch'
  | 'note.malformed'
  | 'note.unverified'
  | 'note.invalid_signature'
  | 'checkpoint.malformed'
  | 'checkpoint.origin_mismatch';

export class MerkleLogError extends Error {
  readonly code: MerkleLogErrorCode;

  constructor(code: MerkleLogErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = 'MerkleLogError';
    this.code = code;
  }
}
