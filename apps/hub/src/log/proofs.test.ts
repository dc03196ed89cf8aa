import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { openCheckpoint, rootOf } from '@madoguchi/merkle-log';
import { forEachEngine } from '@madoguchi/testing';
import { appendPending } from './append-pending.ts';
import { generateLog, syntheticPerson } from './generate.ts';
import { consistencyProofBetween, inclusionProofAt } from './proofs.ts';
import { sequenceBatch } from './sequencer.ts';
import { makeEntry, openTestLog, type TestLog } from './testing/log-fixture.ts';
import { leafHash, rfcVerifyConsistency, rfcVerifyInclusion } from './testing/rfc9162-verifier.ts';

interface Cp {
  size: number;
  root: Buffer;
}

async function checkpoints(log: TestLog): Promise<Cp[]> {
  const { rows } = await sql<{ note: string }>`select note from log_checkpoint order by size`.execute(
    log.database.db,
  );
  return rows.map((r) => {
    const { checkpoint } = openCheckpoint(r.note, log.key.vkey);
    return { size: checkpoint.size, root: Buffer.from(checkpoint.rootHash) };
  });
}

async function leaves(log: TestLog): Promise<Buffer[]> {
  const { rows } = await sql<{ body: string }>`select body from log_entry order by idx`.execute(
    log.database.db,
  );
  return rows.map((r) => leafHash(r.body));
}

const flipped = (proof: Buffer[], i: number): Buffer[] =>
  proof.map((h, j) => (j === i ? Buffer.from(h.map((b, k) => (k === 0 ? b ^ 1 : b))) : h));

forEachEngine(describe, (engine) => {
  let log: TestLog;
  let cps: Cp[];
  let all: Buffer[];

  before(async () => {
    log = await openTestLog(engine);
    // Batches of awkward sizes, so checkpoints land on powers of two, odd sizes and everything between.
    for (const n of [1, 1, 2, 3, 1, 8, 13, 21, 2, 31, 1, 16, 40]) {
      await log.database.db.transaction().execute((trx) =>
        appendPending(
          trx,
          Array.from({ length: n }, () => makeEntry()),
        ),
      );
      assert.equal(await sequenceBatch(log.database.db, log.key), n);
    }
    cps = await checkpoints(log);
    all = await leaves(log);
  });
  after(async () => {
    await log.close();
  });

  it('signs checkpoints whose roots are the roots of the stored leaves', () => {
    assert.equal(cps.length, 13);
    for (const cp of cps) assert.deepEqual(cp.root, rootOf(all.slice(0, cp.size)));
  });

  it('serves inclusion proofs an independent RFC 9162 verifier accepts, for every leaf of every checkpoint', async () => {
    let checked = 0;
    for (const cp of cps) {
      for (let i = 0; i < cp.size; i++) {
        const proof = await inclusionProofAt(log.database.db, i, cp.size);
        assert.ok(
          rfcVerifyInclusion(i, cp.size, all[i] as Buffer, proof, cp.root),
          `leaf ${i} of ${cp.size}`,
        );
        if (proof.length > 0)
          assert.ok(!rfcVerifyInclusion(i, cp.size, all[i] as Buffer, flipped(proof, 0), cp.root));
        if (i + 1 < cp.size) assert.ok(!rfcVerifyInclusion(i + 1, cp.size, all[i] as Buffer, proof, cp.root));
        checked++;
      }
    }
    assert.ok(checked > 500);
  });

  it('serves consistency proofs between every pair of real checkpoints', async () => {
    for (const [a, older] of cps.entries()) {
      for (const newer of cps.slice(a)) {
        const proof = await consistencyProofBetween(log.database.db, older.size, newer.size);
        assert.ok(
          rfcVerifyConsistency(older.size, newer.size, older.root, newer.root, proof),
          `${older.size} → ${newer.size}`,
        );
        if (proof.length > 0)
          assert.ok(
            !rfcVerifyConsistency(
              older.size,
              newer.size,
              older.root,
              newer.root,
              flipped(proof, proof.length - 1),
            ),
          );
      }
    }
  });

  it('refuses ranges beyond the latest checkpoint or upside down', async () => {
    const size = (cps[cps.length - 1] as Cp).size;
    const rangeInvalid = (err: unknown) => err instanceof AppError && err.code === 'log.range_invalid';
    await assert.rejects(inclusionProofAt(log.database.db, 0, size + 1), rangeInvalid);
    await assert.rejects(inclusionProofAt(log.database.db, 5, 5), rangeInvalid);
    await assert.rejects(consistencyProofBetween(log.database.db, 3, size + 1), rangeInvalid);
    await assert.rejects(consistencyProofBetween(log.database.db, 9, 8), rangeInvalid);
  });

  it('generates a large real log that proves and that the sequencer continues', async () => {
    const start = all.length;
    const result = await generateLog({
      db: log.database.db,
      key: log.key,
      entries: 30_000,
      persons: 500,
      chunk: 12_000,
      batch: 5000,
    });
    assert.equal(result.size, start + 30_000);
    const { checkpoint } = openCheckpoint(result.checkpoint, log.key.vkey);
    // The sequencer resumes on top of the generated tree.
    await log.database.db.transaction().execute((trx) => appendPending(trx, [makeEntry()]));
    assert.equal(await sequenceBatch(log.database.db, log.key), 1);
    const grown = await leaves(log);
    assert.equal(grown.length, result.size + 1);
    assert.deepEqual(Buffer.from(checkpoint.rootHash), rootOf(grown.slice(0, result.size)));
    const latest = (await checkpoints(log)).at(-1) as Cp;
    assert.deepEqual(latest.root, rootOf(grown));
    const consistency = await consistencyProofBetween(log.database.db, result.size, latest.size);
    assert.ok(
      rfcVerifyConsistency(
        result.size,
        latest.size,
        Buffer.from(checkpoint.rootHash),
        latest.root,
        consistency,
      ),
    );
    // The generated entries belong to the synthetic persons, round-robin.
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from log_entry where person = ${syntheticPerson(7)}`.execute(
      log.database.db,
    );
    assert.equal(Number(rows[0]?.n), 60);
    // Proofs for leaves all over the generated tree (timing is bench/hub's job, not a test's).
    for (let k = 0; k < 300; k++) {
      const i = (k * 7919) % latest.size;
      const proof = await inclusionProofAt(log.database.db, i, latest.size);
      assert.ok(rfcVerifyInclusion(i, latest.size, grown[i] as Buffer, proof, latest.root));
    }
  });
});
