/**
 * Staff publishing a municipality's services (issue 7): the definition is checked with the catalogue
 * kernel's publishing checks, stored with a new feed version, and audited in the same transaction.
 */
import { writeAudit } from '@madoguchi/audit';
import { checkDefinition } from '@madoguchi/catalogue';
import type { Kysely } from '@madoguchi/db';
import { AppError, type FieldError, fieldError } from '@madoguchi/errors';
import { lockCatalogue, upsertDefinition, withdrawDefinition } from '../../data/catalogue.ts';
import { findTenant } from '../../data/exchange.ts';
import type { AgencyDB } from '../../data/schema.ts';

type Db = Kysely<AgencyDB>;

export interface CatalogueChange {
  municipality: string;
  id: string;
  version: number;
  deleted: boolean;
}

export const publishPurpose = 'サービスカタログの公開 (publishing the services a municipality offers)';

/** Problems with a definition as field errors under `/body`, the request part they point into. */
function definitionProblems(code: string, id: string, body: unknown): FieldError[] {
  const fields = checkDefinition(body).map((i) =>
    fieldError(`/body${i.path}`, 'definition', {
      ja: `サービス定義の内容に誤りがあります（${i.message}）。`,
      en: `The service definition is invalid: ${i.message}.`,
    }),
  );
  if (fields.length > 0) return fields;
  // The shape is known to be right from here on.
  const def = body as { municipality: string; id: string };
  if (def.municipality !== code)
    fields.push(
      fieldError('/body/municipality', 'mismatch', {
        ja: 'URL の団体コードと定義の団体コードが一致しません。',
        en: 'The municipality in the definition differs from the one in the URL.',
      }),
    );
  if (def.id !== id)
    fields.push(
      fieldError('/body/id', 'mismatch', {
        ja: 'URL のサービスIDと定義のIDが一致しません。',
        en: 'The service id in the definition differs from the one in the URL.',
      }),
    );
  return fields;
}

async function requireTenant(db: Db, code: string): Promise<void> {
  if (!(await findTenant(db, code))) throw new AppError('resource.not_found');
}

export async function publishService(
  db: Db,
  staffId: string,
  requestId: string,
  code: string,
  id: string,
  body: unknown,
): Promise<CatalogueChange> {
  await requireTenant(db, code);
  const fields = definitionProblems(code, id, body);
  if (fields.length > 0) throw new AppError('validation.failed', { fields });
  return db.transaction().execute(async (trx) => {
    await lockCatalogue(trx);
    const version = await upsertDefinition(
      trx,
      { municipality: code, id, definition: body },
      `staff:${staffId}`,
    );
    await writeAudit(trx, {
      type: 'catalogue.published',
      actor: `staff:${staffId}`,
      onBehalfOf: `agency:${code}`,
      purpose: publishPurpose,
      requestId,
      subject: `service:${code}/${id}`,
      outcome: 'success',
      detail: { service: id, version },
    });
    return { municipality: code, id, version, deleted: false };
  });
}

/** Leaves a tombstone; 404 when the service is not published (never was, or already withdrawn). */
export async function withdrawService(
  db: Db,
  staffId: string,
  requestId: string,
  code: string,
  id: string,
): Promise<CatalogueChange> {
  return db.transaction().execute(async (trx) => {
    await lockCatalogue(trx);
    const version = await withdrawDefinition(trx, code, id, `staff:${staffId}`);
    if (version === undefined) throw new AppError('resource.not_found');
    await writeAudit(trx, {
      type: 'catalogue.withdrawn',
      actor: `staff:${staffId}`,
      onBehalfOf: `agency:${code}`,
      purpose: publishPurpose,
      requestId,
      subject: `service:${code}/${id}`,
      outcome: 'success',
      detail: { service: id, version },
    });
    return { municipality: code, id, version, deleted: true };
  });
}
