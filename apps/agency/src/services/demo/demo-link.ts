/**
 * Development only: links the demo residents into the exchange network and fills the intermediate
 * servers with consistent demo records (docs/exchange.md, `npm start`):
 *   a. every resident without a link code is registered by their municipality (POST /api/fugo/register);
 *   b. for each household not yet linked, 日本年金機構 and 協会けんぽ register their copies of the adults
 *      (POST /api/fugo/register-copies with My Number, birth date and kana: the demo stands in for people
 *      who gave those agencies their number; nothing of it is stored under a national tenant);
 *   c. the household's records are generated at every agency, from one household model.
 * Idempotent: linked residents are remembered (demo_link) and records have stable ids, so running it
 * again does nothing; a resident added later (a demo card holder's family) is linked by running it again,
 * and their household's 住民票 and 児童手当 are updated with them.
 */
import { writeAudit } from '@madoguchi/audit';
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { signedFetch } from '@madoguchi/exchange';
import { demoMunicipalities } from '@madoguchi/reference';
import type { AgencyConfig } from '../../config.ts';
import {
  householdMembers,
  householdsToLink,
  insertCopies,
  markLinked,
  residentsWithoutFugo,
  setResidentFugos,
} from '../../data/demo-link.ts';
import { upsertRecords } from '../../data/info-records.ts';
import type { AgencyDB } from '../../data/schema.ts';
import type { ExchangeKeys } from '../exchange/keys.ts';
import { type DemoMember, householdModel } from './demo-model.ts';
import { type GeneratedRecord, municipalRecords } from './municipal-records.ts';
import { copyHolders, nationalRecords } from './national-records.ts';

const HUB_BATCH = 1000;
const HOUSEHOLD_CHUNK = 300;
const purpose = 'デモデータの情報連携準備 (development demo data for the exchange network)';

export interface DemoLinkResult {
  registered: number;
  copies: number;
  copiesRefused: number;
  households: number;
  records: number;
}

interface Ctx {
  db: Kysely<AgencyDB>;
  config: AgencyConfig;
  keys: ExchangeKeys;
  actor: string;
  requestId: string;
}

/** The demo municipalities are the ones enrolled on the network in development. */
const demoMunicipalCodes = demoMunicipalities;

function hubCall<T>(ctx: Ctx, agency: string, path: string, body: unknown): Promise<T> {
  return signedFetch<T>({
    baseUrl: ctx.config.hubUrl,
    path,
    body,
    agency,
    key: ctx.keys.agencyKey(agency).privateKey,
    timeoutMs: 60_000,
  });
}

/** Step a: one municipality's unregistered residents, 1000 at a time. */
async function registerResidents(ctx: Ctx, code: string): Promise<number> {
  let registered = 0;
  for (;;) {
    const batch = await residentsWithoutFugo(ctx.db, code, HUB_BATCH);
    if (batch.length === 0) return registered;
    const answer = await hubCall<{ items: { ref: string; fugo: string }[] }>(
      ctx,
      code,
      '/api/fugo/register',
      {
        items: batch.map((r) => ({ myNumber: r.my_number, ref: r.id })),
      },
    );
    await ctx.db.transaction().execute(async (trx) => {
      const n = await setResidentFugos(
        trx,
        answer.items.map((i) => ({ id: i.ref, fugo: i.fugo })),
      );
      registered += n;
      await writeAudit(trx, {
        type: 'fugo.registered',
        actor: ctx.actor,
        purpose,
        requestId: ctx.requestId,
        outcome: 'success',
        detail: { municipality: code, residents: n },
      });
    });
    if (answer.items.length < batch.length) throw new AppError('upstream.unavailable');
  }
}

type Member = Awaited<ReturnType<typeof householdMembers>>[number];

const toDemoMember = (r: Member): DemoMember => ({
  id: r.id,
  municipalityCode: r.municipality_code,
  householdId: r.household_id,
  fugo: r.fugo as string,
  familyName: r.family_name,
  givenName: r.given_name,
  familyKana: r.family_kana,
  givenKana: r.given_kana,
  birthDate: r.birth_date,
  sex: Number(r.sex),
  address: r.address,
  relationship: r.relationship,
});

/** Step b for one national agency: its copies of these residents; refused items are skipped. */
async function registerCopies(ctx: Ctx, agency: 'jps' | 'kyokai-kenpo', people: readonly Member[]) {
  const fugos = new Map<string, string>();
  let refused = 0;
  for (let i = 0; i < people.length; i += HUB_BATCH) {
    const items = people.slice(i, i + HUB_BATCH).map((r) => ({
      ref: r.id,
      myNumber: r.my_number,
      birthDate: r.birth_date,
      kanaName: `${r.family_kana} ${r.given_kana}`.trim(),
    }));
    try {
      const answer = await hubCall<{ items: { ref: string; fugo?: string }[] }>(
        ctx,
        agency,
        '/api/fugo/register-copies',
        { items },
      );
      for (const item of answer.items) {
        if (item.fugo) fugos.set(item.ref, item.fugo);
        else refused++;
      }
    } catch (err) {
      // A single-item call answers an item's refusal as the HTTP error itself (docs/exchange.md).
      if (items.length === 1 && err instanceof AppError && err.status < 500) refused++;
      else throw err;
    }
  }
  return { fugos, refused };
}

/** Steps b and c for a chunk of households, the database part in one transaction. */
async function linkHouseholds(ctx: Ctx, householdIds: readonly string[], result: DemoLinkResult) {
  const rows = await householdMembers(ctx.db, householdIds);
  const byHousehold = Map.groupBy(rows, (r) => r.household_id);
  const records: GeneratedRecord[] = [];
  const newcomers = rows.filter((r) => r.linked_at === null);
  const holders = new Map<'jps' | 'kyokai-kenpo', Member[]>([
    ['jps', []],
    ['kyokai-kenpo', []],
  ]);
  const models = [...byHousehold.values()].map((members) => householdModel(members.map(toDemoMember)));
  const newIds = new Set(newcomers.map((r) => r.id));
  const rowOf = new Map(rows.map((r) => [r.id, r]));
  let noKana = 0;
  for (const h of models)
    for (const p of h.members) {
      if (!newIds.has(p.member.id)) continue;
      // A resident created without a kana name cannot pass the hub's linkage check; skip, do not fail.
      const holds = copyHolders(p);
      if (holds.length > 0 && `${p.member.familyKana}${p.member.givenKana}`.trim() === '') noKana++;
      else for (const agency of holds) holders.get(agency)?.push(rowOf.get(p.member.id) as Member);
    }
  result.copiesRefused += noKana;
  const copies = {
    jps: await registerCopies(ctx, 'jps', holders.get('jps') ?? []),
    'kyokai-kenpo': await registerCopies(ctx, 'kyokai-kenpo', holders.get('kyokai-kenpo') ?? []),
  };
  for (const h of models) {
    records.push(...municipalRecords(h));
    for (const p of h.members) {
      const jps = copies.jps.fugos.get(p.member.id);
      const kyokai = copies['kyokai-kenpo'].fugos.get(p.member.id);
      records.push(
        ...nationalRecords(p, h, { ...(jps ? { jps } : {}), ...(kyokai ? { 'kyokai-kenpo': kyokai } : {}) }),
      );
    }
  }
  await ctx.db.transaction().execute(async (trx) => {
    for (const agency of ['jps', 'kyokai-kenpo'] as const) {
      const n = await insertCopies(trx, agency, [...copies[agency].fugos.values()]);
      result.copies += n;
      result.copiesRefused += copies[agency].refused;
      if (n > 0 || copies[agency].refused > 0)
        await writeAudit(trx, {
          type: 'fugo.copy_registered',
          actor: ctx.actor,
          purpose,
          requestId: ctx.requestId,
          outcome: 'success',
          detail: { agency, copies: n, refused: copies[agency].refused },
        });
    }
    const written = await upsertRecords(trx, records, ctx.actor);
    result.records += written;
    await markLinked(
      trx,
      newcomers.map((r) => r.id),
    );
    await writeAudit(trx, {
      type: 'info.recorded',
      actor: ctx.actor,
      purpose,
      requestId: ctx.requestId,
      outcome: 'success',
      detail: { households: householdIds.length, records: written },
    });
  });
  result.households += householdIds.length;
}

export async function linkDemoData(ctx: Ctx): Promise<DemoLinkResult> {
  if (ctx.config.mode === 'production') throw new AppError('route.not_found');
  const result: DemoLinkResult = { registered: 0, copies: 0, copiesRefused: 0, households: 0, records: 0 };
  for (const code of demoMunicipalCodes) result.registered += await registerResidents(ctx, code);
  for (;;) {
    const households = await householdsToLink(ctx.db, demoMunicipalCodes, HOUSEHOLD_CHUNK);
    if (households.length === 0) return result;
    await linkHouseholds(ctx, households, result);
  }
}
