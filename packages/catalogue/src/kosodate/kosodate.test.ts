import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCatalogue, checkDefinition } from '../check-definition.ts';
import { compiledForm } from '../form-ajv.ts';
import { fieldPointers } from '../form-fields.ts';
import { isLocalGovCode } from '../vocab.ts';
import { contactPhoneUnset, kosodateServicesFor, UnknownMunicipalityError } from './index.ts';

// The procedures of the seed table (子育てワンストップサービス電子申請対象手続), plus the 面談 questionnaire
// and the employer's 就労証明書 it announces.
const expectedIds = [
  'jidou-teate-nintei',
  'jidou-teate-gaku-kaitei',
  'jidou-teate-henkou',
  'jidou-teate-shoumetsu',
  'jidou-teate-mishiharai',
  'jidou-teate-kifu',
  'jidou-teate-kifu-henkou',
  'jidou-teate-kyushokuhi',
  'hoiku-shikyu-nintei',
  'hoiku-riyou-moushikomi',
  'hoiku-genkyou',
  'shuurou-shoumeisho',
  'jidou-fuyou-teate-genkyou',
  'ninshin-todoke',
  'ninshin-mendan',
];

describe('kosodateServicesFor', () => {
  for (const code of ['131016', '131121', '011002']) {
    it(`every definition for ${code} passes the publishing checks`, () => {
      const defs = kosodateServicesFor(code);
      assert.deepEqual(
        defs.map((d) => d.id),
        expectedIds,
      );
      assert.deepEqual(checkCatalogue(defs), []);
      for (const d of defs) {
        assert.equal(d.municipality, code);
        assert.equal(typeof compiledForm(d.form.schema), 'function');
      }
    });
  }

  it('keeps ids and forms identical across municipalities, with generic sections', () => {
    const a = kosodateServicesFor('131016');
    const b = kosodateServicesFor('011002');
    assert.deepEqual(
      a.map((d) => d.form),
      b.map((d) => d.form),
    );
    assert.equal(a[0]?.contact.section, '子育て支援課');
    assert.equal(a.find((d) => d.id === 'hoiku-genkyou')?.contact.section, '保育課');
    assert.equal(a[0]?.contact.phone, contactPhoneUnset);
    const named = kosodateServicesFor('131016', {
      phone: '03-3264-2111',
      sections: { kosodate: '子ども支援課' },
    });
    assert.equal(named[0]?.contact.phone, '03-3264-2111');
    assert.equal(named[0]?.contact.section, '子ども支援課');
  });

  it('returns fresh objects: adapting one municipality leaves the next call untouched', () => {
    const first = kosodateServicesFor('131016');
    (first[0] as { title: string }).title = 'changed';
    assert.notEqual(kosodateServicesFor('131016')[0]?.title, 'changed');
  });

  it('refuses codes that are not a municipality or ward', () => {
    assert.throws(() => kosodateServicesFor('130001'), UnknownMunicipalityError); // 東京都
    assert.throws(() => kosodateServicesFor('131017'), UnknownMunicipalityError); // bad check digit
    assert.throws(() => kosodateServicesFor('13101'), UnknownMunicipalityError);
  });

  it('marks the 就労証明書 as filled by the employer, and only it', () => {
    const defs = kosodateServicesFor('131016');
    assert.deepEqual(
      defs.filter((d) => d.filledBy === 'employer').map((d) => d.id),
      ['shuurou-shoumeisho'],
    );
  });

  it('obtains 課税証明書 and 住民票の写し over the network, never the 就労証明書', () => {
    for (const d of kosodateServicesFor('131016')) {
      for (const doc of d.requiredDocuments) {
        if (doc.id === 'kazei-shoumeisho')
          assert.deepEqual(doc.viaHub, { infoType: '地方税関係情報', what: '課税証明書' });
        if (doc.id.endsWith('juminhyo')) assert.equal(doc.viaHub?.what, '住民票の写し');
        if (doc.id === 'shuurou-shoumeisho') assert.equal(doc.viaHub, undefined);
      }
    }
  });

  it('serves 面談 slots from the back office', () => {
    const mendan = kosodateServicesFor('131016').find((d) => d.id === 'ninshin-mendan');
    const slot = mendan && fieldPointers(mendan.form).find((f) => f.pointer === '/slot');
    assert.equal(slot?.field.optionsFrom?.kind, 'interview-slots');
  });

  it('gives 現況届 their reporting windows', () => {
    const defs = kosodateServicesFor('131016');
    assert.deepEqual(defs.find((d) => d.id === 'jidou-fuyou-teate-genkyou')?.statusReport, {
      fromMonth: 8,
      fromDay: 1,
      toMonth: 8,
      toDay: 31,
      leadDays: 30,
    });
  });
});

describe('checkDefinition catches broken uploads', () => {
  const good = () =>
    structuredClone(kosodateServicesFor('131016')[0]) as Record<string, unknown> &
      ReturnType<typeof kosodateServicesFor>[number];

  it('an unknown operator, with its path', () => {
    const d = good();
    d.eligibility = { and: [{ dance: [1] }] };
    assert.deepEqual(checkDefinition(d), [
      { path: '/eligibility/and/0/dance', message: 'unknown operator "dance"' },
    ]);
  });

  it('a field with no value, a value with no field, a wrong municipality, a stray key', () => {
    const d = good();
    d.form.ui.sections[0]?.fields.push({
      name: 'nickname',
      widget: 'text',
      label: { ja: '愛称', en: 'Nickname' },
    });
    d.municipality = '131017';
    const messages = checkDefinition(d).map((i) => `${i.path} ${i.message}`);
    assert.ok(messages.includes('/municipality not a 地方公共団体コード (check digit)'), messages.join('\n'));
    assert.ok(
      messages.some((m) => m.includes('/applicant/nickname has no value')),
      messages.join('\n'),
    );
    const e = good();
    (e.form.schema.properties as Record<string, unknown>).extra = { type: 'string' };
    assert.ok(checkDefinition(e).some((i) => i.message.includes('/extra has no field')));
    const f = good();
    f.secret = 1;
    assert.deepEqual(
      checkDefinition(f).map((i) => i.path),
      ['/secret'],
    );
    const g = good() as Record<string, unknown>;
    delete g.title;
    assert.deepEqual(
      checkDefinition(g).map((i) => i.path),
      ['/title'],
    );
  });

  it('the local government code check digit', () => {
    for (const c of ['131016', '131121', '011002', '130001', '271004'])
      assert.equal(isLocalGovCode(c), true, c);
    for (const c of ['131017', '011001', 'abcdef']) assert.equal(isLocalGovCode(c), false, c);
  });
});
