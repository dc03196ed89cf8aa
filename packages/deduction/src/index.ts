export {
  buildDeductionXml,
  type DeductionInput,
  type DonationInput,
  escapeXml,
  type LifeInsuranceInput,
} from './build-certificate.ts';
export { parsePemBundle } from './check-issuer-chain.ts';
export { createIssuerCa, issueCompanyCertificate, type KeyAndCertificate } from './issuer-pki.ts';
export {
  type DeductionKind,
  formOf,
  kindOfForm,
  type LifeInsuranceCategory,
  NS_GENERAL,
  NS_KYOTSU,
  TEG800,
  TEG822,
} from './layout.ts';
export { type IssuerKey, signDeductionXml } from './sign-certificate.ts';
export {
  type DeductionFailure,
  type DeductionFailureReason,
  type DeductionVerification,
  type VerifiedDeduction,
  type VerifyDeductionOptions,
  verifyDeduction,
} from './verify-certificate.ts';

import { buildDeductionXml, type DeductionInput } from './build-certificate.ts';
import { type IssuerKey, signDeductionXml } from './sign-certificate.ts';

/** Build and sign in one step (what an issuing company does). */
export function issueDeduction(input: DeductionInput, key: IssuerKey): string {
  return signDeductionXml(buildDeductionXml(input), key);
}
