/**
 * Sending notices end to end against a small real HTTP "hub" that verifies the agency's signature
 * (packages/exchange verifySignedRequest) and records what it receives: segment preview counts against
 * seeded demo residents, create → fan-out job → hub, a crash mid fan-out, the hub down, the age schedule.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { deriveKey, NonceCache, verifySignedRequest } from '@madoguchi/exchange';
import { type JobHandler, jobCounts, startWorker } from '@madoguchi/jobs';
import { demoMunicipalities } from '@madoguchi/reference';
import { createTestDatabase, forEachEngine, readJson, type TestDatabase } from '@madoguchi/testing';
import type pg from 'pg';
import { seedResidents } from '../../data/seed.ts';
import { exchangeKeys } from '../../services/exchange/keys.ts';
import { fanoutHandler, hubNotices } from '../../services/notices/fanout.ts';
import { jstDate } from '../../services/notices/send-notices.ts';
import {
  agencyStaffHeaders,
  agencyTestSecrets,
  type RunningAgency,
  startAgency,
} from '../../test-support/agency-fixture.ts';

const json = { ...agencyStaffHeaders, 'content-type': 'application/json' };
const code = demoMunicipalities[0];

interface HubCall {
  method: string;
  path: string;
  agency: string;
  body: { recipients?: string[]; title?: string };
}

/** A hub stand-in: checks signatures, records calls, reports `unknown` link codes, can be "down". */
async function startRecordingHub(unknown: Set<string>) {
  const calls: HubCall[] = [];
  const nonces = new NonceCache();
  const state = { down: false, rejected: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const check = verifySignedRequest({
        headers: req.headers,
        method: req.method ?? '',
        path: req.url ?? '',
        body: raw,
        keyOf: (a) => deriveKey(agencyTestSecrets.AGENCY_EXCHANGE_SECRET, `agency:${a}`).publicKey,
        nonces,
      });
      res.setHeader('content-type', 'application/json');
      if (!check.ok) {
        state.rejected++;
        res.writeHead(401).end(JSON.stringify({ error: { code: 'exchange.signature_invalid' } }));
        return;
      }
      if (state.down) {
        res.writeHead(503).end(JSON.stringify({ error: { code: 'service.unavailable' } }));
        return;
      }
      const body = JSON.parse(raw) as HubCall['body'];
      calls.push({ method: req.method ?? '', path: req.url ?? '', agency: check.agency, body });
      if (req.method === 'PUT') res.end(JSON.stringify({ id: 'ok' }));
      else {
        const rs = body.recipients ?? [];
        const u = rs.filter((f) => unknown.has(f));
        res.end(JSON.stringify({ delivered: rs.length - u.length, unknown: u }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { url, calls, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function ageMonths(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
}

forEachEngine(describe, (engine) => {
  let db: TestDatabase;
  let admin: pg.Pool;
  let agency: RunningAgency;
  let hub: Awaited<ReturnType<typeof startRecordingHub>>;
  const unknown = new Set<string>();
  const today = jstDate();

  const staff = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${agency.url}${path}`, {
      method,
      headers: body === undefined ? agencyStaffHeaders : json,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await readJson(res) };
  };
  /** Runs due jobs with the real handlers (optionally wrapped), small steps, no backoff wait. */
  const drain = async (wrap?: (h: JobHandler) => JobHandler, stepSize = 40) => {
    const fanout = fanoutHandler(hubNotices(agency.config, exchangeKeys(agency.config)), stepSize);
    const w = startWorker({
      db: agency.db,
      pool: agency.database.pool,
      schema: 'agency',
      handlers: { 'notice.fanout': wrap ? wrap(fanout) : fanout },
      backoffMs: () => 0,
      pollMs: 60_000,
      autoStart: false,
    });
    try {
      return await w.drain();
    } finally {
      await w.stop();
    }
  };
  const residents = async () =>
    (
      await admin.query(
        `select fugo, to_char(birth_date, 'YYYY-MM-DD') as birth, sex, household_id, relationship
         from agency.resident where municipality_code = $1 and fugo is not null order by fugo`,
        [code],
      )
    ).rows as { fugo: string; birth: string; sex: number; household_id: string; relationship: string }[];
  const notice = async (id: string) => (await staff('GET', `/api/staff/agencies/${code}/notices/${id}`)).body;

  before(async () => {
    db = await createTestDatabase(engine);
    admin = db.adminPool(2);
    hub = await startRecordingHub(unknown);
    agency = await startAgency(db, { HUB_URL: hub.url, AGENCY_JOB_WORKER: 'off' });
    await seedResidents(agency.db, 900, demoMunicipalities);
    await admin.query(`update agency.resident set fugo = 'F' || substr(md5(id::text), 1, 20)`);
    // A few 児童扶養手当 records in July, one in August.
    await admin.query(
      `insert into agency.info_record (id, agency_code, fugo, info_type, title, as_of, fields, updated_by)
       select gen_random_uuid(), municipality_code, fugo, 'jidou-fuyou-teate', '児童扶養手当',
              case when n % 4 = 0 then date '2026-08-10' else date '2026-07-10' end, '[]', 'test'
       from (select *, row_number() over (order by fugo) as n from agency.resident
             where municipality_code = $1 and relationship = 'head') h where n <= 12`,
      [code],
    );
  });
  after(async () => {
    await agency.close();
    await hub.close();
    await admin.end();
    await db.drop();
  });
  beforeEach(() => {
    hub.calls.length = 0;
    hub.state.down = false;
  });

  it('previews segment counts that match the demo residents, and audits the read', async () => {
    const all = await residents();
    const children = all.filter((r) => r.relationship === 'child' && r.birth <= today);
    const headsWith = (lo: number, hi: number) =>
      new Set(
        all
          .filter(
            (h) =>
              h.relationship === 'head' &&
              children.some(
                (c) =>
                  c.household_id === h.household_id &&
                  ageMonths(c.birth, today) >= lo &&
                  ageMonths(c.birth, today) <= hi,
              ),
          )
          .map((h) => h.fugo),
      ).size;
    const preview = async (rule: unknown) => {
      const res = await staff('POST', `/api/staff/agencies/${code}/notices/preview`, {
        audience: { type: 'segment', rule },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.count as number;
    };
    const expectedToddlers = headsWith(0, 71);
    assert.ok(expectedToddlers > 0, 'demo data has young children');
    assert.equal(
      await preview({ field: 'household.childAgeMonths', op: 'between', value: [0, 71] }),
      expectedToddlers,
    );
    assert.equal(
      await preview({
        all: [
          { field: 'resident.municipality', op: 'eq', value: code },
          { field: 'resident.sex', op: 'eq', value: 'female' },
        ],
      }),
      all.filter((r) => r.sex === 2 && r.birth <= today).length,
    );
    assert.equal(
      await preview({ not: { field: 'resident.ageYears', op: 'lt', value: 65 } }),
      all.filter((r) => r.birth <= today && ageMonths(r.birth, today) >= 65 * 12).length,
    );
    assert.equal(
      await preview({
        all: [
          { field: 'benefit.kind', op: 'eq', value: '児童扶養手当' },
          { field: 'benefit.month', op: 'eq', value: '2026-07' },
        ],
      }),
      9,
    );
    assert.equal(await preview({ field: 'benefit.kind', op: 'eq', value: 'jidou-fuyou-teate' }), 12);
    const audits = await admin.query(
      `select count(*)::int as n from agency.audit_event where type = 'notice.previewed'`,
    );
    assert.equal(audits.rows[0].n, 5);
  });

  it('answers a malformed rule with 400 validation.failed naming the path, and writes nothing', async () => {
    const res = await staff('POST', `/api/staff/agencies/${code}/notices`, {
      kind: 'checkup',
      title: '健診',
      body: 'b',
      audience: {
        type: 'segment',
        rule: {
          all: [
            { field: 'resident.ageYears', op: 'gte', value: 3 },
            { field: 'x', op: 'eq', value: 1 },
          ],
        },
      },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'validation.failed');
    assert.deepEqual(
      res.body.error.fields.map((f: { path: string }) => f.path),
      ['/body/audience/rule/all/1/field'],
    );
    const unknownPerson = await staff('POST', `/api/staff/agencies/${code}/notices`, {
      kind: 'general',
      title: 't',
      body: 'b',
      audience: { type: 'person', fugo: 'nobody' },
    });
    assert.equal(unknownPerson.status, 400);
    assert.equal(unknownPerson.body.error.fields[0].path, '/body/audience/fugo');
    assert.equal((await admin.query('select count(*)::int as n from agency.notice')).rows[0].n, 0);
    assert.equal(
      (await staff('POST', `/api/staff/agencies/${code}/notices/preview`, { audience: {} })).status,
      400,
    );
    assert.equal(
      (
        await fetch(`${agency.url}/api/staff/agencies/${code}/notices`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${'x'.repeat(40)}`,
            'x-staff-id': 'eve',
          },
          body: JSON.stringify({
            kind: 'general',
            title: 't',
            body: 'b',
            audience: { type: 'person', fugo: 'F1' },
          }),
        })
      ).status,
      401,
    );
  });

  it('creates a segment notice → fan-out steps → the hub gets the content and every recipient once', async () => {
    const everyone = (await residents()).filter((r) => r.birth <= today).map((r) => r.fugo);
    unknown.clear();
    for (const f of everyone.slice(5, 8)) unknown.add(f);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF').toString('base64');
    const created = await staff('POST', `/api/staff/agencies/${code}/notices`, {
      kind: 'general',
      title: 'お知らせ',
      body: '詳しくは https://example.jp/ を',
      audience: { type: 'segment', rule: { field: 'resident.municipality', op: 'eq', value: code } },
      attachments: [{ filename: 'a.pdf', data: pdf }],
      actions: [{ type: 'link', label: '詳細', url: 'https://example.jp/' }],
    });
    assert.equal(created.status, 202, JSON.stringify(created.body));
    assert.equal((await notice(created.body.id)).status, 'queued');
    const ran = await drain();
    assert.equal(ran, Math.floor(everyone.length / 40) + 1);
    assert.equal(hub.state.rejected, 0);
    assert.equal(hub.calls[0]?.method, 'PUT');
    assert.equal(hub.calls[0]?.path, `/api/notices/${created.body.id}`);
    assert.equal(hub.calls[0]?.agency, code);
    const sent = hub.calls.filter((c) => c.method === 'POST').flatMap((c) => c.body.recipients ?? []);
    assert.deepEqual(sent, everyone, 'every recipient once, in link-code order');
    const n = await notice(created.body.id);
    assert.equal(n.status, 'sent');
    assert.equal(n.recipientsTotal, everyone.length);
    assert.equal(n.delivered, everyone.length - 3);
    assert.equal(n.unknownCount, 3);
    assert.deepEqual(n.unknown, [...unknown].sort());
    assert.equal(n.eDelivery, null, 'no portal answered');
    assert.equal(n.attachments.length, 1);
  });

  it('a crash after the hub answered a step repeats only that step: no duplicate count, no one missing', async () => {
    const everyone = (await residents()).map((r) => r.fugo);
    unknown.clear();
    const created = await staff('POST', `/api/staff/agencies/${code}/notices`, {
      kind: 'general',
      title: 'crash',
      body: 'b',
      audience: { type: 'segment', rule: { field: 'resident.ageYears', op: 'gte', value: 0 } },
    });
    let crashed = false;
    await drain((h) => async (job, trx) => {
      await h(job, trx);
      // The process dies after step 2's hub call, before its transaction commits.
      if ((job.payload as { step: number }).step === 2 && !crashed) {
        crashed = true;
        throw new Error('simulated crash');
      }
    });
    assert.ok(crashed);
    const batches = hub.calls.filter((c) => c.method === 'POST').map((c) => c.body.recipients ?? []);
    const expected = (await residents()).filter((r) => r.birth <= today).map((r) => r.fugo);
    assert.deepEqual([...new Set(batches.flat())].sort(), expected);
    assert.equal(batches.flat().length, expected.length + 40, 'exactly one step (40) was sent twice');
    assert.deepEqual(batches[2], batches[3], 'the repeated step has the same recipients');
    const n = await notice(created.body.id);
    assert.equal(n.status, 'sent');
    assert.equal(n.delivered, expected.length);
    assert.ok(everyone.length >= expected.length);
  });

  it('the hub down fails the step and it is retried until the hub answers', async () => {
    hub.state.down = true;
    const [first] = await residents();
    const created = await staff('POST', `/api/staff/agencies/${code}/notices`, {
      kind: 'result',
      title: 'one person',
      body: 'b',
      audience: { type: 'person', fugo: first?.fugo },
    });
    const down = startWorker({
      db: agency.db,
      pool: agency.database.pool,
      schema: 'agency',
      handlers: { 'notice.fanout': fanoutHandler(hubNotices(agency.config, exchangeKeys(agency.config))) },
      backoffMs: () => 3_600_000,
      pollMs: 60_000,
      autoStart: false,
    });
    await down.drain();
    await down.stop();
    const job = await admin.query(
      `select state, attempts, last_error from agency.job where queue = 'notice.fanout' and payload->>'noticeId' = $1`,
      [created.body.id],
    );
    assert.deepEqual(job.rows[0], { state: 'ready', attempts: 1, last_error: 'upstream.unavailable' });
    assert.equal((await notice(created.body.id)).status, 'queued');
    hub.state.down = false;
    await admin.query(
      `update agency.job set run_at = now() where queue = 'notice.fanout' and state = 'ready'`,
    );
    await drain();
    const n = await notice(created.body.id);
    assert.equal(n.status, 'sent');
    assert.equal(n.delivered, 1);
    assert.deepEqual(
      hub.calls.filter((c) => c.method === 'POST').map((c) => c.body.recipients),
      [[first?.fugo]],
    );
  });

  it('the age schedule sends once per (row, child), even when the same day runs twice', async () => {
    // Children whose 3-month checkup day is today, in a household with a head.
    const heads = (await residents()).filter((r) => r.relationship === 'head').slice(0, 3);
    const threeMonthsAgo = (() => {
      const [y, m, d] = today.split('-').map(Number) as [number, number, number];
      return new Date(Date.UTC(y, m - 1 - 3, d)).toISOString().slice(0, 10);
    })();
    for (const [i, h] of heads.entries())
      await admin.query(
        `insert into agency.resident (id, municipality_code, my_number, family_name, given_name, family_kana, given_kana,
           birth_date, sex, address, household_id, relationship, fugo)
         values (gen_random_uuid(), $1, $2, '試験', '子', 'シケン', 'コ', $3, 1, '住所', $4, 'child', $5)`,
        [code, `99999999000${i}`, threeMonthsAgo, h.household_id, `Zchild${i}`],
      );
    const run = async () => {
      const res = await staff('POST', '/api/staff/notices/schedule/run', { date: today });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    };
    const first = await run();
    assert.ok(first.children >= 3 && first.notices >= 1);
    const second = await run();
    assert.deepEqual({ notices: second.notices, children: second.children }, { notices: 0, children: 0 });
    const sends = await admin.query(
      `select schedule_row, guardian_fugo from agency.notice_schedule_send where fugo like 'Zchild%' order by fugo`,
    );
    assert.deepEqual(
      sends.rows,
      heads.map((h) => ({ schedule_row: 'checkup-3m', guardian_fugo: h.fugo })),
    );
    hub.calls.length = 0;
    await drain();
    const to3m = hub.calls.filter((c) => c.method === 'POST').flatMap((c) => c.body.recipients ?? []);
    for (const h of heads) assert.equal(to3m.filter((f) => f === h.fugo).length, 1);
    assert.equal((await jobCounts(agency.db, 'notice.fanout')).ready, 0);
  });
});
