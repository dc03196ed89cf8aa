import { buildForm, date, multi, radio, section, t, text, textarea } from '../form-builder.ts';
import {
  addressParts,
  applicantSection,
  attachDoc,
  bankSections,
  childrenSection,
  digitsJukyusha,
  formIs,
  hasChildUpTo,
  juminhyo,
  personName,
  someChildApart,
} from './parts.ts';
import { base, type ProcedureTemplate } from './template.ts';

const jukyushaNumber = digitsJukyusha();

const receiving = { and: [hasChildUpTo(18)] };

/** 額改定の請求（増額）及び届出（減額）: 児童手当法第9条. */
export const jidouTeateGakuKaitei: ProcedureTemplate = {
  ...base,
  office: 'kosodate',
  id: 'jidou-teate-gaku-kaitei',
  title: '児童手当の額の改定の請求及び届出',
  titleEn: 'Child allowance: claim or report a change of amount',
  titleKana: 'ジドウテアテ ノ ガク ノ カイテイ ノ セイキュウ オヨビ トドケデ',
  description: t(
    '養育する児童が増えたとき（出生など）は額の改定を請求し、減ったときは届け出てください。増額は事由発生の翌日から15日以内の請求が必要です。',
    'Claim a higher amount when you start raising another child (a birth etc.) and report when you raise fewer. Claim an increase within 15 days.',
  ),
  legalBasis: '児童手当法第9条',
  lifeEvents: ['妊娠・出産', '子育て'],
  eligibility: receiving,
  requiredDocuments: [
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
  ],
  form: buildForm([
    applicantSection([jukyushaNumber]),
    section({
      id: 'change',
      title: t('改定の内容', 'Change'),
      parts: [
        radio('direction', t('請求・届出の別', 'Kind'), [
          ['increase', '増額の請求（児童が増えた）', 'Claim an increase (one more child)'],
          ['decrease', '減額の届出（児童が減った）', 'Report a decrease (one fewer child)'],
        ]),
        date('eventDate', t('事由発生日', 'Date of the event')),
        textarea(
          'reason',
          t('事由（出生、養育開始、施設入所など）', 'Reason (birth, start of care, placement …)'),
          400,
          {
            required: true,
          },
        ),
      ],
    }),
    childrenSection({ title: '増えた・減った児童' }),
  ]),
  notices: { correction: true, result: true },
};

const changeKinds = [
  ['name', '請求者の氏名', "Applicant's name"],
  ['address', '請求者の住所（市区町村内）', "Applicant's address (within the municipality)"],
  ['child-name', '児童の氏名', "A child's name"],
  ['child-address', '児童の住所', "A child's address"],
  ['spouse', '配偶者の有無・氏名', 'Spouse or spouse name'],
  ['pension', '加入している年金', 'Pension scheme'],
  ['account', '振込先口座', 'Payment account'],
] as const;

/** 氏名変更/住所変更等の届出 (児童手当法施行規則第4条〜第6条等). */
export const jidouTeateHenkou: ProcedureTemplate = {
  ...base,
  office: 'kosodate',
  id: 'jidou-teate-henkou',
  title: '児童手当 氏名変更/住所変更等の届出',
  titleEn: 'Child allowance: report a change of name, address etc.',
  titleKana: 'ジドウテアテ シメイヘンコウ ジュウショヘンコウトウ ノ トドケデ',
  description: t(
    '児童手当を受けている方や児童の氏名・住所、配偶者、年金、口座が変わったときの届出です。',
    'Report changes to your or your children’s name or address, spouse, pension scheme or account.',
  ),
  legalBasis: '児童手当法施行規則',
  lifeEvents: ['子育て', '引越し', '結婚・離婚'],
  eligibility: receiving,
  requiredDocuments: [
    juminhyo(
      'bekkyo-juminhyo',
      '別居することになった児童の住民票の写し',
      'Resident record of a child now living apart',
      {
        in: ['child-address', { var: 'form.changes' }],
      },
    ),
    attachDoc(
      'kouza-kakunin',
      '新しい口座の確認書類（通帳またはキャッシュカードの写し）',
      'Copy of the new account',
      {
        in: ['account', { var: 'form.changes' }],
      },
    ),
  ],
  form: buildForm([
    applicantSection([jukyushaNumber]),
    section({
      id: 'changes',
      title: t('変更の内容', 'What changed'),
      parts: [
        multi('changes', t('変更した事項（複数選択可）', 'What changed (choose all)'), changeKinds),
        date('changeDate', t('変更日', 'Date of the change')),
        text('newFamilyName', t('変更後の氏', 'New family name'), 50, {
          required: false,
          when: { in: ['name', { var: 'form.changes' }] },
        }),
        textarea('detail', t('変更後の内容（住所・口座など）', 'New details (address, account …)'), 600),
      ],
    }),
  ]),
  notices: { correction: true, result: false },
};

/** 受給事由消滅の届出 (児童手当法施行規則第7条). */
export const jidouTeateShoumetsu: ProcedureTemplate = {
  ...base,
  office: 'kosodate',
  id: 'jidou-teate-shoumetsu',
  title: '児童手当 受給事由消滅の届出',
  titleEn: 'Child allowance: report loss of entitlement',
  titleKana: 'ジドウテアテ ジュキュウジユウショウメツ ノ トドケデ',
  description: t(
    '転出、児童を養育しなくなった、公務員になったなど、児童手当を受ける理由がなくなったときの届出です。',
    'Report when you are no longer entitled: moving out, no longer raising the child, becoming a public servant etc.',
  ),
  legalBasis: '児童手当法施行規則第7条',
  lifeEvents: ['子育て', '引越し', '就職・退職', '結婚・離婚'],
  eligibility: receiving,
  requiredDocuments: [],
  form: buildForm([
    applicantSection([jukyushaNumber]),
    section({
      id: 'reason',
      title: t('消滅の理由', 'Reason'),
      parts: [
        radio('reason', t('理由', 'Reason'), [
          ['tenshutsu', '他の市区町村へ転出', 'Moving to another municipality'],
          ['no-child', '児童を養育しなくなった', 'No longer raising the child'],
          ['koumuin', '公務員になった', 'Became a public servant'],
          ['abroad', '国外に転出', 'Moving abroad'],
          ['other', 'その他', 'Other'],
        ]),
        date('eventDate', t('事由発生日', 'Date of the event')),
        text('newAddress', t('転出先の住所', 'New address'), 200, {
          required: false,
          when: formIs('reason', 'tenshutsu'),
        }),
        textarea('detail', t('その他の内容', 'Details'), 400),
      ],
    }),
  ]),
  notices: { correction: true, result: false },
};

/** 未支払の児童手当の請求 (児童手当法第12条): a recipient died before a payment was made. */
export const jidouTeateMishiharai: ProcedureTemplate = {
  ...base,
  office: 'kosodate',
  id: 'jidou-teate-mishiharai',
  title: '未支払の児童手当の請求',
  titleEn: 'Child allowance: claim an unpaid allowance',
  titleKana: 'ミシハライ ノ ジドウテアテ ノ セイキュウ',
  description: t(
    '児童手当の受給者が亡くなり、まだ支払われていない手当があるとき、その児童（または児童の養育者）が請求します。',
    'When a recipient died before an allowance was paid, the child (or whoever now raises the child) claims it.',
  ),
  legalBasis: '児童手当法第12条',
  lifeEvents: ['おくやみ', '子育て'],
  eligibility: true,
  requiredDocuments: [
    attachDoc(
      'kouza-kakunin',
      '口座確認書類（通帳またはキャッシュカードの写し）',
      'Bank book or cash card copy',
      {
        '!==': [{ var: 'form.accountChoice' }, 'kokin'],
      },
    ),
  ],
  form: buildForm([
    applicantSection([], t('請求者（児童または児童を養育する方）', 'Claimant (the child or their carer)')),
    section({
      id: 'deceased',
      title: t('亡くなった受給者', 'Deceased recipient'),
      group: 'deceased',
      parts: [
        ...personName(),
        ...addressParts(),
        date('deathDate', t('死亡年月日', 'Date of death')),
        radio('relationship', t('請求者との関係', 'Relationship to the claimant'), [
          ['parent', '父母', 'Parent'],
          ['grandparent', '祖父母', 'Grandparent'],
          ['other', 'その他', 'Other'],
        ]),
      ],
    }),
    childrenSection(),
    ...bankSections(),
  ]),
  notices: { correction: true, result: true },
};
