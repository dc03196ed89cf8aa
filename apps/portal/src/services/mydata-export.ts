import type { InfoField } from '@madoguchi/exchange';
import type { MyData } from './mydata.ts';
import { type MyDataFilters, shownRecords } from './mydata-view.ts';

type Lang = 'ja' | 'en';

export const CSV_COLUMNS = ['agency', 'category', 'title', 'as_of', 'key', 'label', 'value'] as const;

/**
 * A spreadsheet must not run what an agency's data says: a cell that starts like a formula
 * (= + - @, or a tab/CR that some programs strip first) gets a leading apostrophe (OWASP CSV
 * injection). Real numbers are left alone — a number is never a formula.
 */
export function neutralizeFormula(cell: string, isNumber = false): string {
  return !isNumber && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling the quotes inside. */
export function csvField(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

function valueText(v: InfoField['value']): string {
  return v === null ? '' : String(v);
}

/** UTF-8 with a BOM so Excel opens Japanese text correctly; CRLF line ends as RFC 4180 says. */
export function myDataCsv(data: MyData, filters: MyDataFilters, lang: Lang): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of shownRecords(data, filters, lang))
    for (const f of r.fields) {
      const cells: [string, boolean][] = [
        [r.agencyName, false],
        [r.categoryName, false],
        [r.title, false],
        [r.asOf, false],
        [f.key, false],
        [f.label, false],
        [valueText(f.value), typeof f.value === 'number' && Number.isFinite(f.value)],
      ];
      lines.push(cells.map(([c, n]) => csvField(neutralizeFormula(c, n))).join(','));
    }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export interface MyDataJson {
  format: 'madoguchi-mydata/v1';
  fetchedAt: string;
  agencies: { code: string; name: string; status: string; infoTypes: string[] }[];
  records: {
    agency: string;
    agencyName: string;
    infoType: string;
    category: string;
    id: string;
    title: string;
    asOf: string;
    fields: InfoField[];
  }[];
}

export function myDataJson(data: MyData, filters: MyDataFilters, lang: Lang): MyDataJson {
  return {
    format: 'madoguchi-mydata/v1',
    fetchedAt: data.fetchedAt.toISOString(),
    agencies: data.providers
      .filter((p) => !filters.agency || p.code === filters.agency)
      .map((p) => ({ code: p.code, name: p.name, status: p.status, infoTypes: p.infoTypes })),
    records: shownRecords(data, filters, lang).map((r) => ({
      agency: r.agency,
      agencyName: r.agencyName,
      infoType: r.infoType,
      category: r.categoryName,
      id: r.id,
      title: r.title,
      asOf: r.asOf,
      fields: r.fields,
    })),
  };
}
