/**
 * One million residents of one municipality, registered on the exchange network the way the
 * municipality's registration would leave them: at the agency a resident row with its link code, at
 * the hub the person (keyed by an HMAC, as the hub does) and the municipality's and the portal's link
 * codes, derived with the hub's own functions and secret. Written with unnest batches, not row by row.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { fugoOf, personKeyOf } from '../../apps/hub/src/services/link-codes.ts';
import { myNumberCheckDigit } from '../../packages/identifiers/src/index.ts';
import { say } from '../lib/harness.ts';

const batch = 20_000;

/** Valid, unique My Numbers above the demo seed's range (n ↦ n·48271 + c mod 10¹¹ is a bijection). */
function myNumberFor(n: number): string {
  const base = String((n * 48271 + 12_345_678_901) % 100_000_000_000).padStart(11, '0');
  return `${base}${myNumberCheckDigit(base)}`;
}

export interface Generated {
  persons: number;
  seconds: number;
}

export async function generatePersons(options: {
  agencyPool: pg.Pool;
  hubPool: pg.Pool;
  personSecret: string;
  municipality: string;
  count: number;
  offset: number;
}): Promise<Generated> {
  const { agencyPool, hubPool, personSecret, municipality, count, offset } = options;
  const t0 = performance.now();
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    const ids: string[] = [];
    const keys: Buffer[] = [];
    const numbers: string[] = [];
    const muniFugo: string[] = [];
    const portalFugo: string[] = [];
    const births: string[] = [];
    const households: string[] = [];
    for (let i = 0; i < n; i++) {
      const k = offset + start + i;
      const id = randomUUID();
      const myNumber = myNumberFor(k);
      ids.push(id);
      numbers.push(myNumber);
      keys.push(personKeyOf(personSecret, myNumber));
      muniFugo.push(fugoOf(personSecret, municipality, id));
      portalFugo.push(fugoOf(personSecret, 'portal', id));
      const h = createHmac('sha256', 'bench').update(String(k)).digest();
      births.push(
        `${1940 + ((h[0] as number) % 80)}-${String(1 + ((h[1] as number) % 12)).padStart(2, '0')}-${String(1 + ((h[2] as number) % 28)).padStart(2, '0')}`,
      );
      households.push(randomUUID());
    }
    await hubPool.query(
      `insert into person (id, person_key, registered_by) select id, k, $3 from unnest($1::uuid[], $2::bytea[]) as t(id, k)`,
      [ids, keys, municipality],
    );
    await hubPool.query(
      `insert into fugo (agency_code, person_id, fugo)
       select $3, id, f from unnest($1::uuid[], $2::text[]) as t(id, f)
       union all select 'portal', id, p from unnest($1::uuid[], $4::text[]) as u(id, p)`,
      [ids, muniFugo, municipality, portalFugo],
    );
    await agencyPool.query(
      `insert into resident (id, municipality_code, my_number, family_name, given_name, family_kana, given_kana,
         birth_date, sex, address, household_id, relationship, fugo)
       select gen_random_uuid(), $1, n, 'ベンチ', '太郎', 'ベンチ', 'タロウ', b::date, 1, '東京都千代田区永田町1丁目1番1号', h,
         'head', f
       from unnest($2::text[], $3::text[], $4::uuid[], $5::text[]) as t(n, b, h, f)`,
      [municipality, numbers, births, households, muniFugo],
    );
    if ((start / batch) % 10 === 0) say(`  generated ${start + n} / ${count} persons`);
  }
  return { persons: count, seconds: (performance.now() - t0) / 1000 };
}
