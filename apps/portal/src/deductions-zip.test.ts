import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeZip } from './services/deductions/zip.ts';

describe('deduction bundle ZIP writer', () => {
  it('writes a ZIP that unzip -t accepts, with stored and deflated entries that unpack byte for byte', () => {
    const xml = Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?>\n<控除証明書>${'<金額>50000</金額>'.repeat(200)}</控除証明書>\n`,
    );
    const random = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 251));
    const zip = writeZip([
      {
        name: '2025_life_insurance_1234567890123.xml',
        data: xml,
        modified: new Date(2026, 0, 15, 10, 30, 0),
      },
      { name: '寄附金控除.xml', data: random },
      { name: 'empty.txt', data: new Uint8Array(0) },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-zip-'));
    const file = join(dir, 'bundle.zip');
    writeFileSync(file, zip);
    const test = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
    assert.match(test, /No errors detected/);
    const listing = execFileSync('unzip', ['-v', file], { encoding: 'utf8' });
    assert.match(listing, /Defl:N/, 'the repetitive XML is deflated');
    assert.match(listing, /Stored/, 'data deflate cannot shrink is stored');
    execFileSync('unzip', ['-q', file, '-d', join(dir, 'out')]);
    assert.deepEqual(readFileSync(join(dir, 'out', '2025_life_insurance_1234567890123.xml')), xml);
    assert.deepEqual(readFileSync(join(dir, 'out', '寄附金控除.xml')), random);
    assert.equal(readFileSync(join(dir, 'out', 'empty.txt')).length, 0);
  });

  it('writes an empty archive that unzip accepts', () => {
    const zip = writeZip([]);
    assert.equal(zip.length, 22);
    const file = join(mkdtempSync(join(tmpdir(), 'madoguchi-zip-')), 'empty.zip');
    writeFileSync(file, zip);
    assert.deepEqual(zip, Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]));
    // unzip reads it and says so (exit status 1 is its warning for an empty archive, not an error).
    const r = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    assert.match(r.stdout, /zipfile is empty/);
    assert.ok(r.status === 1, String(r.status));
  });
});
