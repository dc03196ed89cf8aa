/** Every string the portal shows, in Japanese and English. Both must be complete. */
export const messages = {
  ja: {
    siteName: 'madoguchi マイナポータル',
    topTitle: 'トップページ',
    topHeading: '行政手続をひとつの窓口で',
    topLead:
      'マイナンバーカードでログインして、行政機関とのやりとりの記録、あなたの情報、お知らせ、オンライン申請をひとつの場所で確認できるようにするサービスです。',
    loginHeading: 'ログイン',
    loginText:
      'マイナンバーカードと暗証番号（利用者証明用・数字4桁）でログインすると、マイページやアカウント設定を利用できます。',
    loginLink: 'マイナンバーカードでログイン',
    menuHeading: 'メインメニュー',
    notYet: '準備中',
    notYetText: 'この機能はまだ提供していません。',
    menu: {
      yaritori: ['やりとり履歴', '行政機関同士があなたの情報をやりとりした記録を確認できます。'],
      watashi: [
        'わたしの情報',
        '行政機関などが保有するあなたの情報（住民票、地方税、年金など）を確認できます。',
      ],
      oshirase: [
        'お知らせ',
        '行政機関などからあなたへのお知らせ（健診や予防接種の案内など）を受け取れます。',
      ],
      pittari: [
        'ぴったりサービス',
        'あなたに合った行政サービスと必要な書類を探し、マイナンバーカードで署名してオンラインで申請できます。',
      ],
      kokin: ['公金決済', 'お知らせや申請の手数料・税をペイジーやクレジットカードで支払えます。'],
      motto: ['もっとつながる', 'e-Taxなど外部のサイトに、ログインした状態でつながれます。'],
      shinsei: ['申請履歴', 'オンラインで申請した手続きの受付番号と受付票を確認できます。'],
      soutatsu: ['民間送達サービス連携', '民間の電子送達サービスでお知らせや控除証明書を受け取れます。'],
      account: ['アカウント設定', 'メールアドレスや通知の設定、代理人の設定を行えます。'],
    },
    faq: 'よくあるご質問',
    inquiry: 'お問い合わせ',
    faqTitle: 'よくあるご質問',
    faqItems: [
      [
        'madoguchi とは何ですか。',
        '行政機関の手続とあなたの情報をひとつの窓口で扱う、オープンソースのポータルです。',
      ],
      [
        'マイナンバーカードは必要ですか。',
        'ログインと電子署名にはマイナンバーカード（公的個人認証の電子証明書）を使います。トップページやよくあるご質問、お問い合わせはログインせずに利用できます。',
      ],
      [
        'マイナンバー（個人番号）がやりとりされることはありますか。',
        'ありません。行政機関の間では機関ごとに異なる符号が使われ、個人番号そのものは送られません。',
      ],
      [
        'まだ使えない機能があるのはなぜですか。',
        '機能は順番に公開しています。メニューの「準備中」の表示は、その機能がまだ提供されていないことを示しています。',
      ],
    ],
    inquiryTitle: 'お問い合わせ',
    inquiryLead:
      'ご質問やご意見をお寄せください。回答はメールでお送りします。個人番号（マイナンバー）は入力しないでください。',
    requiredMark: '必須',
    fieldName: 'お名前',
    fieldEmail: 'メールアドレス',
    fieldEmailHint: '回答をお送りするアドレスです。',
    fieldCategory: 'お問い合わせの種類',
    choose: '選択してください',
    categories: {
      account: 'アカウント・ログイン',
      card: 'マイナンバーカード',
      notices: 'お知らせ',
      applications: '申請',
      other: 'その他',
    },
    fieldMessage: 'お問い合わせ内容',
    fieldMessageHint: '4000文字以内で入力してください。',
    submit: '送信する',
    errorSummary: '入力内容に誤りがあります',
    doneTitle: 'お問い合わせを受け付けました',
    doneText: '受付番号は次のとおりです。お問い合わせの際にお伝えください。',
    reference: '受付番号',
    backToTop: 'トップページへ戻る',
    errorTitle: 'エラー',
    requestIdLabel: '受付番号（エラー）',
  },
  en: {
    siteName: 'madoguchi My Number Portal',
    topTitle: 'Home',
    topHeading: 'Government services at one counter',
    topLead:
      'Log in with your My Number Card to see, in one place, the record of data exchanged between agencies, the information agencies hold about you, your notices, and online applications.',
    loginHeading: 'Log in',
    loginText:
      'Log in with your My Number card and its 4-digit user authentication PIN to use My page and Account settings.',
    loginLink: 'Log in with My Number card',
    menuHeading: 'Main menu',
    notYet: 'Not available yet',
    notYetText: 'This service is not available yet.',
    menu: {
      yaritori: ['Exchange history', 'See every time agencies exchanged your information.'],
      watashi: [
        'My information',
        'See what agencies hold about you (resident record, local tax, pension and more).',
      ],
      oshirase: ['Notices', 'Receive notices from agencies, such as check-up and vaccination reminders.'],
      pittari: [
        'Find services',
        'Find the services that fit you and the documents they need, and apply online signing with your My Number card.',
      ],
      kokin: ['Payments', 'Pay fees and taxes from a notice or an application by Pay-easy or card.'],
      motto: ['Linked sites', 'Go to linked sites such as e-Tax without logging in again.'],
      shinsei: [
        'My applications',
        'See the receipt numbers and receipts of the applications you made online.',
      ],
      soutatsu: [
        'E-delivery',
        'Receive notices and deduction certificates through a private e-delivery service.',
      ],
      account: ['Account settings', 'Set your e-mail address, notifications and proxies.'],
    },
    faq: 'FAQ',
    inquiry: 'Contact us',
    faqTitle: 'Frequently asked questions',
    faqItems: [
      [
        'What is madoguchi?',
        'An open-source portal that brings government procedures and your information to one counter.',
      ],
      [
        'Do I need a My Number Card?',
        'You log in and sign with your My Number Card (its JPKI certificates). The home page, the FAQ and the contact form work without logging in.',
      ],
      [
        'Is my My Number sent between agencies?',
        'No. Agencies use a different link code for you each, and the My Number itself is never sent.',
      ],
      [
        'Why are some services not available?',
        'Services are released one by one. "Not available yet" in the menu means the service has not been released.',
      ],
    ],
    inquiryTitle: 'Contact us',
    inquiryLead: 'Send us your questions or comments. We reply by e-mail. Do not enter your My Number.',
    requiredMark: 'Required',
    fieldName: 'Name',
    fieldEmail: 'E-mail address',
    fieldEmailHint: 'We send our reply to this address.',
    fieldCategory: 'Topic',
    choose: 'Choose one',
    categories: {
      account: 'Account and login',
      card: 'My Number Card',
      notices: 'Notices',
      applications: 'Applications',
      other: 'Other',
    },
    fieldMessage: 'Your question',
    fieldMessageHint: 'Up to 4000 characters.',
    submit: 'Send',
    errorSummary: 'There is a problem with your answers',
    doneTitle: 'We have received your inquiry',
    doneText: 'Your reference number is below. Quote it if you contact us about this inquiry.',
    reference: 'Reference number',
    backToTop: 'Back to the home page',
    errorTitle: 'Error',
    requestIdLabel: 'Error reference',
  },
} as const;

export type PortalMessages = (typeof messages)['ja' | 'en'];
