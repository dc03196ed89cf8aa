export { checkContentDigest, contentDigest } from './content-digest.ts';
export { type Ed25519Jwk, type Jwks, jwkThumbprint, keysFromJwks, publicJwk } from './jwks.ts';
export {
  DEFAULT_LABEL,
  type SignatureHeaders,
  type SignRequestInput,
  serializeSignatureParams,
  signRequest,
  WEBHOOK_COMPONENTS,
} from './sign.ts';
export { type HeaderSource, type MessageParts, normalizeHeaders, signatureBase } from './signature-base.ts';
export {
  type VerifiedSignature,
  type VerifyFailure,
  type VerifyFailureReason,
  type VerifyRequestInput,
  type VerifyResult,
  verifyRequest,
} from './verify.ts';
