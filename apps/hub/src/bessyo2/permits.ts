import type { AgencyKindCode, InfoTypeCode } from './catalogue.ts';
import { type Bessyo2Row, type Bessyo2Table, keyOf } from './load-bessyo2.ts';

export interface PermitQuery {
  querierKind: AgencyKindCode;
  taskCode: string;
  providerKind: AgencyKindCode;
  infoType: InfoTypeCode;
  at: Date;
}

export type PermitRefusal = 'no_row' | 'not_yet_effective' | 'expired';

export type PermitDecision =
  | { ok: true; row: Bessyo2Row; tableVersion: string }
  | { ok: false; reason: 'no_row'; tableVersion: string }
  /** `row` is the earliest version still to come. */
  | { ok: false; reason: 'not_yet_effective'; row: Bessyo2Row; tableVersion: string }
  /** `row` is the latest version that has ended. */
  | { ok: false; reason: 'expired'; row: Bessyo2Row; tableVersion: string };

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The calendar day in Japan (UTC+9, no daylight saving) at an instant, as YYYY-MM-DD. */
export function jstDay(at: Date): string {
  const t = at.getTime();
  if (Number.isNaN(t)) throw new TypeError('permits: `at` is an invalid Date');
  return new Date(t + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Whether the table lets this querier, for this task, ask this provider for this information on the
 * day (JST) of `at`. Direction matters: the provider/querier pair is never swapped.
 */
export function permits(table: Bessyo2Table, q: PermitQuery): PermitDecision {
  const { tableVersion } = table;
  const versions = table.byKey.get(keyOf(q));
  if (versions === undefined || versions.length === 0) return { ok: false, reason: 'no_row', tableVersion };
  const day = jstDay(q.at);
  let ended: Bessyo2Row | undefined;
  let upcoming: Bessyo2Row | undefined;
  for (const r of versions) {
    if (day < r.effectiveFrom) {
      upcoming ??= r;
    } else if (r.effectiveTo !== null && day >= r.effectiveTo) {
      ended = r;
    } else {
      return { ok: true, row: r, tableVersion };
    }
  }
  // Between an ended version and a later one, the permission has lapsed: report the end, not the start.
  if (ended !== undefined) return { ok: false, reason: 'expired', row: ended, tableVersion };
  return { ok: false, reason: 'not_yet_effective', row: upcoming as Bessyo2Row, tableVersion };
}
