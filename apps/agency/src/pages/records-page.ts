import { html, type SafeHtml } from '@madoguchi/ui';
import { INFO_TYPES } from '../services/records/info-types.ts';
import type { StaffRecord } from '../services/records/staff-records.ts';
import { page } from './staff-pages.ts';

type Lang = 'ja' | 'en';

const t = {
  ja: {
    title: '情報提供用データ（中間サーバー）',
    intro:
      '団体コードと、その団体での符号を入力すると、その方について情報提供ネットワークに提供できる情報を表示します。',
    code: '団体コード',
    codeHint: '例: 131016（千代田区）、jps（日本年金機構）、kyokai-kenpo（協会けんぽ）',
    fugo: '符号',
    show: '表示する',
    none: 'この方の情報はまだ登録されていません。',
    type: '情報の種類',
    asOf: '基準日',
    updated: '更新',
    add: '情報を登録する',
    recordTitle: '表題',
    fields: '項目',
    fieldsHint:
      '1行に1項目、「キー|項目名|値」の形で入力します（例: taxableIncome|課税標準額（円）|3200000）。数字だけの値は数値として登録されます。',
    save: '登録する',
    errors: '入力内容を確認してください',
  },
  en: {
    title: 'Records for exchange (intermediate server)',
    intro:
      "Enter an agency code and the person's link code at that agency to see what it can provide through the network.",
    code: 'Agency code',
    codeHint: 'e.g. 131016 (Chiyoda), jps (Japan Pension Service), kyokai-kenpo (Kyokai Kenpo)',
    fugo: 'Link code',
    show: 'Show',
    none: 'No information is recorded for this person yet.',
    type: 'Information type',
    asOf: 'As of',
    updated: 'Updated',
    add: 'Record information',
    recordTitle: 'Title',
    fields: 'Fields',
    fieldsHint:
      'One field per line as "key|label|value" (e.g. taxableIncome|Taxable income (yen)|3200000). Values of digits only are stored as numbers.',
    save: 'Record',
    errors: 'Check what you entered',
  },
} as const;

export interface RecordsPageInput {
  code: string;
  fugo: string;
  records?: StaffRecord[];
  /** Problems with the add form, each linked to its field. */
  problems?: { field: string; message: string }[];
  form?: { infoType: string; title: string; asOf: string; fields: string };
}

function recordList(lang: Lang, records: StaffRecord[]): SafeHtml {
  const m = t[lang];
  if (records.length === 0) return html`<p>${m.none}</p>`;
  return html`${records.map(
    (r) => html`<section class="record"><h3>${r.title}</h3>
<p>${m.type}: ${INFO_TYPES[r.infoType as keyof typeof INFO_TYPES] ?? r.infoType}（${r.infoType}） / ${m.asOf}: ${r.asOf} / ${m.updated}: ${r.updatedAt.slice(0, 10)} ${r.updatedBy}</p>
<table class="data"><tbody>${r.fields.map((f) => html`<tr><th scope="row">${f.label}</th><td>${f.value === null ? '' : String(f.value)}</td></tr>`)}</tbody></table></section>`,
  )}`;
}

export function renderRecordsPage(lang: Lang, input: RecordsPageInput): string {
  const m = t[lang];
  const q = lang === 'en' ? '?lang=en' : '';
  const form = input.form ?? { infoType: 'juminhyo', title: '', asOf: '', fields: '' };
  const main = html`<h1>${m.title}</h1>
<p>${m.intro}</p>
<form method="get" action="/staff/records">
  ${lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
  <div class="form-field"><label for="code">${m.code}</label><p class="hint" id="code-hint">${m.codeHint}</p>
    <input type="text" id="code" name="code" required value="${input.code}" aria-describedby="code-hint"></div>
  <div class="form-field"><label for="fugo">${m.fugo}</label><input type="text" id="fugo" name="fugo" required value="${input.fugo}"></div>
  <button class="button button--secondary" type="submit">${m.show}</button>
</form>
${
  input.records
    ? html`${recordList(lang, input.records)}
<h2 id="add">${m.add}</h2>
${
  input.problems && input.problems.length > 0
    ? html`<div class="error-summary" role="alert"><h2>${m.errors}</h2><ul>${input.problems.map((p) => html`<li><a href="#${p.field}">${p.message}</a></li>`)}</ul></div>`
    : ''
}
<form method="post" action="/staff/records${q}">
  <input type="hidden" name="code" value="${input.code}"><input type="hidden" name="fugo" value="${input.fugo}">
  <div class="form-field"><label for="infoType">${m.type}</label><select id="infoType" name="infoType">${Object.entries(
    INFO_TYPES,
  ).map(([k, v]) =>
    k === form.infoType
      ? html`<option value="${k}" selected>${v}（${k}）</option>`
      : html`<option value="${k}">${v}（${k}）</option>`,
  )}</select></div>
  <div class="form-field"><label for="title">${m.recordTitle}</label><input type="text" id="title" name="title" required maxlength="500" value="${form.title}"></div>
  <div class="form-field"><label for="asOf">${m.asOf}</label><input type="date" id="asOf" name="asOf" required value="${form.asOf}"></div>
  <div class="form-field"><label for="fields">${m.fields}</label><p class="hint" id="fields-hint">${m.fieldsHint}</p>
    <textarea id="fields" name="fields" rows="8" aria-describedby="fields-hint">${form.fields}</textarea></div>
  <button class="button" type="submit">${m.save}</button>
</form>`
    : ''
}`;
  return page(lang, m.title, '/staff/records', main, true);
}
