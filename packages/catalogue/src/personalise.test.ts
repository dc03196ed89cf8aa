import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hubReach, noHubReach, personalise } from './personalise.ts';
import { filledNintei, shipped } from './test-fixtures.ts';

const statuses = (p: ReturnType<typeof personalise>) =>
  Object.fromEntries(p.documents.map((d) => [d.id, d.status]));

describe('personalise', () => {
  const shikyu = shipped('hoiku-shikyu-nintei');
  const movedIn = {
    childrenAges: [1],
    working: true,
    municipality: '131016',
    form: { livedHereOnJan1: false, applicant: { hoikuJiyu: 'shuurou' } },
  };

  it('marks 課税証明書 via_hub when the municipality can obtain 地方税関係情報', () => {
    const p = personalise(shikyu, movedIn, hubReach(['地方税関係情報', '住民票関係情報']));
    assert.equal(p.eligibility.eligible, true);
    assert.equal(statuses(p)['kazei-shoumeisho'], 'via_hub');
  });

  it('asks the resident to attach it when the municipality cannot, and not at all when it holds the record', () => {
    assert.equal(statuses(personalise(shikyu, movedIn, noHubReach))['kazei-shoumeisho'], 'attach');
    assert.equal(
      statuses(personalise(shikyu, movedIn, hubReach(['住民票関係情報'])))['kazei-shoumeisho'],
      'attach',
    );
    const stayed = { ...movedIn, form: { ...movedIn.form, livedHereOnJan1: true } };
    assert.equal(
      statuses(personalise(shikyu, stayed, hubReach(['地方税関係情報'])))['kazei-shoumeisho'],
      'not_needed',
    );
  });

  it('decides the 就労証明書 from the guardians’ reasons and points to its electronic form', () => {
    const p = personalise(shikyu, movedIn);
    const doc = p.documents.find((d) => d.id === 'shuurou-shoumeisho');
    assert.equal(doc?.status, 'attach');
    assert.equal(doc?.document.electronicForm, 'shuurou-shoumeisho');
    const ill = { ...movedIn, form: { applicant: { hoikuJiyu: 'shippei' }, spouse: { hoikuJiyu: 'kaigo' } } };
    const s = statuses(personalise(shikyu, ill));
    assert.equal(s['shuurou-shoumeisho'], 'not_needed');
    assert.equal(s.shindansho, 'attach');
    // Before the form: the ぴったり answer "working" decides.
    assert.equal(
      statuses(personalise(shikyu, { childrenAges: [2], working: false }))['shuurou-shoumeisho'],
      'not_needed',
    );
  });

  it('児童手当: 住民票 of a child living apart via_hub, 口座 copy only for a non-公金 account', () => {
    const nintei = shipped('jidou-teate-nintei');
    const form = filledNintei() as { children: Record<string, unknown>[] };
    (form.children[0] as Record<string, unknown>).livesTogether = false;
    const p = personalise(
      nintei,
      { childrenAges: [0], municipality: '131016', form },
      hubReach(['住民票関係情報']),
    );
    assert.deepEqual(statuses(p), {
      'kenko-hoken-shikaku': 'attach',
      'kouza-kakunin': 'attach',
      'bekkyo-juminhyo': 'via_hub',
      'bekkyo-kango': 'attach',
      'kango-kakuninsho': 'not_needed',
    });
    const kokin = { ...filledNintei(), accountChoice: 'kokin' };
    assert.equal(
      statuses(personalise(nintei, { childrenAges: [0], form: kokin }))['kouza-kakunin'],
      'not_needed',
    );
  });

  it('says which part of the rule failed', () => {
    const nintei = shipped('jidou-teate-nintei');
    const publicServant = { childrenAges: [3], form: { applicant: { pension: 'kyosai' } } };
    const e = personalise(nintei, publicServant).eligibility;
    assert.equal(e.eligible, false);
    assert.deepEqual(e.failed, {
      kind: 'rule',
      pointer: '/and/1',
      rule: { '!==': [{ var: 'form.applicant.pension' }, 'kyosai'] },
    });
    assert.equal(personalise(nintei, { childrenAges: [19, 21] }).eligibility.failed?.kind, 'rule');
  });

  it('tells "not answered yet" from "not eligible"', () => {
    const genkyou = shipped('jidou-fuyou-teate-genkyou');
    const e = personalise(genkyou, { childrenAges: [8] }).eligibility;
    assert.equal(e.eligible, false);
    assert.deepEqual(e.failed, { kind: 'rule', pointer: '/and/0', rule: { '!!': { var: 'singleParent' } } });
    assert.deepEqual(e.unanswered, ['singleParent']);
    assert.equal(personalise(genkyou, { childrenAges: [8], singleParent: true }).eligibility.eligible, true);
  });

  it('refuses a resident of another municipality', () => {
    const e = personalise(shipped('ninshin-todoke'), { pregnant: true, municipality: '131121' }).eligibility;
    assert.deepEqual(e, { eligible: false, failed: { kind: 'residency' }, unanswered: [] });
    assert.equal(
      personalise(shipped('ninshin-todoke'), { pregnant: true, municipality: '131016' }).eligibility.eligible,
      true,
    );
  });
});
