import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  type AgencyKindCode,
  INFO_TYPES,
  type InfoTypeCode,
  isAgencyKind,
  isInfoType,
  OPTIONAL_COLUMNS,
  REQUIRED_COLUMNS,
} from './catalogue.ts';

/** One permitted exchange, as of one version. Dates are JST calendar days; `effectiveTo` is exclusive. */
export interface Bessyo2Row {
  rowId: string;
  version: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  querierKind: AgencyKindCode;
  taskCode: string;
  taskName: string;
  providerKind: AgencyKindCode;
  infoType: InfoTypeCode;
  infoName: string;
  basis: string;
  /** 1-based line in the source file, for messages. */
  line: number;
}

export interface Bessyo2Table {
  rows: readonly Bessyo2Row[];
  /** Rows by (querier, task, provider, info), oldest version first. */
  byKey: ReadonlyMap<string, readonly Bessyo2Row[]>;
  /** Lowercase hex SHA-256 of the file's bytes: record it with every decision taken under the table. */
  tableVersion: string;
  source: string;
}

export type Bessyo2ProblemCode =
  | 'encoding'
  | 'missing_header'
  | 'missing_column'
  | 'unknown_column'
  | 'duplicate_column'
  | 'field_count'
  | 'empty_field'
  | 'bad_row_id'
  | 'bad_version'
  | 'bad_date'
  | 'bad_period'
  | 'unknown_kind'
  | 'bad_task_code'
  | 'task_name_mismatch'
  | 'unknown_info_type'
  | 'info_name_mismatch'
  | 'duplicate'
  | 'row_id_key_changed'
  | 'overlap'
  | 'empty_table';

export interface Bessyo2Problem {
  line: number;
  code: Bessyo2ProblemCode;
  message: string;
}

/** The file is unusable; `problems` lists every bad line, not just the first. */
export class Bessyo2Error extends Error {
  readonly problems: readonly Bessyo2Problem[];
  readonly source: string;
  constructor(source: string, problems: readonly Bessyo2Problem[]) {
    super(
      `${source}: ${problems.length} problem(s) in the law table\n${problems
        .map((p) => `  line ${p.line}: [${p.code}] ${p.message}`)
        .join('\n')}`,
    );
    this.name = 'Bessyo2Error';
    this.source = source;
    this.problems = problems;
  }
}

export const DEFAULT_BESSYO2_PATH = new URL('../../bessyo2/bessyo2.tsv', import.meta.url);

const ROW_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TASK_CODE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const VERSION = /^[1-9]\d{0,5}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function keyOf(r: Pick<Bessyo2Row, 'querierKind' | 'taskCode' | 'providerKind' | 'infoType'>): string {
  return `${r.querierKind}\t${r.taskCode}\t${r.providerKind}\t${r.infoType}`;
}

function isCalendarDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Reads and validates the table file (default: apps/hub/bessyo2/bessyo2.tsv). Throws Bessyo2Error. */
export function loadBessyo2(path: string | URL = DEFAULT_BESSYO2_PATH): Bessyo2Table {
  const source = typeof path === 'string' ? path : path.pathname;
  return parseBessyo2(readFileSync(path), source);
}

/** Parses table text or bytes; the digest is taken over the UTF-8 bytes exactly as given. */
export function parseBessyo2(input: string | Uint8Array, source = '<bessyo2>'): Bessyo2Table {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const tableVersion = createHash('sha256').update(bytes).digest('hex');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Bessyo2Error(source, [{ line: 1, code: 'encoding', message: 'the file is not valid UTF-8' }]);
  }
  const problems: Bessyo2Problem[] = [];
  const rows = parseLines(text, problems);
  if (problems.length === 0) checkAcrossRows(rows, problems);
  if (problems.length > 0)
    throw new Bessyo2Error(
      source,
      problems.sort((a, b) => a.line - b.line),
    );
  const byKey = new Map<string, Bessyo2Row[]>();
  for (const r of rows) {
    const list = byKey.get(keyOf(r)) ?? [];
    list.push(r);
    byKey.set(keyOf(r), list);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return { rows, byKey, tableVersion, source };
}

function parseLines(text: string, problems: Bessyo2Problem[]): Bessyo2Row[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  let header: Map<string, number> | null = null;
  let width = 0;
  const rows: Bessyo2Row[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = i + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const fields = raw.split('\t').map((f) => f.trim());
    if (header === null) {
      header = parseHeader(fields, line, problems);
      width = fields.length;
      if (header === null) return rows;
      continue;
    }
    if (fields.length !== width) {
      problems.push({
        line,
        code: 'field_count',
        message: `expected ${width} tab-separated fields, found ${fields.length}`,
      });
      continue;
    }
    const get = (c: (typeof REQUIRED_COLUMNS)[number]) => fields[header?.get(c) ?? -1] ?? '';
    const row = parseRow(get, line, problems);
    if (row !== null) rows.push(row);
  }
  if (header === null) problems.push({ line: 1, code: 'missing_header', message: 'no header line' });
  else if (rows.length === 0 && problems.length === 0)
    problems.push({ line: 1, code: 'empty_table', message: 'the table has no rows' });
  return rows;
}

function parseHeader(fields: string[], line: number, problems: Bessyo2Problem[]): Map<string, number> | null {
  const header = new Map<string, number>();
  const known = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);
  const before = problems.length;
  fields.forEach((f, i) => {
    if (header.has(f))
      problems.push({ line, code: 'duplicate_column', message: `column "${f}" appears twice` });
    else if (!known.has(f)) problems.push({ line, code: 'unknown_column', message: `unknown column "${f}"` });
    header.set(f, i);
  });
  for (const c of REQUIRED_COLUMNS) {
    if (!header.has(c)) problems.push({ line, code: 'missing_column', message: `missing column "${c}"` });
  }
  return problems.length === before ? header : null;
}

function parseRow(
  get: (c: (typeof REQUIRED_COLUMNS)[number]) => string,
  line: number,
  problems: Bessyo2Problem[],
): Bessyo2Row | null {
  const before = problems.length;
  const bad = (code: Bessyo2ProblemCode, message: string) => problems.push({ line, code, message });
  for (const c of REQUIRED_COLUMNS) {
    if (c !== 'effective_to' && get(c) === '') bad('empty_field', `${c} is empty`);
  }
  const rowId = get('row_id');
  if (rowId !== '' && (!ROW_ID.test(rowId) || rowId.length > 64))
    bad('bad_row_id', `row_id "${rowId}" must be lowercase letters, digits and single hyphens (at most 64)`);
  const version = get('version');
  if (version !== '' && !VERSION.test(version))
    bad('bad_version', `version "${version}" must be a positive integer`);
  const from = get('effective_from');
  const to = get('effective_to');
  if (from !== '' && !isCalendarDate(from))
    bad('bad_date', `effective_from "${from}" is not a YYYY-MM-DD date`);
  if (to !== '' && !isCalendarDate(to)) bad('bad_date', `effective_to "${to}" is not a YYYY-MM-DD date`);
  if (isCalendarDate(from) && isCalendarDate(to) && from >= to)
    bad('bad_period', `effective_from ${from} must be before effective_to ${to}`);
  const querier = get('querier_kind');
  const provider = get('provider_kind');
  for (const [col, v] of [
    ['querier_kind', querier],
    ['provider_kind', provider],
  ] as const) {
    if (v !== '' && !isAgencyKind(v)) bad('unknown_kind', `${col} "${v}" is not a known agency kind`);
  }
  const taskCode = get('task_code');
  if (taskCode !== '' && !TASK_CODE.test(taskCode))
    bad('bad_task_code', `task_code "${taskCode}" is malformed`);
  const infoType = get('info_type');
  const infoName = get('info_name');
  if (infoType !== '' && !isInfoType(infoType))
    bad('unknown_info_type', `info_type "${infoType}" is not known`);
  else if (isInfoType(infoType) && infoName !== '' && INFO_TYPES[infoType] !== infoName)
    bad(
      'info_name_mismatch',
      `info_name for ${infoType} must be "${INFO_TYPES[infoType]}", not "${infoName}"`,
    );
  if (problems.length > before || !isAgencyKind(querier) || !isAgencyKind(provider) || !isInfoType(infoType))
    return null;
  return {
    rowId,
    version: Number(version),
    effectiveFrom: from,
    effectiveTo: to === '' ? null : to,
    querierKind: querier,
    taskCode,
    taskName: get('task_name'),
    providerKind: provider,
    infoType,
    infoName,
    basis: get('basis'),
    line,
  };
}

/** Checks that need the whole file: duplicates, one key per row_id, one name per task, no overlaps. */
function checkAcrossRows(rows: readonly Bessyo2Row[], problems: Bessyo2Problem[]): void {
  const seenKeyVersion = new Map<string, Bessyo2Row>();
  const seenIdVersion = new Map<string, Bessyo2Row>();
  const keyOfId = new Map<string, Bessyo2Row>();
  const taskNames = new Map<string, Bessyo2Row>();
  const byKey = new Map<string, Bessyo2Row[]>();
  for (const r of rows) {
    const kv = `${keyOf(r)}\t${r.version}`;
    const prevKv = seenKeyVersion.get(kv);
    if (prevKv) {
      problems.push({
        line: r.line,
        code: 'duplicate',
        message: `same (querier, task, provider, info, version) as line ${prevKv.line}`,
      });
    } else seenKeyVersion.set(kv, r);
    const iv = `${r.rowId}\t${r.version}`;
    const prevIv = seenIdVersion.get(iv);
    if (prevIv && !prevKv) {
      problems.push({
        line: r.line,
        code: 'duplicate',
        message: `row ${r.rowId} version ${r.version} is also on line ${prevIv.line}`,
      });
    } else if (!prevIv) seenIdVersion.set(iv, r);
    const first = keyOfId.get(r.rowId);
    if (first && keyOf(first) !== keyOf(r)) {
      problems.push({
        line: r.line,
        code: 'row_id_key_changed',
        message: `row ${r.rowId} names a different (querier, task, provider, info) than on line ${first.line}; a new exchange needs a new row_id`,
      });
    } else if (!first) keyOfId.set(r.rowId, r);
    const named = taskNames.get(r.taskCode);
    if (named && named.taskName !== r.taskName) {
      problems.push({
        line: r.line,
        code: 'task_name_mismatch',
        message: `task ${r.taskCode} is named "${named.taskName}" on line ${named.line}`,
      });
    } else if (!named) taskNames.set(r.taskCode, r);
    const list = byKey.get(keyOf(r)) ?? [];
    list.push(r);
    byKey.set(keyOf(r), list);
  }
  for (const list of byKey.values()) checkNoOverlap(list, problems);
}

function checkNoOverlap(list: readonly Bessyo2Row[], problems: Bessyo2Problem[]): void {
  const sorted = [...list].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as Bessyo2Row;
    const cur = sorted[i] as Bessyo2Row;
    if (prev.version === cur.version) continue; // already reported as a duplicate
    if (prev.effectiveTo === null || prev.effectiveTo > cur.effectiveFrom) {
      problems.push({
        line: cur.line,
        code: 'overlap',
        message: `effective period overlaps version ${prev.version} on line ${prev.line}; a key may have one version in force per day`,
      });
    }
  }
}
