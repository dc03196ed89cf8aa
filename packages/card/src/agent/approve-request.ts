import { X509Certificate } from 'node:crypto';
import { cardInfo, signLogin } from '../card-operations.ts';
import { signDocument } from '../sign-document.ts';
import type { AgentRequest } from './request-store.ts';

/** Uses the card for one approved request; PIN errors (typed AppErrors) propagate to the page. */
export async function approveRequest(
  request: AgentRequest,
  cardPath: string,
  pin: string,
): Promise<{ certificate: string; signature: string }> {
  if (request.kind === 'login') return signLogin(cardPath, pin, request.site, request.challenge);
  const cms = await signDocument(cardPath, pin, { contentDigest: Buffer.from(request.documentHash, 'hex') });
  const { certificates } = await cardInfo(cardPath);
  return {
    certificate: Buffer.from(new X509Certificate(certificates.sign).raw).toString('base64'),
    signature: cms.toString('base64'),
  };
}
