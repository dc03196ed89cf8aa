import { noticeKindNames, noticeKinds } from '@madoguchi/reference';
import { html, type SafeHtml } from '@madoguchi/ui';
import type { NoticeDetail, NoticeSummary } from '../services/notices/send-notices.ts';
import { page } from './staff-pages.ts';

type Lang = 'ja' | 'en';

const t = {
  ja: {
    title: 'お知らせの送付',
    code: '団体コード',
    show: '表示する',
    list: '送付したお知らせ',
    none: 'お知らせはまだありません。',
    compose: 'お知らせを作成する',
    kind: '種類',
    noticeTitle: '件名',
    body: '本文',
    bodyHint: 'https:// で始まるURLはリンクになります。',
    audience: '宛先',
    person: '個人（この団体の符号）',
    segment: '条件（セグメント）',
    fugo: '符号',
    rule: '条件（JSON）',
    ruleHint:
      '例: {"all":[{"field":"household.childAgeMonths","op":"between","value":[3,4]}]}。項目: resident.municipality, resident.ageYears, resident.ageMonths, resident.sex, resident.relationship, household.childAgeMonths, household.childAgeYears, benefit.kind, benefit.month',
    expires: '掲載期限（任意）',
    actionLabel: '操作リンクの表示名（任意）',
    actionUrl: '操作リンクのURL（任意）',
    preview: '対象人数を確認する',
    send: '送付する',
    count: (n: number, d: string) => `対象は ${n.toLocaleString('ja-JP')} 人です（${d} 時点）。`,
    errors: '入力内容を確認してください',
    status: '状況',
    statuses: { queued: '送付待ち', sending: '送付中', sent: '送付済み', failed: '失敗' },
    total: '対象人数',
    delivered: '届いた人数',
    unknownCount: '宛先不明',
    unknown: '宛先不明の符号',
    eDelivery: '民間送達サービスへの配信',
    created: '作成',
    back: '一覧に戻る',
  },
  en: {
    title: 'Send notices',
    code: 'Agency code',
    show: 'Show',
    list: 'Notices sent',
    none: 'No notices yet.',
    compose: 'Write a notice',
    kind: 'Kind',
    noticeTitle: 'Title',
    body: 'Body',
    bodyHint: 'URLs starting with https:// become links.',
    audience: 'Audience',
    person: "One person (this agency's link code)",
    segment: 'A segment (rule)',
    fugo: 'Link code',
    rule: 'Rule (JSON)',
    ruleHint:
      'e.g. {"all":[{"field":"household.childAgeMonths","op":"between","value":[3,4]}]}. Fields: resident.municipality, resident.ageYears, resident.ageMonths, resident.sex, resident.relationship, household.childAgeMonths, household.childAgeYears, benefit.kind, benefit.month',
    expires: 'Expires (optional)',
    actionLabel: 'Action link label (optional)',
    actionUrl: 'Action link URL (optional)',
    preview: 'Count recipients',
    send: 'Send',
    count: (n: number, d: string) => `${n.toLocaleString('en')} recipients (as of ${d}).`,
    errors: 'Check what you entered',
    status: 'Status',
    statuses: { queued: 'Queued', sending: 'Sending', sent: 'Sent', failed: 'Failed' },
    total: 'Recipients',
    delivered: 'Delivered',
    unknownCount: 'Unknown',
    unknown: 'Link codes the hub did not know',
    eDelivery: 'Private e-delivery',
    created: 'Created',
    back: 'Back to the list',
  },
} as const;

export interface ComposeForm {
  kind: string;
  title: string;
  body: string;
  audienceType: string;
  fugo: string;
  rule: string;
  expiresAt: string;
  actionLabel: string;
  actionUrl: string;
}

export const emptyCompose: ComposeForm = {
  kind: 'general',
  title: '',
  body: '',
  audienceType: 'segment',
  fugo: '',
  rule: '',
  expiresAt: '',
  actionLabel: '',
  actionUrl: '',
};

export interface NoticesPageInput {
  code: string;
  csrf: string;
  items?: NoticeSummary[];
  form?: ComposeForm;
  count?: { n: number; asOf: string };
  problems?: { field: string; message: string }[];
}

const hiddenLang = (lang: Lang) => (lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : '');
const q = (lang: Lang) => (lang === 'en' ? '&lang=en' : '');

function field(id: string, label: string, control: SafeHtml, hint?: string): SafeHtml {
  return hint
    ? html`<div class="form-field"><label for="${id}">${label}</label><p class="hint" id="${id}-hint">${hint}</p>${control}</div>`
    : html`<div class="form-field"><label for="${id}">${label}</label>${control}</div>`;
}

function compose(lang: Lang, input: NoticesPageInput): SafeHtml {
  const m = t[lang];
  const f = input.form ?? emptyCompose;
  const radio = (v: string, label: string) =>
    html`<div><input type="radio" id="audience-${v}" name="audienceType" value="${v}"${f.audienceType === v ? html` checked` : ''}> <label for="audience-${v}">${label}</label></div>`;
  return html`<h2 id="compose">${m.compose}</h2>
${input.problems && input.problems.length > 0 ? html`<div class="error-summary" role="alert"><h2>${m.errors}</h2><ul>${input.problems.map((p) => html`<li><a href="#${p.field}">${p.message}</a></li>`)}</ul></div>` : ''}
${input.count ? html`<p class="notice-count" role="status">${m.count(input.count.n, input.count.asOf)}</p>` : ''}
<form method="post" action="/staff/notices${lang === 'en' ? '?lang=en' : ''}">
  <input type="hidden" name="csrf" value="${input.csrf}"><input type="hidden" name="code" value="${input.code}">
  ${field('kind', m.kind, html`<select id="kind" name="kind">${noticeKinds.map((k) => html`<option value="${k}"${k === f.kind ? html` selected` : ''}>${noticeKindNames[k][lang]}</option>`)}</select>`)}
  ${field('title', m.noticeTitle, html`<input type="text" id="title" name="title" maxlength="120" value="${f.title}">`)}
  ${field('body', m.body, html`<textarea id="body" name="body" rows="8" aria-describedby="body-hint">${f.body}</textarea>`, m.bodyHint)}
  <fieldset><legend>${m.audience}</legend>${radio('segment', m.segment)}${radio('person', m.person)}</fieldset>
  ${field('fugo', m.fugo, html`<input type="text" id="fugo" name="fugo" value="${f.fugo}">`)}
  ${field('rule', m.rule, html`<textarea id="rule" name="rule" rows="6" aria-describedby="rule-hint">${f.rule}</textarea>`, m.ruleHint)}
  ${field('expiresAt', m.expires, html`<input type="date" id="expiresAt" name="expiresAt" value="${f.expiresAt}">`)}
  ${field('actionLabel', m.actionLabel, html`<input type="text" id="actionLabel" name="actionLabel" maxlength="40" value="${f.actionLabel}">`)}
  ${field('actionUrl', m.actionUrl, html`<input type="url" id="actionUrl" name="actionUrl" value="${f.actionUrl}">`)}
  <button class="button button--secondary" type="submit" name="intent" value="preview">${m.preview}</button>
  <button class="button" type="submit" name="intent" value="send">${m.send}</button>
</form>`;
}

export function renderNoticesPage(lang: Lang, input: NoticesPageInput): string {
  const m = t[lang];
  const items = input.items ?? [];
  const main = html`<h1>${m.title}</h1>
<form method="get" action="/staff/notices">${hiddenLang(lang)}
  ${field('code', m.code, html`<input type="text" id="code" name="code" required value="${input.code}">`)}
  <button class="button button--secondary" type="submit">${m.show}</button>
</form>
${
  input.code
    ? html`<h2>${m.list}</h2>${
        items.length === 0
          ? html`<p>${m.none}</p>`
          : html`<table class="data"><thead><tr><th scope="col">${m.noticeTitle}</th><th scope="col">${m.kind}</th><th scope="col">${m.status}</th><th scope="col">${m.total}</th><th scope="col">${m.delivered}</th><th scope="col">${m.unknownCount}</th><th scope="col">${m.created}</th></tr></thead><tbody>${items.map(
              (n) =>
                html`<tr><td><a href="/staff/notices/${n.id}?code=${encodeURIComponent(input.code)}${q(lang)}">${n.title}</a></td><td>${noticeKindNames[n.kind as keyof typeof noticeKindNames]?.[lang] ?? n.kind}</td><td>${m.statuses[n.status]}</td><td>${n.recipientsTotal === null ? '—' : String(n.recipientsTotal)}</td><td>${String(n.delivered)}</td><td>${String(n.unknownCount)}</td><td>${n.createdAt.slice(0, 16).replace('T', ' ')}</td></tr>`,
            )}</tbody></table>`
      }${compose(lang, input)}`
    : ''
}`;
  return page(lang, m.title, '/staff/notices', main, true);
}

export function renderNoticeDetailPage(
  lang: Lang,
  code: string,
  n: NoticeDetail,
  eDelivery: Record<string, number> | undefined,
): string {
  const m = t[lang];
  const row = (label: string, value: string) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
  const main = html`<h1>${n.title}</h1>
<table class="data"><tbody>
${row(m.kind, noticeKindNames[n.kind as keyof typeof noticeKindNames]?.[lang] ?? n.kind)}
${row(m.status, m.statuses[n.status])}
${row(m.total, n.recipientsTotal === null ? '—' : String(n.recipientsTotal))}
${row(m.delivered, String(n.delivered))}
${row(m.unknownCount, String(n.unknownCount))}
${row(
  m.eDelivery,
  eDelivery
    ? Object.entries(eDelivery)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ') || '0'
    : '—',
)}
${row(m.created, `${n.createdAt.slice(0, 16).replace('T', ' ')} ${n.createdBy}`)}
</tbody></table>
<h2>${m.body}</h2><p class="notice-body">${n.body}</p>
${n.unknown.length > 0 ? html`<h2>${m.unknown}</h2><ul class="unknown-fugo">${n.unknown.map((f) => html`<li><code>${f}</code></li>`)}</ul>` : ''}
<p><a href="/staff/notices?code=${encodeURIComponent(code)}${q(lang)}">${m.back}</a></p>`;
  return page(lang, n.title, '/staff/notices', main, true);
}
