import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

/** One PIN-protected secret: AES-256-GCM under scrypt(PIN, salt). All fields base64. */
export interface SealedBlob {
  kdf: 'scrypt';
  n: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

// N=2^15, r=8 needs 128·N·r = 32 MiB; node's default maxmem is exactly 32 MiB, which scrypt exceeds
// by its small bookkeeping, so allow twice that.
const params = { n: 2 ** 15, r: 8, p: 1 } as const;
const maxmem = 64 * 1024 * 1024;

function deriveKey(pin: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFKC'), salt, 32, { N: n, r, p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function seal(plaintext: Buffer, pin: string): Promise<SealedBlob> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(pin, salt, params.n, params.r, params.p);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    kdf: 'scrypt',
    ...params,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** The plaintext, or undefined when the PIN is wrong (the GCM tag does not verify). */
export async function open(blob: SealedBlob, pin: string): Promise<Buffer | undefined> {
  // Parameters come from the file: bound them so a crafted file cannot make us allocate gigabytes.
  if (blob.kdf !== 'scrypt' || blob.n > 2 ** 16 || blob.r > 16 || blob.p > 4)
    throw new Error('card file: unsupported key derivation parameters');
  const key = await deriveKey(pin, Buffer.from(blob.salt, 'base64'), blob.n, blob.r, blob.p);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(blob.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(blob.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(blob.data, 'base64')), decipher.final()]);
  } catch {
    return undefined;
  }
}
