import {
  buildForm,
  date,
  integer,
  multi,
  radio,
  section,
  select,
  servedChoice,
  t,
  text,
  textarea,
  yesNo,
} from '../form-builder.ts';
import { applicantSection, personName } from './parts.ts';
import { base, type ProcedureTemplate } from './template.ts';

const pregnant = { '!!': { var: 'pregnant' } };

/** 妊娠の届出 (母子保健法第15条); the 母子健康手帳 is handed over at the 面談. */
export const ninshinTodoke: ProcedureTemplate = {
  ...base,
  office: 'boshi',
  category: '健康・医療',
  id: 'ninshin-todoke',
  title: '妊娠の届出',
  titleEn: 'Notification of pregnancy',
  titleKana: 'ニンシン ノ トドケデ',
  description: t(
    '妊娠がわかったら届け出てください。面談のうえ母子健康手帳と妊婦健康診査の受診票をお渡しします。',
    'Notify us once you know you are pregnant. At an interview you receive the maternal and child health handbook and check-up vouchers.',
  ),
  legalBasis: '母子保健法第15条',
  lifeEvents: ['妊娠・出産'],
  eligibility: pregnant,
  requiredDocuments: [],
  form: buildForm([
    applicantSection(
      [
        select('occupation', t('職業', 'Occupation'), [
          ['employee', '会社員・公務員', 'Employee or public servant'],
          ['self', '自営業', 'Self-employed'],
          ['part', 'パート・アルバイト', 'Part-time'],
          ['student', '学生', 'Student'],
          ['none', '無職・専業主婦（夫）', 'Not working'],
          ['other', 'その他', 'Other'],
        ]),
      ],
      t('妊婦（届出者）', 'Pregnant person (notifier)'),
    ),
    section({
      id: 'pregnancy',
      title: t('妊娠の状況', 'Pregnancy'),
      group: 'pregnancy',
      parts: [
        date('dueDate', t('出産予定日', 'Due date')),
        integer('weeks', t('届出時の妊娠週数', 'Weeks of pregnancy now'), 0, 45),
        text('diagnosedAt', t('妊娠を診断した医療機関', 'Clinic that diagnosed the pregnancy'), 100),
        radio('multiple', t('胎児の数', 'Number of babies'), [
          ['single', '1人', 'One'],
          ['twins', '2人（双子）', 'Twins'],
          ['more', '3人以上', 'Three or more'],
          ['unknown', '未確認', 'Not known yet'],
        ]),
        integer('previousBirths', t('これまでの出産回数', 'Previous births'), 0, 20),
      ],
    }),
    section({
      id: 'partner',
      title: t('パートナー（任意）', 'Partner (optional)'),
      group: 'partner',
      optional: true,
      parts: [...personName().map((p) => ({ ...p, required: false }))],
    }),
  ]),
  notices: { correction: true, result: true },
};

/**
 * 面談 questionnaire (seed table: 「アンケート機能を活用した効率的な面談の調整」). Its answers let the
 * こども家庭センター prepare and book the interview; open slots are served by the back office at
 * render time (field `slot`), so the definition never goes stale.
 */
export const ninshinMendan: ProcedureTemplate = {
  ...base,
  office: 'boshi',
  category: '健康・医療',
  signatureRequired: false,
  id: 'ninshin-mendan',
  title: '妊娠届出時の面談アンケート・面談予約',
  titleEn: 'Pregnancy interview: questionnaire and booking',
  titleKana: 'ニンシントドケデジ ノ メンダン アンケート・メンダンヨヤク',
  description: t(
    '保健師・助産師との面談の前にアンケートに答え、面談の日時と方法を選んでください。',
    'Answer a few questions before your interview with a public health nurse or midwife, and choose a time and way to meet.',
  ),
  legalBasis: '母子保健法第10条',
  lifeEvents: ['妊娠・出産'],
  eligibility: pregnant,
  requiredDocuments: [],
  form: buildForm([
    section({
      id: 'feelings',
      title: t('今のお気持ちと体調', 'How you feel'),
      parts: [
        radio('feeling', t('妊娠がわかったときの気持ち', 'How did you feel about the pregnancy?'), [
          ['happy', 'うれしい', 'Happy'],
          ['unexpected-happy', '予想外だったがうれしい', 'Unexpected but happy'],
          ['unsure', '戸惑っている', 'Unsure'],
          ['troubled', '困っている', 'Troubled'],
        ]),
        radio(
          'lowMood',
          t(
            'この1か月、気分が沈んだり、ゆううつな気持ちになることがよくありましたか',
            'In the past month, have you often felt down or depressed?',
          ),
          yesNo,
        ),
        radio(
          'lostInterest',
          t(
            'この1か月、物事に興味がわかない、心から楽しめない感じがよくありましたか',
            'In the past month, have you often had little interest or pleasure in doing things?',
          ),
          yesNo,
        ),
        radio('smoking', t('喫煙', 'Smoking'), [
          ['never', '吸わない', 'Never'],
          ['quit', '妊娠を機にやめた', 'Quit for the pregnancy'],
          ['smokes', '吸っている', 'Smokes'],
        ]),
        multi('worries', t('心配なこと（複数選択可）', 'Worries (choose all)'), [
          ['health', '体調', 'Health'],
          ['money', '経済的なこと', 'Money'],
          ['housing', '住まい', 'Housing'],
          ['work', '仕事', 'Work'],
          ['partner', 'パートナーとの関係', 'Relationship with partner'],
          ['older-child', '上の子の育児', 'Caring for older children'],
          ['illness', '持病・既往歴', 'Existing illness'],
          ['other', 'その他', 'Other'],
        ]),
      ],
    }),
    section({
      id: 'support',
      title: t('支えてくれる人', 'Support'),
      parts: [
        radio(
          'hasConfidant',
          t('困ったときに相談できる人がいますか', 'Is there someone you can talk to when in trouble?'),
          yesNo,
        ),
        radio(
          'helpAfterBirth',
          t(
            '産後に家事や育児を手伝ってくれる人がいますか',
            'Will someone help with housework and the baby after the birth?',
          ),
          yesNo,
        ),
      ],
    }),
    section({
      id: 'interview',
      title: t('面談の予約', 'Book the interview'),
      parts: [
        radio('method', t('面談の方法', 'How to meet'), [
          ['visit', '窓口に来所', 'At the office'],
          ['home', '自宅への訪問', 'Home visit'],
          ['online', 'オンライン', 'Online'],
        ]),
        servedChoice('slot', t('面談の日時', 'Date and time'), '/machine/catalogue/ninshin-mendan/slots'),
        select('language', t('面談で使う言語', 'Language for the interview'), [
          ['ja', '日本語', 'Japanese'],
          ['en', '英語', 'English'],
          ['zh', '中国語', 'Chinese'],
          ['ko', '韓国語', 'Korean'],
          ['vi', 'ベトナム語', 'Vietnamese'],
          ['pt', 'ポルトガル語', 'Portuguese'],
          ['other', 'その他', 'Other'],
        ]),
        textarea('note', t('面談で相談したいこと', 'What you want to talk about'), 1000),
      ],
    }),
  ]),
  notices: { correction: false, result: true },
};
