import { createPrivateKey } from 'node:crypto';
import { keyObjectSigner, signDetached } from '@madoguchi/pki';
import { readCardFile } from './card-file.ts';
import { unsealWithPin } from './card-operations.ts';

/** 署名用: a detached CMS SignedData (DER) over the content or its SHA-256, with the issuing CA included. */
export async function signDocument(
  path: string,
  pin: string,
  document: { content: Buffer } | { contentDigest: Buffer },
): Promise<Buffer> {
  const der = await unsealWithPin(path, 'sign', pin);
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  der.fill(0);
  const card = await readCardFile(path);
  return signDetached({
    ...document,
    certificatePem: card.certificates.sign,
    chainPems: [card.chain.signCaPem],
    signer: keyObjectSigner(key),
  });
}
