import {
  buildForm,
  date,
  digits,
  integer,
  radio,
  section,
  select,
  t,
  text,
  timeOfDay,
  yesNo,
} from '../form-builder.ts';
import { addressParts, formIs, personName } from './parts.ts';
import { base, type ProcedureTemplate } from './template.ts';

/**
 * 就労証明書 as an electronic form, filled in by the employer (seed table: 「就労証明書については、電子的に
 * 入力可能な様式を提供予定」). Items follow こども家庭庁 就労証明書 標準的な様式: employer, the worker,
 * employment type and period, usual working days and hours, and leave (産休・育休) with the return date.
 */
export const shuurouShoumeisho: ProcedureTemplate = {
  ...base,
  office: 'hoiku',
  category: '事業者',
  filledBy: 'employer',
  id: 'shuurou-shoumeisho',
  title: '就労証明書',
  titleEn: 'Employment certificate (filled in by the employer)',
  titleKana: 'シュウロウショウメイショ',
  description: t(
    '保育の利用を申請する従業員のために、勤務先が就労の状況を証明します。提出された内容は申請に添付されます。',
    'Employers certify the work of an employee who applies for childcare; the certificate is attached to the application.',
  ),
  legalBasis: '子ども・子育て支援法施行規則第1条の5',
  lifeEvents: ['子育て', '就職・退職'],
  eligibility: true,
  requiredDocuments: [],
  form: buildForm([
    section({
      id: 'employer',
      title: t('事業所', 'Employer'),
      group: 'employer',
      parts: [
        date('certifiedOn', t('証明日', 'Date of certification')),
        text('name', t('事業所名', 'Employer name'), 100, { autocomplete: 'organization' }),
        digits('corporateNumber', t('法人番号', 'Corporate number'), 13, { required: false }),
        text('representative', t('代表者名', 'Representative'), 100),
        ...addressParts(),
        text('phone', t('電話番号', 'Phone'), 20),
        text('contactPerson', t('記載者（担当者）氏名', 'Person filling in'), 100),
        select('industry', t('業種', 'Industry'), [
          ['agriculture', '農林漁業', 'Agriculture, forestry, fishing'],
          ['construction', '建設業', 'Construction'],
          ['manufacturing', '製造業', 'Manufacturing'],
          ['it', '情報通信業', 'Information and communications'],
          ['transport', '運輸業・郵便業', 'Transport and postal'],
          ['retail', '卸売業・小売業', 'Wholesale and retail'],
          ['finance', '金融業・保険業', 'Finance and insurance'],
          ['hospitality', '宿泊業・飲食サービス業', 'Accommodation and food'],
          ['medical', '医療・福祉', 'Medical and welfare'],
          ['education', '教育・学習支援業', 'Education'],
          ['public', '公務', 'Public service'],
          ['other', 'その他', 'Other'],
        ]),
      ],
    }),
    section({
      id: 'worker',
      title: t('就労者', 'Worker'),
      group: 'worker',
      parts: [
        ...personName(),
        date('birthDate', t('生年月日', 'Date of birth')),
        select('employmentType', t('雇用の形態', 'Type of employment'), [
          ['seishain', '正社員', 'Regular employee'],
          ['part', 'パート・アルバイト', 'Part-time'],
          ['haken', '派遣社員', 'Agency worker'],
          ['keiyaku', '契約社員', 'Fixed-term contract'],
          ['kaikei-nendo', '会計年度任用職員', 'Fiscal-year public employee'],
          ['jieigyo', '自営業主', 'Self-employed'],
          ['senjusha', '自営業専従者・家族従事者', 'Family worker in a business'],
          ['itaku', '業務委託', 'Contractor'],
          ['other', 'その他', 'Other'],
        ]),
        date('employedFrom', t('雇用（予定）期間 開始日', 'Employed from')),
        date('employedUntil', t('雇用（予定）期間 終了日（定めがある場合）', 'Employed until (if fixed)'), {
          required: false,
        }),
        text('workplaceName', t('就労先（実際の勤務地）', 'Place of work'), 100),
        text('workplaceAddress', t('就労先の住所', 'Address of the place of work'), 200),
      ],
    }),
    section({
      id: 'hours',
      title: t('就労時間（固定就労の場合）', 'Working hours'),
      group: 'hours',
      parts: [
        integer('daysPerMonth', t('1か月あたりの就労日数', 'Working days per month'), 1, 31),
        integer(
          'hoursPerMonth',
          t('1か月あたりの就労時間（休憩を除く）', 'Working hours per month (excluding breaks)'),
          1,
          400,
        ),
        timeOfDay('usualStart', t('主な始業時刻', 'Usual start time')),
        timeOfDay('usualEnd', t('主な終業時刻', 'Usual end time')),
        radio('shift', t('シフト制・変則勤務ですか', 'Shift or irregular work?'), yesNo),
      ],
    }),
    section({
      id: 'leave',
      title: t('休業の状況', 'Leave'),
      parts: [
        radio(
          'onLeave',
          t(
            '産前・産後休業、育児休業等を取得中または取得予定ですか',
            'Is the worker on (or about to take) maternity or childcare leave?',
          ),
          yesNo,
        ),
      ],
    }),
    section({
      id: 'leave-detail',
      title: t('休業の内容', 'Leave details'),
      group: 'leaveDetail',
      requiredWhen: { property: 'onLeave', equals: true },
      parts: [
        radio('kind', t('休業の種類', 'Kind of leave'), [
          ['sanzen-sango', '産前・産後休業', 'Maternity leave'],
          ['ikukyu', '育児休業', 'Childcare leave'],
          ['kaigo', '介護休業', 'Family care leave'],
          ['other', 'その他', 'Other'],
        ]),
        date('from', t('休業開始日', 'Leave starts')),
        date('until', t('休業終了（予定）日', 'Leave ends')),
        date('returnDate', t('復職（予定）日', 'Return to work'), {
          required: false,
          when: formIs('onLeave', true),
        }),
      ],
    }),
  ]),
  notices: { correction: true, result: false },
};
