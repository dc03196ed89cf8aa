import type { InfoRecord } from '@madoguchi/exchange';
import { agencyName, infoTypeName } from '../pages/exchange-names.ts';
import type { MyData, ProviderStatus } from './mydata.ts';

type Lang = 'ja' | 'en';

export interface MyDataFilters {
  q?: string;
  category?: string;
  agency?: string;
}

export interface ShownRecord extends InfoRecord {
  agency: string;
  agencyName: string;
  categoryName: string;
}

export interface CategoryView {
  code: string;
  name: string;
  /** Every provider the hub permitted for this category, with its status for it. */
  agencies: { code: string; name: string; status: ProviderStatus; count: number }[];
  records: ShownRecord[];
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

function matches(r: ShownRecord, q: string): boolean {
  if (q === '') return true;
  const hay = [
    r.title,
    r.categoryName,
    r.agencyName,
    ...r.fields.flatMap((f) => [f.label, String(f.value ?? '')]),
  ];
  return hay.some((h) => fold(h).includes(q));
}

/** Every record with the names people read, filtered by category, agency and free text. */
export function shownRecords(data: MyData, filters: MyDataFilters, lang: Lang): ShownRecord[] {
  const q = fold(filters.q?.trim() ?? '');
  return data.providers
    .filter((p) => !filters.agency || p.code === filters.agency)
    .flatMap((p) =>
      p.records.map((r) => ({
        ...r,
        agency: p.code,
        agencyName: lang === 'ja' ? p.name : agencyName(p.code, lang),
        categoryName: infoTypeName(r.infoType, lang),
      })),
    )
    .filter((r) => !filters.category || r.infoType === filters.category)
    .filter((r) => matches(r, q));
}

/** The page's grouping: one section per information type, in the order of the catalogue. */
export function categoryViews(data: MyData, filters: MyDataFilters, lang: Lang): CategoryView[] {
  const records = shownRecords(data, filters, lang);
  const codes = [...new Set(data.providers.flatMap((p) => p.infoTypes))]
    .filter((c) => !filters.category || c === filters.category)
    .sort();
  return codes
    .map((code) => {
      const inCategory = records.filter((r) => r.infoType === code);
      const agencies = data.providers
        .filter((p) => p.infoTypes.includes(code) && (!filters.agency || p.code === filters.agency))
        .map((p) => {
          const count = p.records.filter((r) => r.infoType === code).length;
          const status: ProviderStatus =
            p.status === 'unavailable' ? 'unavailable' : count > 0 ? 'ok' : 'none';
          return { code: p.code, name: lang === 'ja' ? p.name : agencyName(p.code, lang), status, count };
        });
      return { code, name: infoTypeName(code, lang), agencies, records: inCategory };
    })
    .filter((c) => c.agencies.length > 0 && (c.records.length > 0 || !filters.q?.trim()));
}
