import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compiledFormCount, hardenSchema } from './form-ajv.ts';
import { kosodateServicesFor } from './kosodate/index.ts';
import { filledNintei, shipped } from './test-fixtures.ts';
import { maxSubmissionBytes, validateForm } from './validate-form.ts';

const nintei = shipped('jidou-teate-nintei');

function issuesOf(values: unknown) {
  const r = validateForm(nintei, values);
  assert.equal(r.ok, false);
  return r.ok ? [] : r.issues;
}

describe('validateForm', () => {
  it('accepts a realistic 児童手当 認定請求', () => {
    const r = validateForm(nintei, filledNintei());
    assert.deepEqual(r.ok ? 'ok' : r.issues, 'ok');
  });

  it('accepts the 公金受取口座 without bank details and no spouse without spouse details', () => {
    const v = filledNintei();
    delete v.bank;
    delete v.spouse;
    v.accountChoice = 'kokin';
    v.hasSpouse = false;
    assert.equal(validateForm(nintei, v).ok, true);
  });

  it('reports each problem at its JSON pointer with the field label', () => {
    const v = filledNintei() as {
      applicant: Record<string, unknown>;
      children: Record<string, unknown>[];
    } & Record<string, unknown>;
    delete v.applicant.familyName;
    v.applicant.postalCode = '1000013x';
    v.applicant.address = 'あ'.repeat(201);
    (v.children[0] as Record<string, unknown>).birthDate = '2025-02-30';
    v.applicant.pension = 'private';
    v.debug = 'x';
    const issues = issuesOf(v);
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.code]));
    assert.deepEqual(byPath, {
      '/applicant/familyName': 'required',
      '/applicant/postalCode': 'pattern',
      '/applicant/address': 'maxLength',
      '/children/0/birthDate': 'format',
      '/applicant/pension': 'enum',
      '/debug': 'additionalProperties',
    });
    const name = issues.find((i) => i.path === '/applicant/familyName');
    assert.equal(name?.label?.ja, '氏');
    assert.match(name?.message.ja ?? '', /^氏：/);
    assert.equal(issues.find((i) => i.path === '/debug')?.label, undefined);
  });

  it('requires the bank account when another account is chosen, and at least one child', () => {
    const v = filledNintei();
    delete v.bank;
    v.children = [];
    const paths = issuesOf(v).map((i) => [i.path, i.code]);
    assert.deepEqual(paths.sort(), [
      ['/bank', 'required'],
      ['/children', 'minItems'],
    ]);
  });

  it('refuses an oversize submission before schema work', () => {
    const v = { ...filledNintei(), blob: 'x'.repeat(maxSubmissionBytes) };
    assert.deepEqual(
      issuesOf(v).map((i) => i.code),
      ['too_large'],
    );
  });

  it('compiles each form once, however many municipalities offer it', () => {
    validateForm(shipped('jidou-teate-nintei', '131121'), filledNintei());
    const before = compiledFormCount();
    for (const code of ['011002', '131121']) {
      for (const def of kosodateServicesFor(code)) validateForm(def, {});
    }
    const grown = compiledFormCount() - before;
    // Everything below was compiled at most once: the 15 forms of the set.
    assert.ok(grown <= 15, `compiled ${grown}`);
    const again = compiledFormCount();
    for (const def of kosodateServicesFor('131016')) validateForm(def, {});
    assert.equal(compiledFormCount(), again);
  });
});

describe('hardenSchema', () => {
  it('closes objects and bounds strings and arrays, but leaves conditions alone', () => {
    const h = hardenSchema({
      type: 'object',
      properties: {
        a: { type: 'string' },
        list: { type: 'array', items: { type: 'object' } },
        enum: { type: 'string' },
      },
      if: { type: 'object', properties: { a: { const: 'x' } } },
    }) as Record<string, Record<string, Record<string, unknown>>>;
    assert.equal(h.additionalProperties as unknown, false);
    assert.equal(h.properties?.a?.maxLength, 1000);
    assert.equal(h.properties?.enum?.maxLength, 1000);
    assert.equal(h.properties?.list?.maxItems, 50);
    assert.equal(
      (h.properties?.list?.items as Record<string, unknown> | undefined)?.additionalProperties,
      false,
    );
    assert.equal(h.if?.additionalProperties, undefined);
  });
});
