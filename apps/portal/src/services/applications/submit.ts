/**
 * Submitting a signed application (電子申請): the card signed the SHA-256 of the canonical
 * application built from the draft; here the portal rebuilds that document from what is stored,
 * has jpki verify the signature over those exact bytes, checks the signer is the applicant, and in
 * one transaction turns the draft into an application with a 受付番号.
 */
import { writeAudit } from '@madoguchi/audit';
import type { HubReach, ServiceDefinition } from '@madoguchi/catalogue';
import type { Kysely } from '@madoguchi/db';
import { receiptNumberFromSequence } from '@madoguchi/e-application';
import { AppError } from '@madoguchi/errors';
import { type DraftKey, type DraftRow, findDraft, listAttachments } from '../../data/application-drafts.ts';
import {
  findApplicationById,
  insertApplication,
  moveDraftToApplication,
  nextReceiptSerial,
  type SignerFacts,
} from '../../data/applications.ts';
import type { PortalDB } from '../../data/schema.ts';
import type { Actor } from './drafts.ts';
import { reviewModel } from './review.ts';

// jpki's signature verification service (POST /api/verify): CMS math against the content, chain and
// status at the signing time, issued by jpki; it answers with the signer's 基本4情報.
export interface VerifiedSignature {
  signedAt: Date;
  signer: SignerFacts;
}

export type SignatureVerifier = (input: { signature: Buffer; content: Buffer }) => Promise<VerifiedSignature>;

interface VerifyBody {
  signedAt?: unknown;
  certificate?: { serial?: unknown; statusAtSigning?: unknown };
  signer?: Record<string, unknown>;
  error?: { code?: unknown };
}

function refusal(code: unknown): AppError {
  if (code === 'certificate.revoked') return new AppError('application.certificate_revoked');
  return new AppError('application.signature_invalid', {
    details: { reason: typeof code === 'string' ? code : 'rejected' },
  });
}

function factsOf(body: VerifyBody): VerifiedSignature {
  const s = body.signer ?? {};
  const serial = body.certificate?.serial;
  const signedAt = typeof body.signedAt === 'string' ? new Date(body.signedAt) : new Date(Number.NaN);
  if (
    body.certificate?.statusAtSigning !== 'good' ||
    typeof serial !== 'string' ||
    Number.isNaN(signedAt.getTime()) ||
    typeof s.familyName !== 'string' ||
    typeof s.givenName !== 'string' ||
    typeof s.address !== 'string' ||
    typeof s.birthDate !== 'string' ||
    (s.sex !== 1 && s.sex !== 2 && s.sex !== 3)
  )
    throw new AppError('upstream.unavailable', { details: { reason: 'verify_response_invalid' } });
  return {
    signedAt,
    signer: {
      familyName: s.familyName,
      givenName: s.givenName,
      address: s.address,
      birthDate: s.birthDate,
      sex: s.sex,
      certificateSerial: serial,
    },
  };
}

/** 4xx from jpki is a refusal of this signature; anything else is jpki being unreachable (fail closed). */
export function createSignatureVerifier(o: {
  jpkiUrl: string;
  apiKey: string;
  timeoutMs?: number;
}): SignatureVerifier {
  return async ({ signature, content }) => {
    let res: Response;
    try {
      res = await fetch(`${o.jpkiUrl}/api/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${o.apiKey}` },
        body: JSON.stringify({
          signature: signature.toString('base64'),
          content: content.toString('base64'),
        }),
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
    } catch (cause) {
      throw new AppError('upstream.unavailable', { cause });
    }
    const body = (await res.json().catch(() => ({}))) as VerifyBody;
    if (res.ok) return factsOf(body);
    // jpki answers certificate problems with 401 too; an auth.* 401 (our key) or a 413 (our own content
    // too big) is not the person's fault and must not read as a refused signature.
    const code = body.error?.code;
    const aboutSignature = typeof code === 'string' && /^(certificate|signature)\./.test(code);
    if (aboutSignature || (res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 413))
      throw refusal(code);
    throw new AppError('upstream.unavailable', { details: { upstreamStatus: res.status } });
  };
}

export interface SubmitInput {
  key: DraftKey;
  definition: ServiceDefinition;
  reach: HubReach;
  submissionId: string;
  /** The hex SHA-256 the review page showed and the card signed. */
  documentHash: string;
  signature: Buffer;
}

export type SubmitOutcome = { applicationId: string; receiptNumber: string; replayed: boolean };

/** How far a signing time may precede the draft's last change (clock skew between agent and portal). */
const skewMs = 5 * 60_000;

const squash = (s: unknown) => (typeof s === 'string' ? s.normalize('NFKC').replace(/\s+/gu, '') : undefined);

/**
 * What binds the signature to the person: the jpki signer facts must name the applicant in the
 * form (氏名 and 生年月日, when the form has them). The canonical document also names the account's
 * pairwise subject, so the signature covers "this account applies"; jpki has no API that maps a
 * signing certificate to the portal subject, so that link is not checked here.
 */
export function signerMatchesApplicant(signer: SignerFacts, answers: Record<string, unknown>): boolean {
  const applicant = answers.applicant;
  if (typeof applicant !== 'object' || applicant === null) return true;
  const a = applicant as Record<string, unknown>;
  const pairs: [unknown, string][] = [
    [a.familyName, signer.familyName],
    [a.givenName, signer.givenName],
    [a.birthDate, signer.birthDate],
  ];
  return pairs.every(([given, known]) => given === undefined || squash(given) === squash(known));
}

/** A retry of a submit that already went through: the same receipt, or 404 when it is not theirs. */
async function replay(db: Kysely<PortalDB>, subject: string, id: string): Promise<SubmitOutcome | undefined> {
  const existing = await findApplicationById(db, id);
  if (!existing) return undefined;
  if (existing.subject !== subject) throw new AppError('resource.not_found');
  return { applicationId: existing.id, receiptNumber: existing.receiptNumber, replayed: true };
}

function rebuild(
  input: SubmitInput,
  draft: DraftRow,
  attachments: Awaited<ReturnType<typeof listAttachments>>,
) {
  const model = reviewModel(input.definition, input.key.subject, draft, attachments, input.reach);
  if (!model.ok || model.missing.length > 0 || model.canonical.sha256 !== input.documentHash.toLowerCase())
    throw new AppError('application.draft_changed');
  return model;
}

export async function submitApplication(
  db: Kysely<PortalDB>,
  verify: SignatureVerifier,
  actor: Actor,
  input: SubmitInput,
): Promise<SubmitOutcome> {
  const done = await replay(db, input.key.subject, input.submissionId);
  if (done) return done;
  const draft = await findDraft(db, input.key);
  // Someone else's submission id is never under this person's key: not found, as for any other id.
  if (!draft || draft.submissionId !== input.submissionId.toLowerCase())
    throw new AppError('resource.not_found');
  const model = rebuild(input, draft, await listAttachments(db, draft.id));
  const verified = await verify({ signature: input.signature, content: Buffer.from(model.canonical.bytes) });
  // jpki checked the status at the signing time the signer claims; a time before the reviewed
  // document existed would be a backdated signature over a document that could not yet be seen.
  if (verified.signedAt.getTime() < draft.updatedAt.getTime() - skewMs)
    throw new AppError('application.signature_invalid', { details: { reason: 'signed_before_review' } });
  if (!signerMatchesApplicant(verified.signer, model.answers))
    throw new AppError('application.signer_mismatch');

  return db.transaction().execute(async (trx) => {
    // Lock the draft: a concurrent save or second submit waits, then sees a changed or missing draft.
    const locked = await trx
      .selectFrom('application_draft')
      .select(['id', 'updated_at'])
      .where('id', '=', draft.id)
      .forUpdate()
      .executeTakeFirst();
    if (!locked) {
      const raced = await replay(db, input.key.subject, input.submissionId);
      if (raced) return raced;
      throw new AppError('resource.not_found');
    }
    if (locked.updated_at.getTime() !== draft.updatedAt.getTime())
      throw new AppError('application.draft_changed');
    const submittedAt = new Date();
    const receiptNumber = receiptNumberFromSequence(submittedAt, await nextReceiptSerial(trx));
    const inserted = await insertApplication(trx, {
      id: input.submissionId.toLowerCase(),
      subject: input.key.subject,
      municipality: input.key.municipality,
      serviceId: input.key.serviceId,
      serviceTitle: input.definition.title,
      canonical: Buffer.from(model.canonical.bytes),
      sha256: Buffer.from(model.canonical.sha256, 'hex'),
      signature: input.signature,
      signer: verified.signer,
      signedAt: verified.signedAt,
      submittedAt,
      receiptNumber,
    });
    if (!inserted) throw new AppError('application.draft_changed');
    const files = await moveDraftToApplication(trx, draft.id, input.submissionId.toLowerCase());
    await writeAudit(trx, {
      type: 'application.submitted',
      actor: `resident:${actor.subject}`,
      purpose: '本人による電子申請 (own online application)',
      requestId: actor.requestId,
      subject: `application:${input.submissionId.toLowerCase()}`,
      outcome: 'success',
      detail: {
        service: `${input.key.municipality}/${input.key.serviceId}`,
        receiptNumber,
        certificateSerial: verified.signer.certificateSerial,
        attachments: files,
      },
    });
    return { applicationId: input.submissionId.toLowerCase(), receiptNumber, replayed: false };
  });
}
