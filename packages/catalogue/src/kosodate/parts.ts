import {
  date,
  digits,
  email,
  kana,
  type Part,
  phone,
  postalCode,
  radio,
  type SectionSpec,
  section,
  select,
  t,
  text,
  yesNo,
} from '../form-builder.ts';
import type { RequiredDocument } from '../service-definition.ts';

/**
 * Form parts shared by the 子育てワンストップ procedures, after the published paper forms (内閣府
 * 児童手当認定請求書 様式第1号, こども家庭庁 就労証明書 標準的な様式, 妊娠届出書 の例). Field names are
 * English camelCase because they are keys; labels carry the 様式 wording.
 */

export const personName = (): Part[] => [
  text('familyName', t('氏', 'Family name'), 50, { autocomplete: 'family-name' }),
  text('givenName', t('名', 'Given name'), 50, { autocomplete: 'given-name' }),
  kana('familyNameKana', t('氏（フリガナ）', 'Family name (katakana)')),
  kana('givenNameKana', t('名（フリガナ）', 'Given name (katakana)')),
];

export const myNumber = (o: { required?: boolean } = {}): Part =>
  digits('myNumber', t('個人番号', 'Individual Number (My Number)'), 12, {
    help: t(
      '情報連携で課税証明書などの提出を省略するために使います。',
      'Used to obtain certificates over the information network so you need not submit them.',
    ),
    ...o,
  });

export const addressParts = (): Part[] => [
  postalCode('postalCode', t('郵便番号', 'Postal code')),
  text('address', t('住所', 'Address'), 200, { autocomplete: 'street-address' }),
];

/** 請求者・申請者: the resident filing. */
export function applicantSection(extra: Part[] = [], title = t('請求者', 'Applicant')): SectionSpec {
  return section({
    id: 'applicant',
    title,
    group: 'applicant',
    parts: [
      ...personName(),
      date('birthDate', t('生年月日', 'Date of birth'), { autocomplete: 'bday' }),
      myNumber(),
      ...addressParts(),
      phone('phone', t('電話番号（日中連絡のつく番号）', 'Phone (reachable in the daytime)')),
      email('email', t('メールアドレス', 'Email'), { required: false }),
      ...extra,
    ],
  });
}

export const relationshipChoices = [
  ['child', '子', 'Child'],
  ['grandchild', '孫', 'Grandchild'],
  ['nephew-niece', '甥・姪', 'Nephew or niece'],
  ['sibling', '弟・妹', 'Younger sibling'],
  ['other', 'その他', 'Other'],
] as const;

export const livesTogether = (): Part =>
  radio('livesTogether', t('請求者との同居', 'Lives with the applicant'), [
    [true, '同居', 'Lives together'],
    [false, '別居', 'Lives apart'],
  ]);

/** 児童: one entry per child, with the relationship to the applicant (続柄). */
export function childrenSection(o: { min?: number; extra?: Part[]; title?: string } = {}): SectionSpec {
  return section({
    id: 'children',
    title: t(o.title ?? '対象となる児童', 'Children'),
    repeat: { property: 'children', itemTitle: t('児童', 'Child'), min: o.min ?? 1, max: 10 },
    parts: [
      ...personName(),
      date('birthDate', t('生年月日', 'Date of birth')),
      select('relationship', t('請求者との続柄', 'Relationship to the applicant'), relationshipChoices),
      livesTogether(),
      myNumber(),
      ...(o.extra ?? []),
    ],
  });
}

/** 配偶者, asked only when the household has one (hasSpouse). */
export function spouseSections(extra: Part[] = []): SectionSpec[] {
  return [
    section({
      id: 'household',
      title: t('配偶者の有無', 'Spouse'),
      parts: [
        radio(
          'hasSpouse',
          t('配偶者（事実婚を含む）がいますか', 'Do you have a spouse (including de facto)?'),
          yesNo,
        ),
      ],
    }),
    section({
      id: 'spouse',
      title: t('配偶者', 'Spouse'),
      group: 'spouse',
      requiredWhen: { property: 'hasSpouse', equals: true },
      parts: [...personName(), date('birthDate', t('生年月日', 'Date of birth')), myNumber(), ...extra],
    }),
  ];
}

/** 振込先: the 公金受取口座 registered with the Digital Agency, or another account in the applicant's name. */
export function bankSections(): SectionSpec[] {
  return [
    section({
      id: 'account-choice',
      title: t('受取口座', 'Payment account'),
      parts: [
        radio('accountChoice', t('受取口座の指定', 'Which account'), [
          ['kokin', '公金受取口座を利用する', 'Use my registered public-funds account'],
          ['other', '別の口座を指定する', 'Give another account'],
        ]),
      ],
    }),
    section({
      id: 'bank',
      title: t('振込先口座（請求者名義）', "Bank account (in the applicant's name)"),
      group: 'bank',
      requiredWhen: { property: 'accountChoice', equals: 'other' },
      parts: [
        text('bankName', t('金融機関名', 'Bank'), 60),
        digits('bankCode', t('金融機関コード', 'Bank code'), 4),
        text('branchName', t('支店名', 'Branch'), 60),
        digits('branchCode', t('支店コード', 'Branch code'), 3),
        radio('accountType', t('預金種別', 'Account type'), [
          ['futsu', '普通', 'Ordinary'],
          ['touza', '当座', 'Current'],
        ]),
        digits('accountNumber', t('口座番号', 'Account number'), 7),
        kana('holderKana', t('口座名義（フリガナ）', 'Account holder (katakana)')),
      ],
    }),
  ];
}

/** 保育を必要とする事由 (子ども・子育て支援法施行規則第1条の5). */
export const hoikuJiyuChoices = [
  ['shuurou', '就労', 'Work'],
  ['ninshin', '妊娠・出産', 'Pregnancy or childbirth'],
  ['shippei', '疾病・障害', 'Illness or disability'],
  ['kaigo', '同居親族の介護・看護', 'Caring for a relative'],
  ['saigai', '災害復旧', 'Disaster recovery'],
  ['kyushoku', '求職活動', 'Looking for work'],
  ['shugaku', '就学', 'Study'],
  ['gyakutai', '虐待・DVのおそれ', 'Risk of abuse or domestic violence'],
  ['ikukyu', '育児休業中の継続利用', 'Continued use during childcare leave'],
  ['sonota', 'その他', 'Other'],
] as const;

const scan = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic'] as RequiredDocument['accept'];
const mb = 1024 * 1024;

/** A document the resident photographs or scans. */
export const attachDoc = (id: string, name: string, nameEn: string, when?: unknown): RequiredDocument => ({
  id,
  name,
  nameEn,
  accept: scan,
  maxBytes: 10 * mb,
  ...(when === undefined ? {} : { when }),
});

export const kazeiShoumeisho = (when: unknown): RequiredDocument => ({
  ...attachDoc('kazei-shoumeisho', '課税（非課税）証明書', 'Local tax certificate', when),
  help: t(
    '1月1日に他の市区町村に住んでいた方の分です。情報連携で取得できる場合は提出不要です。',
    'For those who lived in another municipality on 1 January; not needed when obtained over the network.',
  ),
  viaHub: { infoType: '地方税関係情報', what: '課税証明書' },
});

export const juminhyo = (id: string, name: string, nameEn: string, when: unknown): RequiredDocument => ({
  ...attachDoc(id, name, nameEn, when),
  viaHub: { infoType: '住民票関係情報', what: '住民票の写し' },
});

export const shuurouShoumeisho = (when: unknown): RequiredDocument => ({
  ...attachDoc('shuurou-shoumeisho', '就労証明書', 'Employment certificate', when),
  help: t(
    '勤務先に電子で記入してもらうこともできます。',
    'Your employer can also fill it in electronically.',
  ),
  electronicForm: 'shuurou-shoumeisho',
});

/** Rule helpers: `form.x == v` and "some child lives apart". */
export const formIs = (path: string, value: string | boolean) => ({
  '===': [{ var: `form.${path}` }, value],
});
export const someChildApart = {
  some: [{ var: 'form.children' }, { '===': [{ var: 'livesTogether' }, false] }],
};
/** Has a child in 高校生年代 or younger (ages from the ぴったり questions). */
export const hasChildUpTo = (age: number) => ({
  some: [{ var: 'childrenAges' }, { '<=': [0, { var: '' }, age] }],
});

/** 児童手当の受給者番号, printed on the 認定通知書; lets the office find the record without a search. */
export const digitsJukyusha = (): Part =>
  digits('jukyushaNumber', t('受給者番号（わかる場合）', 'Recipient number (if known)'), 7, {
    required: false,
  });
