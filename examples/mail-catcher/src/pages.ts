import { html, type Lang, layout, type SafeHtml } from '@madoguchi/ui';
import { linkify } from './linkify.ts';
import type { Message } from './message.ts';

const text = {
  ja: {
    site: 'madoguchi メールキャッチャー',
    listTitle: '受信したメール',
    lead: '開発環境から送られたメールはここに届きます。外部には配送されません。',
    empty: 'まだメールは届いていません。',
    caption: '新しい順（最大500通）',
    received: '受信日時',
    from: '差出人',
    to: '宛先',
    subject: '件名',
    noSubject: '（件名なし）',
    headers: 'ヘッダー',
    body: '本文',
    htmlPart: 'HTMLパート（ソース表示）',
    back: '一覧へ戻る',
  },
  en: {
    site: 'madoguchi mail catcher',
    listTitle: 'Received mail',
    lead: 'Mail sent by the development setup lands here. Nothing is delivered outside.',
    empty: 'No mail has arrived yet.',
    caption: 'Newest first (up to 500 messages)',
    received: 'Received',
    from: 'From',
    to: 'To',
    subject: 'Subject',
    noSubject: '(no subject)',
    headers: 'Headers',
    body: 'Body',
    htmlPart: 'HTML part (source)',
    back: 'Back to the list',
  },
} as const;

const timeFormats = {
  ja: new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Asia/Tokyo' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Asia/Tokyo' }),
};

function receivedTime(message: Message, lang: Lang): SafeHtml {
  return html`<time datetime="${message.receivedAt}">${timeFormats[lang].format(new Date(message.receivedAt))}</time>`;
}

function page(lang: Lang, title: string, path: string, main: SafeHtml): string {
  return layout({ lang, title, siteName: text[lang].site, path, main }).value;
}

export function renderListPage(messages: Message[], lang: Lang): string {
  const t = text[lang];
  const rows = messages.map(
    (m) => html`<tr><td>${receivedTime(m, lang)}</td><td>${m.from}</td><td>${m.to.join(', ')}</td>
<td><a href="/messages/${m.id}">${m.subject || t.noSubject}</a></td></tr>`,
  );
  const main =
    messages.length === 0
      ? html`<p>${t.empty}</p>`
      : html`<table class="data"><caption>${t.caption}</caption>
<thead><tr><th scope="col">${t.received}</th><th scope="col">${t.from}</th><th scope="col">${t.to}</th><th scope="col">${t.subject}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  return page(lang, t.listTitle, '/', html`<h1>${t.listTitle}</h1><p class="lead">${t.lead}</p>${main}`);
}

export function renderMessagePage(message: Message, lang: Lang): string {
  const t = text[lang];
  const subject = message.subject || t.noSubject;
  const headerRows = message.headers.map(
    (h) => html`<tr><th scope="row">${h.name}</th><td>${h.value}</td></tr>`,
  );
  const main = html`<h1>${subject}</h1>
<dl>
<dt>${t.received}</dt><dd>${receivedTime(message, lang)}</dd>
<dt>${t.from}</dt><dd>${message.from}</dd>
<dt>${t.to}</dt><dd>${message.to.join(', ')}</dd>
</dl>
<h2>${t.body}</h2>
<pre class="mail-body">${linkify(message.text)}</pre>
${message.html === undefined ? '' : html`<details><summary>${t.htmlPart}</summary><pre>${message.html}</pre></details>`}
<h2>${t.headers}</h2>
<table class="data"><tbody>${headerRows}</tbody></table>
<p><a href="/">${t.back}</a></p>`;
  return page(lang, subject, `/messages/${message.id}`, main);
}
