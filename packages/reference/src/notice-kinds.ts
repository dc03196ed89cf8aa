/**
 * Kinds of お知らせ (notices): one closed vocabulary shared by the sending agency (which refuses any
 * other kind), the portal (filters, per-kind mail alert switches) and e-delivery links (which kinds the
 * resident also wants delivered there). See docs/notices.md.
 */
export const noticeKindNames = {
  checkup: { ja: '健診', en: 'Health checkup' },
  vaccination: { ja: '予防接種', en: 'Vaccination' },
  status_report: { ja: '現況届', en: 'Status report' },
  correction: { ja: '補正', en: 'Correction request' },
  result: { ja: '審査結果', en: 'Decision' },
  payment: { ja: '納付', en: 'Payment' },
  tax: { ja: '税', en: 'Tax' },
  benefit: { ja: '給付', en: 'Benefit' },
  general: { ja: 'その他', en: 'Other' },
} as const;

export type NoticeKind = keyof typeof noticeKindNames;

export const noticeKinds = Object.keys(noticeKindNames) as NoticeKind[];

export function isNoticeKind(s: string): s is NoticeKind {
  return Object.hasOwn(noticeKindNames, s);
}
