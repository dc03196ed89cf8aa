/**
 * Readings (よみ) for titles, from kuromoji's IPADIC dictionary. Only an IPADIC tokenizer knows that
 * 児童手当 reads じどうてあて; Intl.Segmenter splits words but gives no readings. Used at index time
 * only: a kana query needs no tokenizer, it is matched against these readings.
 */
import { fileURLToPath } from 'node:url';
import { type IpadicFeatures, TokenizerBuilder } from '@patdx/kuromoji';
import NodeDictionaryLoader from '@patdx/kuromoji/node';
import { basicNormalise, toHiragana } from './normalise.ts';

/** The part of kuromoji's tokenizer this package uses (so tests or callers can pass their own). */
export interface Tokenizer {
  tokenize(text: string): IpadicFeatures[];
}

let loading: Promise<Tokenizer> | undefined;

/**
 * Loads the dictionary shipped inside @patdx/kuromoji (nothing is downloaded). The load takes about a
 * second and ~100 MB, so it happens once per process and every caller shares the result.
 */
export function createTokenizer(): Promise<Tokenizer> {
  if (loading === undefined) {
    const dicPath = fileURLToPath(new URL('../dict/', import.meta.resolve('@patdx/kuromoji')));
    loading = new TokenizerBuilder({ loader: new NodeDictionaryLoader({ dic_path: dicPath }) }).build();
    // A failed load must not poison later attempts (e.g. a test that fixes the path and retries).
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

/**
 * The title's readings in hiragana: the full reading and, when it differs, the reading without
 * particles (助詞), so both 「にんしんのとどけで」 and 「にんしんとどけで」 find 妊娠の届出.
 * Words the dictionary does not know (マイナンバー, place names) keep their surface form.
 */
export function readingsOf(tokenizer: Tokenizer, title: string): string[] {
  let full = '';
  let bare = '';
  for (const token of tokenizer.tokenize(basicNormalise(title))) {
    if (token.pos === '記号') continue;
    const kana = token.reading !== undefined && token.reading !== '*' ? token.reading : token.surface_form;
    const reading = toHiragana(kana.toLowerCase()).replace(/\s+/g, '');
    full += reading;
    if (token.pos !== '助詞') bare += reading;
  }
  return full === bare || bare === '' ? [full] : [full, bare];
}
