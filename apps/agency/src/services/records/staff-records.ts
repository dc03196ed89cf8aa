import { randomUUID } from 'node:crypto';
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError, fieldError } from '@madoguchi/errors';
import type { InfoField, InfoRecord } from '@madoguchi/exchange';
import { findTenant, knowsPerson } from '../../data/exchange.ts';
import { insertRecord, listRecords, updateRecord } from '../../data/info-records.ts';
import type { AgencyDB } from '../../data/schema.ts';
import { isInfoType } from './info-types.ts';

export interface RecordInput {
  infoType: string;
  title: string;
  asOf: string;
  fields: InfoField[];
}

export interface StaffRecord extends InfoRecord {
  updatedAt: string;
  updatedBy: string;
}

const readPurpose = '情報提供用個人情報の確認 (staff reading what the agency holds for exchange)';
const writePurpose = '情報提供用個人情報の登録・更新 (staff recording information for exchange)';
const subjectOf = (code: string, fugo: string) => `fugo:${code}:${fugo}`;

function toStaffRecord(r: {
  id: string;
  info_type: string;
  title: string;
  as_of: string;
  fields: unknown;
  updated_at: Date;
  updated_by: string;
}): StaffRecord {
  return {
    id: r.id,
    infoType: r.info_type,
    title: r.title,
    asOf: r.as_of,
    fields: r.fields as InfoField[],
    updatedAt: new Date(r.updated_at).toISOString(),
    updatedBy: r.updated_by,
  };
}

/** What the schema cannot say: the type is in the catalogue, the date is a real one, keys are unique. */
export function checkRecordInput(input: RecordInput): void {
  const problems = [];
  if (!isInfoType(input.infoType))
    problems.push(
      fieldError('/body/infoType', 'enum', {
        ja: '情報の種類が正しくありません。',
        en: 'Unknown information type.',
      }),
    );
  const d = new Date(`${input.asOf}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== input.asOf)
    problems.push(
      fieldError('/body/asOf', 'date', { ja: '正しい日付を入力してください。', en: 'Enter a real date.' }),
    );
  const keys = new Set<string>();
  input.fields.forEach((field, i) => {
    if (keys.has(field.key))
      problems.push(
        fieldError(`/body/fields/${i}/key`, 'unique', {
          ja: '項目キーが重複しています。',
          en: 'Field keys must be unique.',
        }),
      );
    keys.add(field.key);
  });
  if (problems.length > 0) throw new AppError('info.invalid', { fields: problems });
}

/** The tenant and the person must exist here; both misses answer 404 like any record one may not see. */
async function requirePerson(db: Kysely<AgencyDB>, code: string, fugo: string) {
  const tenant = await findTenant(db, code);
  if (!tenant) throw new AppError('resource.not_found');
  return (await knowsPerson(db, tenant, fugo)) ? tenant : undefined;
}

export async function listRecordsForStaff(
  db: Kysely<AgencyDB>,
  staffId: string,
  requestId: string,
  code: string,
  fugo: string,
): Promise<StaffRecord[]> {
  const rows = await db.transaction().execute(async (trx) => {
    const tenant = await requirePerson(trx, code, fugo);
    const found = tenant ? await listRecords(trx, code, fugo) : undefined;
    await writeAudit(trx, {
      type: 'info.read',
      actor: `staff:${staffId}`,
      purpose: readPurpose,
      requestId,
      subject: subjectOf(code, fugo),
      outcome: found ? 'success' : 'failure',
      detail: { agency: code, records: found?.length ?? 0 },
    });
    return found;
  });
  if (!rows) throw new AppError('fugo.unknown');
  return rows.map(toStaffRecord);
}

export async function createRecordForStaff(
  db: Kysely<AgencyDB>,
  staffId: string,
  requestId: string,
  code: string,
  input: RecordInput & { fugo: string },
): Promise<StaffRecord> {
  checkRecordInput(input);
  const row = await db.transaction().execute(async (trx) => {
    if (!(await requirePerson(trx, code, input.fugo))) return undefined;
    const inserted = await insertRecord(trx, {
      ...input,
      id: randomUUID(),
      agencyCode: code,
      updatedBy: `staff:${staffId}`,
    });
    await writeAudit(trx, {
      type: 'info.recorded',
      actor: `staff:${staffId}`,
      purpose: writePurpose,
      requestId,
      subject: subjectOf(code, input.fugo),
      outcome: 'success',
      detail: { agency: code, recordId: inserted.id, infoType: input.infoType, change: 'created' },
    });
    return inserted;
  });
  if (!row) throw new AppError('fugo.unknown');
  return toStaffRecord(row);
}

export async function updateRecordForStaff(
  db: Kysely<AgencyDB>,
  staffId: string,
  requestId: string,
  code: string,
  id: string,
  input: RecordInput,
): Promise<StaffRecord> {
  checkRecordInput(input);
  const row = await db.transaction().execute(async (trx) => {
    const updated = await updateRecord(trx, code, id, { ...input, updatedBy: `staff:${staffId}` });
    if (updated)
      await writeAudit(trx, {
        type: 'info.recorded',
        actor: `staff:${staffId}`,
        purpose: writePurpose,
        requestId,
        subject: subjectOf(code, updated.fugo),
        outcome: 'success',
        detail: { agency: code, recordId: id, infoType: input.infoType, change: 'updated' },
      });
    return updated;
  });
  if (!row) throw new AppError('resource.not_found');
  return toStaffRecord(row);
}
