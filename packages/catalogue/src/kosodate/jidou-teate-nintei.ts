import { buildForm, date, radio, section, select, t } from '../form-builder.ts';
import {
  applicantSection,
  attachDoc,
  bankSections,
  childrenSection,
  formIs,
  hasChildUpTo,
  juminhyo,
  personName,
  relationshipChoices,
  someChildApart,
  spouseSections,
} from './parts.ts';
import { base, type ProcedureTemplate } from './template.ts';

const pension = radio('pension', t('加入している年金', 'Pension scheme'), [
  ['kosei', '厚生年金（会社員など）', "Employees' pension (company employee)"],
  ['kokumin', '国民年金（自営業など）', 'National pension (self-employed etc.)'],
  ['kyosai', '共済組合（公務員）', 'Mutual aid (public servant)'],
  ['none', '加入していない', 'None'],
]);

/**
 * 児童手当 認定請求 (児童手当法第7条). Modelled on 内閣府 児童手当認定請求書 様式第1号 as revised for the
 * 令和6年10月 拡充: no income limit (so no 課税証明書), children up to the end of the 高校生年代, and older
 * children up to 22 counted for the 第3子 rate when the applicant still supports them.
 */
export const jidouTeateNintei: ProcedureTemplate = {
  ...base,
  office: 'kosodate',
  id: 'jidou-teate-nintei',
  // The name residents look for (as ぴったりサービス lists it); the statutory name opens the description.
  title: '児童手当の認定請求',
  titleEn: 'Child allowance: claim for eligibility and amount',
  titleKana: 'ジドウテアテ ノ ニンテイ セイキュウ',
  description: t(
    '児童手当の受給資格及び児童手当の額についての認定の請求。高校生年代までの児童を養育している方が、児童手当を受け取るための請求です。出生・転入の翌日から15日以内に請求してください。公務員の方は勤務先に請求します。',
    'Claim the child allowance if you raise a child up to high-school age. Claim within 15 days of the birth or move-in. Public servants claim at their employer.',
  ),
  legalBasis: '児童手当法第7条',
  lifeEvents: ['妊娠・出産', '子育て', '引越し'],
  eligibility: {
    and: [hasChildUpTo(18), { '!==': [{ var: 'form.applicant.pension' }, 'kyosai'] }],
  },
  requiredDocuments: [
    attachDoc(
      'kenko-hoken-shikaku',
      '健康保険の資格を確認できる書類（資格確認書・資格情報のお知らせ等）の写し',
      'Copy of a health insurance eligibility document',
      { if: [{ var: 'form.applicant.pension' }, formIs('applicant.pension', 'kosei'), { var: 'working' }] },
    ),
    attachDoc(
      'kouza-kakunin',
      '口座確認書類（通帳またはキャッシュカードの写し）',
      'Bank book or cash card copy',
      {
        '!==': [{ var: 'form.accountChoice' }, 'kokin'],
      },
    ),
    juminhyo(
      'bekkyo-juminhyo',
      '別居している児童の住民票の写し',
      'Resident record of a child living apart',
      someChildApart,
    ),
    attachDoc(
      'bekkyo-kango',
      '別居監護申立書',
      'Declaration of care for a child living apart',
      someChildApart,
    ),
    attachDoc(
      'kango-kakuninsho',
      '監護相当・生計費の負担についての確認書',
      'Declaration of support for older children',
      {
        '>': [{ var: 'form.olderChildren.length' }, 0],
      },
    ),
  ],
  form: buildForm([
    applicantSection([pension]),
    ...spouseSections(),
    childrenSection(),
    section({
      id: 'older-children',
      title: t(
        '18歳到達後の年度末を過ぎた22歳年度末までの子（生計費を負担している場合）',
        'Children aged 18–22 you still support (counted for the third-child rate)',
      ),
      repeat: { property: 'olderChildren', itemTitle: t('子', 'Child'), min: 0, max: 10 },
      optional: true,
      parts: [
        ...personName(),
        date('birthDate', t('生年月日', 'Date of birth')),
        select('relationship', t('請求者との続柄', 'Relationship to the applicant'), relationshipChoices),
      ],
    }),
    ...bankSections(),
  ]),
  notices: { correction: true, result: true },
};
