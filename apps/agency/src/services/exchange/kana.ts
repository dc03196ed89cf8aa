/**
 * Kana names as the linkage check compares them (docs/exchange.md): NFKC (half-width katakana and
 * full-width spaces become ordinary), every space removed, hiragana folded to katakana. So
 * 「でじたる はなこ」, 「デジタル　ハナコ」 and 「ﾃﾞｼﾞﾀﾙﾊﾅｺ」 are the same name.
 */
export function normalizeKana(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[\u3041-\u3096\u309d\u309e]/gu, (c) =>
      String.fromCharCode((c.codePointAt(0) as number) + 0x60),
    );
}
