export {
  APPLICATION_DOCUMENT_TYPE,
  type ApplicationDocument,
  type ApplicationInput,
  type AttachmentRef,
  attachmentRef,
  type CanonicalApplication,
  canonicalApplication,
  parseCanonicalApplication,
  sha256Hex,
} from './canonical-application.ts';
export { EApplicationError, type EApplicationErrorCode } from './errors.ts';
export { canonicalBytes, canonicalize, type JsonValue } from './jcs.ts';
export {
  type PdfTrailer,
  PdfWriteError,
  pdfStream,
  pdfTextString,
  serializePdf,
  ucs2Hex,
} from './pdf-writer.ts';
export {
  dammCheckDigit,
  isValidDamm,
  type ParsedReceiptNumber,
  parseReceiptNumber,
  type ReceiptNumberParse,
  randomReceiptNumber,
  receiptNumberFromSequence,
} from './receipt-number.ts';
export { formatSeireki, formatWareki, type ReceiptPdfInput, renderReceiptPdf } from './receipt-pdf.ts';
export {
  type AttachmentScanner,
  compositeScanner,
  pdfActiveContentScanner,
  pdfNames,
  type ScanInput,
  type ScanVerdict,
} from './scan-hook.ts';
export {
  type AttachmentCheck,
  type AttachmentFailure,
  type AttachmentSpec,
  checkAttachment,
  type DetectedMediaType,
  type SniffResult,
  sniff,
} from './sniff.ts';
export {
  type AttachmentProblem,
  type AttachmentVerification,
  type StoredAttachment,
  verifyStoredAttachments,
} from './verify-attachments.ts';
