import { writeAudit } from '@madoguchi/audit';
import { AppError, fieldError } from '@madoguchi/errors';
import { publicKeyFromB64 } from '@madoguchi/exchange';
import { setAgencyCredential } from '../data/credentials.ts';
import type { HubContext } from './context.ts';

export interface Enrollment {
  publicKey: string;
  endpointUrl: string | null;
}

/** Registers (or replaces) an agency's key and endpoint; the key cache reloads after the commit. */
export async function enrollAgency(
  ctx: HubContext,
  code: string,
  e: Enrollment,
  requestId: string,
): Promise<void> {
  try {
    publicKeyFromB64(e.publicKey);
  } catch {
    throw new AppError('request.invalid', {
      fields: [
        fieldError('/publicKey', 'public_key', {
          ja: 'Ed25519 公開鍵（32バイト）の base64 ではありません。',
          en: 'Not the base64 of a 32-byte Ed25519 public key.',
        }),
      ],
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const found = await setAgencyCredential(trx, code, Buffer.from(e.publicKey, 'base64'), e.endpointUrl);
    if (!found) throw new AppError('resource.not_found', { details: { agency: code } });
    await writeAudit(trx, {
      type: 'agency.enrolled',
      actor: 'system:hub-admin',
      purpose: '情報提供ネットワークシステムへの接続登録',
      requestId,
      subject: `agency:${code}`,
      outcome: 'success',
      detail: { endpoint: e.endpointUrl !== null },
    });
  });
  ctx.registry.refresh();
}
