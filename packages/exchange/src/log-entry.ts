/**
 * 情報提供等記録: one exchange-log entry per permit decision (granted or refused). The leaf of the Merkle
 * tree is the UTF-8 of the entry's canonical JSON (keys in the order below, no spaces), hashed with the
 * RFC 6962 leaf prefix 0x00, so anyone holding the entry text can recompute its leaf hash.
 */
import { hashLeaf } from '@madoguchi/merkle-log';

export type LogOutcome = 'permitted' | 'refused';

export interface LogEntry {
  v: 1;
  /** Entry id (uuid); equals the permit's jti for a permitted exchange. */
  id: string;
  /** ISO 8601 UTC with milliseconds: when the hub decided. */
  at: string;
  querier: string;
  provider: string;
  task: string;
  infoTypes: string[];
  /**
   * The person, as their link code at the portal (マイナポータル's 符号): the identifier under which the
   * person reads their own history, and meaningless to any other agency.
   */
  person: string;
  outcome: LogOutcome;
  /** Refusal reason code (e.g. "no_row", "expired"); null when permitted. */
  reason: string | null;
  /** SHA-256 (hex) of the law table the decision was made under. */
  tableVersion: string;
}

/** The canonical text: fixed key order, so two implementations produce the same bytes. */
export function canonicalEntry(e: LogEntry): string {
  return JSON.stringify({
    v: e.v,
    id: e.id,
    at: e.at,
    querier: e.querier,
    provider: e.provider,
    task: e.task,
    infoTypes: e.infoTypes,
    person: e.person,
    outcome: e.outcome,
    reason: e.reason,
    tableVersion: e.tableVersion,
  });
}

export function leafHashOfEntry(text: string): Buffer {
  return hashLeaf(Buffer.from(text, 'utf8'));
}

/** Parses entry text and insists it is canonical (so the leaf hash covers exactly what is shown). */
export function parseEntry(text: string): LogEntry {
  const e = JSON.parse(text) as LogEntry;
  if (typeof e !== 'object' || e === null || e.v !== 1 || canonicalEntry(e) !== text)
    throw new TypeError('exchange: log entry is not canonical');
  return e;
}
