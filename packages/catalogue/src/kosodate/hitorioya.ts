import { buildForm, integer, pledge, radio, section, t, text, yesNo } from '../form-builder.ts';
import {
  applicantSection,
  attachDoc,
  childrenSection,
  formIs,
  hasChildUpTo,
  kazeiShoumeisho,
} from './parts.ts';
import { base, type ProcedureTemplate } from './template.ts';

/**
 * 児童扶養手当 現況届の事前送信 (児童扶養手当法施行規則第4条). The 現況届 still needs a meeting at the
 * counter in August; sending it ahead shortens that meeting (seed table: 「別途来所による提出」).
 */
export const jidouFuyouTeateGenkyou: ProcedureTemplate = {
  ...base,
  office: 'kosodate',
  category: '福祉',
  id: 'jidou-fuyou-teate-genkyou',
  title: '児童扶養手当の現況届の事前送信',
  titleEn: 'Child rearing allowance: send the annual status report in advance',
  titleKana: 'ジドウフヨウテアテ ノ ゲンキョウトドケ ノ ジゼンソウシン',
  description: t(
    '児童扶養手当を受けている方は、毎年8月に現況届を提出します。事前に送信しておくと、窓口での手続が短くなります。',
    'Recipients of the child rearing allowance report their situation every August. Sending it in advance shortens the visit to the office.',
  ),
  legalBasis: '児童扶養手当法施行規則第4条',
  lifeEvents: ['ひとり親', '子育て', '結婚・離婚'],
  eligibility: { and: [{ '!!': { var: 'singleParent' } }, hasChildUpTo(18)] },
  requiredDocuments: [
    kazeiShoumeisho(formIs('livedHereOnJan1', false)),
    {
      ...attachDoc(
        'nenkin-gaku',
        '公的年金の額がわかる書類（年金額改定通知書など）',
        'Document showing your public pension amount',
        formIs('receivesPension', true),
      ),
      viaHub: { infoType: '年金給付関係情報', what: '年金額のわかる書類' },
    },
    attachDoc('youikuhi-shinkoku', '養育費等に関する申告書', 'Declaration of child support received', {
      '>': [{ var: 'form.childSupportYen' }, 0],
    }),
  ],
  form: buildForm([
    applicantSection(
      [text('shoushoNumber', t('児童扶養手当証書番号', 'Certificate number'), 20)],
      t('受給者', 'Recipient'),
    ),
    childrenSection({
      extra: [
        radio(
          'disability',
          t('児童に障害がありますか（20歳未満まで対象）', 'Does the child have a disability?'),
          yesNo,
        ),
      ],
    }),
    section({
      id: 'living',
      title: t('生活の状況', 'Living situation'),
      parts: [
        radio('housing', t('住居', 'Housing'), [
          ['own', '持ち家', 'Own home'],
          ['rent', '借家・賃貸住宅', 'Rented'],
          ['public', '公営住宅', 'Public housing'],
          ['relatives', '親族宅', "Relative's home"],
          ['other', 'その他', 'Other'],
        ]),
        radio(
          'livesWithRelatives',
          t('父母・兄弟姉妹などと同居していますか', 'Do you live with parents, siblings etc.?'),
          yesNo,
        ),
        radio('work', t('就労の状況', 'Work'), [
          ['employee', '勤めている', 'Employed'],
          ['self', '自営業', 'Self-employed'],
          ['none', '働いていない', 'Not working'],
        ]),
        integer('annualIncomeYen', t('前年の収入（円）', "Last year's income (yen)"), 0, 100_000_000),
        integer(
          'childSupportYen',
          t('前年に受け取った養育費（円）', 'Child support received last year (yen)'),
          0,
          100_000_000,
        ),
        radio('receivesPension', t('公的年金を受けていますか', 'Do you receive a public pension?'), yesNo),
        radio(
          'livedHereOnJan1',
          t('今年1月1日に当市区町村に住んでいましたか', 'Did you live here on 1 January?'),
          yesNo,
        ),
        pledge('noDeFacto', t('事実上の婚姻関係にある方はいません', 'I am not in a de facto marriage')),
      ],
    }),
  ]),
  notices: { correction: true, result: true },
  statusReport: { fromMonth: 8, fromDay: 1, toMonth: 8, toDay: 31, leadDays: 30 },
};
