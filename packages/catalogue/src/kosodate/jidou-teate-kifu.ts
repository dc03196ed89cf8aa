import { buildForm, date, integer, multi, pledge, radio, section, t, text } from '../form-builder.ts';
import { applicantSection, childrenSection, digitsJukyusha, formIs, hasChildUpTo } from './parts.ts';
import { base, type ProcedureTemplate } from './template.ts';

const receiving = hasChildUpTo(18);

/** 児童手当に係る寄附の申出 (児童手当法第20条): the recipient donates part or all of the allowance to the municipality. */
export const jidouTeateKifu: ProcedureTemplate = {
  ...base,
  office: 'kosodate',
  id: 'jidou-teate-kifu',
  title: '児童手当に係る寄附の申出',
  titleEn: 'Child allowance: offer to donate the allowance',
  titleKana: 'ジドウテアテ ニ カカル キフ ノ モウシデ',
  description: t(
    '受け取る児童手当の全部または一部を、市区町村に寄附して地域の子ども・子育て支援に役立ててもらう申出です。',
    'Offer to donate all or part of your allowance to the municipality for local child and family support.',
  ),
  legalBasis: '児童手当法第20条',
  lifeEvents: ['子育て'],
  eligibility: receiving,
  requiredDocuments: [],
  form: buildForm([
    applicantSection([digitsJukyusha()]),
    section({
      id: 'donation',
      title: t('寄附の内容', 'Donation'),
      parts: [
        radio('scope', t('寄附する額', 'Amount'), [
          ['all', '支給額の全部', 'The whole allowance'],
          ['part', '支給額の一部', 'Part of it'],
        ]),
        integer('monthlyAmountYen', t('寄附する月額（円）', 'Monthly amount (yen)'), 1, 30000, {
          required: false,
          when: formIs('scope', 'part'),
        }),
        date('startDate', t('寄附を始める支給月（初日）', 'First payment month (first day)')),
        text('purpose', t('寄附の使途の希望（任意）', 'Preferred use (optional)'), 200, { required: false }),
      ],
    }),
  ]),
  notices: { correction: true, result: true },
};

/** 児童手当に係る寄附変更等の申出 (児童手当法施行規則). */
export const jidouTeateKifuHenkou: ProcedureTemplate = {
  ...base,
  office: 'kosodate',
  id: 'jidou-teate-kifu-henkou',
  title: '児童手当に係る寄附変更等の申出',
  titleEn: 'Child allowance: change or withdraw a donation',
  titleKana: 'ジドウテアテ ニ カカル キフヘンコウトウ ノ モウシデ',
  description: t(
    '児童手当の寄附の額を変更するとき、または寄附をやめるときの申出です。',
    'Change the amount you donate from the allowance, or stop donating.',
  ),
  legalBasis: '児童手当法施行規則',
  lifeEvents: ['子育て'],
  eligibility: receiving,
  requiredDocuments: [],
  form: buildForm([
    applicantSection([digitsJukyusha()]),
    section({
      id: 'donation-change',
      title: t('変更の内容', 'Change'),
      parts: [
        radio('change', t('申出の内容', 'Request'), [
          ['amount', '寄附額の変更', 'Change the amount'],
          ['withdraw', '寄附の撤回', 'Stop donating'],
        ]),
        integer('newMonthlyAmountYen', t('変更後の月額（円）', 'New monthly amount (yen)'), 1, 30000, {
          required: false,
          when: formIs('change', 'amount'),
        }),
        date('effectiveDate', t('変更する支給月（初日）', 'From payment month (first day)')),
      ],
    }),
  ]),
  notices: { correction: true, result: true },
};

/** 受給資格者の申出による学校給食費等の徴収等の申出 (児童手当法第21条・第22条). */
export const jidouTeateKyushokuhi: ProcedureTemplate = {
  ...base,
  office: 'kosodate',
  id: 'jidou-teate-kyushokuhi',
  title: '受給資格者の申出による学校給食費等の徴収等の申出',
  titleEn: 'Child allowance: pay school meal fees etc. from the allowance',
  titleKana:
    'ジュキュウシカクシャ ノ モウシデ ニ ヨル ガッコウキュウショクヒトウ ノ チョウシュウトウ ノ モウシデ',
  description: t(
    '児童手当から学校給食費や保育料などを支払うことを申し出ます。',
    'Ask for school meal fees, childcare fees etc. to be paid out of the allowance.',
  ),
  legalBasis: '児童手当法第21条',
  lifeEvents: ['子育て', '入園・入学'],
  eligibility: receiving,
  requiredDocuments: [],
  form: buildForm([
    applicantSection([digitsJukyusha()]),
    section({
      id: 'fees',
      title: t('徴収する費用', 'Fees'),
      parts: [
        multi('fees', t('児童手当から支払う費用', 'Fees to pay from the allowance'), [
          ['kyushoku', '学校給食費', 'School meals'],
          ['hoikuryo', '保育料', 'Childcare fees'],
          ['gakkou-kyouiku', 'その他の学校教育活動に係る費用', 'Other school activity costs'],
        ]),
        date('startDate', t('開始する支給月（初日）', 'From payment month (first day)')),
        pledge(
          'consent',
          t(
            '児童手当から上記の費用を支払うことに同意します',
            'I agree that these fees are paid from the allowance',
          ),
        ),
      ],
    }),
    childrenSection({
      title: '費用の対象となる児童',
      extra: [text('school', t('学校・施設名', 'School or facility'), 100)],
    }),
  ]),
  notices: { correction: true, result: true },
};
