import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formBuilder as f,
  kosodateServicesFor,
  type ServiceDefinition,
  validateForm,
} from '@madoguchi/catalogue';
import { answersFromForm, applyRowIntent, compactAnswers, fieldId } from './form-values.ts';

const nintei = kosodateServicesFor('131016').find((d) => d.id === 'jidou-teate-nintei') as ServiceDefinition;

const form = f.buildForm([
  f.section({
    id: 'about',
    title: f.t('あなた', 'You'),
    parts: [
      f.integer('household', f.t('世帯人数', 'Household size'), 1, 20),
      f.multi('reasons', f.t('理由', 'Reasons'), [
        ['shuurou', '就労', 'Work'],
        ['shugaku', '就学', 'Study'],
      ]),
      f.pledge('agree', f.t('誓約', 'Pledge')),
    ],
  }),
]);

describe('form values from a posted form', () => {
  it('converts 和暦 parts with the era tables, 元年 included, and keeps an impossible era date as typed', () => {
    const posted = (era: string, year: string, month: string, day: string) =>
      answersFromForm(nintei.form, {
        '/applicant/birthDate:era': era,
        '/applicant/birthDate:year': year,
        '/applicant/birthDate:month': month,
        '/applicant/birthDate:day': day,
      }).applicant as Record<string, unknown>;
    // 令和元年 began on 2019-05-01 (改元); 昭和64年1月7日 was the last day of 昭和.
    assert.equal(posted('令和', '元', '5', '1').birthDate, '2019-05-01');
    assert.equal(posted('昭和', '６４', '１', '７').birthDate, '1989-01-07');
    // 平成31年5月1日 does not exist (令和元年 from that day): kept as typed, refused by the schema.
    const wrong = posted('平成', '31', '5', '1');
    assert.equal(wrong.birthDate, '平成31年5月1日');
    const result = validateForm(nintei, { applicant: wrong });
    assert.equal(result.ok, false);
    assert.ok(
      !result.ok && result.issues.some((i) => i.path === '/applicant/birthDate' && i.code === 'format'),
    );
  });

  it('types numbers, multi-choice and pledges by the schema, keeping untypable text for validation', () => {
    assert.deepEqual(answersFromForm(form, { '/household': '３', '/reasons': ['shuurou', 'shugaku'] }), {
      household: 3,
      reasons: ['shuurou', 'shugaku'],
      agree: false,
    });
    const odd = answersFromForm(form, { '/household': 'three', '/agree': 'true' });
    assert.deepEqual(odd, { household: 'three', reasons: [], agree: true });
    const def = { ...nintei, form };
    const result = validateForm(def, odd);
    assert.ok(!result.ok && result.issues.some((i) => i.path === '/household' && i.code === 'type'));
  });

  it('drops empty rows and unfilled groups before validation; adds and removes rows', () => {
    const posted = answersFromForm(nintei.form, {
      'rows:children': '3',
      '/children/1/givenName': '一郎',
      '/spouse/familyName': '',
    });
    assert.equal((posted.children as unknown[]).length, 3);
    const compact = compactAnswers(nintei.form, posted);
    assert.deepEqual(compact.children, [{ givenName: '一郎' }]);
    assert.equal('spouse' in compact, false);
    const added = applyRowIntent(nintei.form, compact, 'add:children');
    assert.deepEqual(added?.children, [{ givenName: '一郎' }, {}]);
    assert.deepEqual(applyRowIntent(nintei.form, posted, 'remove:children:1')?.children, [{}, {}]);
    assert.equal(applyRowIntent(nintei.form, posted, 'add:unknown'), undefined);
    assert.equal(fieldId('/children/0/birthDate'), 'f-children-0-birthDate');
  });
});
