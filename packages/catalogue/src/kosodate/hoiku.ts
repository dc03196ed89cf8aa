import { buildForm, date, radio, section, select, t, text, textarea, yesNo } from '../form-builder.ts';
import {
  applicantSection,
  attachDoc,
  childrenSection,
  formIs,
  hasChildUpTo,
  hoikuJiyuChoices,
  kazeiShoumeisho,
  shuurouShoumeisho,
  spouseSections,
} from './parts.ts';
import { base, type ProcedureTemplate } from './template.ts';

const jiyu = () =>
  select('hoikuJiyu', t('保育を必要とする事由', 'Reason childcare is needed'), hoikuJiyuChoices);

const guardianJiyu = (code: string | string[]) => {
  const codes = typeof code === 'string' ? [code] : code;
  return {
    or: [
      { in: [{ var: 'form.applicant.hoikuJiyu' }, codes] },
      { in: [{ var: 'form.spouse.hoikuJiyu' }, codes] },
    ],
  };
};

/** Before the form is filled, the ぴったり answer "working" stands in for the guardians' reasons. */
const needsShuurouShoumei = {
  if: [{ var: 'form.applicant.hoikuJiyu' }, guardianJiyu(['shuurou', 'ikukyu']), { var: 'working' }],
};
const movedInAfterJan1 = formIs('livedHereOnJan1', false);

const taxSection = section({
  id: 'tax',
  title: t('税情報の確認', 'Tax information'),
  help: t(
    '保育料は市町村民税の所得割額で決まります。1月1日に他の市区町村にいた方は、その市区町村の課税情報を情報連携で確認します。',
    'Fees depend on municipal income tax. For those who lived elsewhere on 1 January, the office checks that municipality’s tax record over the network.',
  ),
  parts: [
    radio(
      'livedHereOnJan1',
      t('保護者全員が今年1月1日に当市区町村に住んでいましたか', 'Did all guardians live here on 1 January?'),
      yesNo,
    ),
  ],
});

/** 施設型給付費・地域型保育給付費等 支給認定申請 (子ども・子育て支援法第20条): 1号・2号・3号 in one form (seed ※1). */
export const hoikuShikyuNintei: ProcedureTemplate = {
  ...base,
  office: 'hoiku',
  id: 'hoiku-shikyu-nintei',
  title: '子どものための教育・保育給付 支給認定申請',
  titleEn: 'Childcare: application for certification (types 1–3)',
  titleKana: 'コドモ ノ タメ ノ キョウイク・ホイクキュウフ シキュウニンテイシンセイ',
  description: t(
    '幼稚園・保育所・認定こども園などを利用するための認定（1号・2号・3号）の申請です。保育所等の利用には、保育を必要とする事由が必要です。',
    'Apply for certification (type 1, 2 or 3) to use kindergartens, nurseries or centres for early childhood education and care.',
  ),
  legalBasis: '子ども・子育て支援法第20条',
  lifeEvents: ['子育て', '入園・入学', '就職・退職'],
  eligibility: hasChildUpTo(5),
  requiredDocuments: [
    shuurouShoumeisho(needsShuurouShoumei),
    kazeiShoumeisho(movedInAfterJan1),
    attachDoc(
      'shindansho',
      '診断書（疾病・障害の場合）',
      "Doctor's certificate (illness or disability)",
      guardianJiyu('shippei'),
    ),
    attachDoc(
      'boshi-techou',
      '母子健康手帳の写し（出産予定日のわかるページ）',
      'Maternal and child health handbook (due-date page)',
      guardianJiyu('ninshin'),
    ),
    attachDoc(
      'kyushoku-moushitate',
      '求職活動申立書',
      'Declaration of job seeking',
      guardianJiyu('kyushoku'),
    ),
    attachDoc('zaigaku-shoumei', '在学証明書', 'Certificate of enrolment', guardianJiyu('shugaku')),
  ],
  form: buildForm([
    applicantSection([jiyu()], t('保護者（申請者）', 'Guardian (applicant)')),
    ...spouseSections([jiyu()]),
    childrenSection({
      extra: [
        radio('ninteiKubun', t('認定区分', 'Certification type'), [
          ['1', '1号（満3歳以上・教育標準時間）', 'Type 1 (3+, education hours)'],
          ['2', '2号（満3歳以上・保育）', 'Type 2 (3+, childcare)'],
          ['3', '3号（満3歳未満・保育）', 'Type 3 (under 3, childcare)'],
        ]),
        radio(
          'hitsuyouRyou',
          t('希望する保育の必要量', 'Childcare hours'),
          [
            ['hyoujun', '保育標準時間（最長11時間）', 'Standard (up to 11 hours)'],
            ['tanjikan', '保育短時間（最長8時間）', 'Short (up to 8 hours)'],
          ],
          { required: false },
        ),
      ],
    }),
    taxSection,
    section({
      id: 'household-status',
      title: t('世帯の状況', 'Household'),
      parts: [
        radio('seikatsuHogo', t('生活保護を受けていますか', 'Do you receive public assistance?'), yesNo),
        radio('hitorioya', t('ひとり親世帯ですか', 'Are you a single-parent household?'), yesNo),
      ],
    }),
  ]),
  notices: { correction: true, result: true },
};

const facility = (n: number, required: boolean) =>
  text(`facility${n}`, t(`第${n}希望の施設名`, `Choice ${n}: facility`), 100, { required });

/** 保育施設等利用申込 (児童福祉法第24条, 子ども・子育て支援法第42条). */
export const hoikuRiyouMoushikomi: ProcedureTemplate = {
  ...base,
  office: 'hoiku',
  id: 'hoiku-riyou-moushikomi',
  title: '保育施設等利用申込',
  titleEn: 'Childcare: application for a nursery place',
  titleKana: 'ホイクシセツトウ リヨウモウシコミ',
  description: t(
    '保育所・認定こども園・地域型保育などの利用を申し込みます。支給認定申請（2号・3号）と一緒に提出してください。',
    'Apply for a place at a nursery, centre or small-scale childcare. Submit together with the certification application (types 2 and 3).',
  ),
  legalBasis: '児童福祉法第24条',
  lifeEvents: ['子育て', '入園・入学', '就職・退職'],
  eligibility: hasChildUpTo(5),
  requiredDocuments: [shuurouShoumeisho(needsShuurouShoumei)],
  form: buildForm([
    applicantSection([jiyu()], t('保護者（申込者）', 'Guardian (applicant)')),
    ...spouseSections([jiyu()]),
    childrenSection({
      extra: [
        date('desiredStart', t('利用開始希望日', 'Desired start date')),
        facility(1, true),
        facility(2, false),
        facility(3, false),
        textarea('health', t('健康状態・アレルギー等', 'Health and allergies'), 600),
      ],
    }),
    section({
      id: 'siblings',
      title: t('きょうだいの利用状況', 'Siblings'),
      parts: [
        radio(
          'siblingInCare',
          t('きょうだいが保育施設等を利用中ですか', 'Does a sibling already attend a facility?'),
          yesNo,
        ),
      ],
    }),
  ]),
  notices: { correction: true, result: true },
};

/** 保育施設等の現況届: yearly check that the reason for childcare still holds. */
export const hoikuGenkyou: ProcedureTemplate = {
  ...base,
  office: 'hoiku',
  id: 'hoiku-genkyou',
  title: '保育施設等の現況届',
  titleEn: 'Childcare: annual status report',
  titleKana: 'ホイクシセツトウ ノ ゲンキョウトドケ',
  description: t(
    '保育施設等を利用している世帯が、毎年、保育を必要とする事由が続いているかを届け出ます。提出時期はお知らせでご案内します。',
    'Each year, families using childcare report whether the reason for childcare still holds. A notice tells you when.',
  ),
  legalBasis: '子ども・子育て支援法施行規則第14条',
  lifeEvents: ['子育て'],
  eligibility: hasChildUpTo(5),
  requiredDocuments: [shuurouShoumeisho(needsShuurouShoumei), kazeiShoumeisho(movedInAfterJan1)],
  form: buildForm([
    applicantSection([jiyu()], t('保護者', 'Guardian')),
    ...spouseSections([jiyu()]),
    childrenSection({ extra: [text('facility', t('利用中の施設名', 'Current facility'), 100)] }),
    taxSection,
    section({
      id: 'changes',
      title: t('変更の有無', 'Changes'),
      parts: [
        radio(
          'changed',
          t(
            '前回の届出から勤務先・世帯などに変更がありましたか',
            'Has your work or household changed since last time?',
          ),
          yesNo,
        ),
        textarea('changeDetail', t('変更の内容', 'What changed'), 600, { when: formIs('changed', true) }),
      ],
    }),
  ]),
  notices: { correction: true, result: true },
  statusReport: { fromMonth: 9, fromDay: 1, toMonth: 9, toDay: 30, leadDays: 14 },
};
