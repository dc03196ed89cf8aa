/**
 * What the resident checks before signing: the validated answers, the documents as personalised by
 * those answers, and the canonical application document (packages/e-application) whose SHA-256 the
 * card will sign. The document is rebuilt from the stored draft each time, so the hash shown is
 * always that of what is stored.
 */
import {
  type FormIssue,
  type HubReach,
  type Personalised,
  personalise,
  type ServiceDefinition,
  validateForm,
} from '@madoguchi/catalogue';
import {
  type AttachmentRef,
  type CanonicalApplication,
  canonicalApplication,
  canonicalBytes,
  type JsonValue,
  sha256Hex,
} from '@madoguchi/e-application';
import type { AttachmentMeta, DraftRow } from '../../data/application-drafts.ts';
import { compactAnswers } from './form-values.ts';

/**
 * Definitions carry no version of their own; the hash of the form (schema and UI) names exactly the
 * form the resident filled in, and any republished change to it gives a new one.
 */
export function formVersionOf(def: ServiceDefinition): string {
  return `sha256:${sha256Hex(canonicalBytes(def.form as unknown as JsonValue))}`;
}

/** Documents for these form answers: `attach`, `via_hub` (情報連携により省略) or `not_needed`. */
export function documentsFor(def: ServiceDefinition, answers: Record<string, unknown>, reach: HubReach) {
  return personalise(def, { municipality: def.municipality, form: answers }, reach).documents;
}

/**
 * Unique names inside the signed document: the document id and the position of the file under it,
 * then the resident's file name (two photos may both be called image.jpg).
 */
export function attachmentRefs(
  documents: Personalised['documents'],
  attachments: AttachmentMeta[],
): AttachmentRef[] {
  const attach = new Set(documents.filter((d) => d.status === 'attach').map((d) => d.id));
  const seen = new Map<string, number>();
  const refs: AttachmentRef[] = [];
  for (const a of attachments) {
    if (!attach.has(a.documentId)) continue;
    const n = (seen.get(a.documentId) ?? 0) + 1;
    seen.set(a.documentId, n);
    refs.push({
      name: `${a.documentId}/${n}/${a.filename}`,
      mediaType: a.mediaType,
      size: a.size,
      sha256: a.sha256,
    });
  }
  return refs;
}

export type ReviewModel =
  | { ok: false; issues: FormIssue[] }
  | {
      ok: true;
      answers: Record<string, unknown>;
      documents: Personalised['documents'];
      /** Documents still to attach: needed, but no file yet. */
      missing: string[];
      canonical: CanonicalApplication;
    };

export function reviewModel(
  def: ServiceDefinition,
  subject: string,
  draft: DraftRow,
  attachments: AttachmentMeta[],
  reach: HubReach,
): ReviewModel {
  const result = validateForm(def, compactAnswers(def.form, draft.answers));
  if (!result.ok) return { ok: false, issues: result.issues };
  const documents = documentsFor(def, result.value, reach);
  const attached = new Set(attachments.map((a) => a.documentId));
  const canonical = canonicalApplication({
    serviceId: def.id,
    municipality: def.municipality,
    formVersion: formVersionOf(def),
    applicant: { subject },
    answers: result.value as { [field: string]: JsonValue },
    attachments: attachmentRefs(documents, attachments),
    submissionId: draft.submissionId,
    createdAt: draft.updatedAt,
  });
  return {
    ok: true,
    answers: result.value,
    documents,
    missing: documents.filter((d) => d.status === 'attach' && !attached.has(d.id)).map((d) => d.id),
    canonical,
  };
}
