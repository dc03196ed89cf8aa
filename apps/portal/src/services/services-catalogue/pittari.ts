import {
  apply,
  type DocumentStatus,
  documentStatus,
  type Eligibility,
  type HubReach,
  hubInfoTypeNames,
  hubReach,
  personalise,
  type RequiredDocument,
  type ResidentAnswers,
  ruleData,
  type ServiceDefinition,
  varsOf,
} from '@madoguchi/catalogue';
import type { FieldError } from '@madoguchi/errors';

/**
 * ぴったり: the four questions a resident answers on the search page (as a GET form, so the answers
 * live in the URL and nothing is stored), and what they mean for one service.
 */

export const pittariQuestions = ['childrenAges', 'singleParent', 'working', 'pregnant'] as const;
export type PittariQuestion = (typeof pittariQuestions)[number];

/** The answers as the query string carries them: ages as typed, yes/no as `yes`, `no` or empty. */
export interface PittariQuery {
  ages?: string;
  singleParent?: string;
  working?: string;
  pregnant?: string;
}

export const MAX_CHILDREN = 10;
const MAX_AGE = 30;

const yesNo = (v: string | undefined): boolean | undefined =>
  v === 'yes' ? true : v === 'no' ? false : undefined;

const fieldError = (path: string, ja: string, en: string): FieldError => ({
  path,
  code: 'pattern',
  message: { ja, en },
});

/** Ages may be typed with full-width digits and Japanese separators (「0、3」). */
export function parseAnswers(q: PittariQuery): { answers: ResidentAnswers; errors: FieldError[] } {
  const answers: ResidentAnswers = {};
  const errors: FieldError[] = [];
  const agesText = (q.ages ?? '').normalize('NFKC').trim();
  if (agesText !== '') {
    const parts = agesText.split(/[\s,、，]+/).filter(Boolean);
    const ages = parts.map((p) => (/^[0-9]{1,2}$/.test(p) ? Number(p) : Number.NaN));
    if (ages.some((a) => Number.isNaN(a) || a > MAX_AGE) || ages.length > MAX_CHILDREN)
      errors.push(
        fieldError(
          '/ages',
          `子どもの年齢は0〜${MAX_AGE}の数字を、読点か空白で区切って${MAX_CHILDREN}人まで入力してください（例：0、3）。`,
          `Enter each child's age as a number from 0 to ${MAX_AGE}, separated by commas or spaces, up to ${MAX_CHILDREN} children (e.g. 0, 3).`,
        ),
      );
    else answers.childrenAges = ages;
  }
  for (const key of ['singleParent', 'working', 'pregnant'] as const) {
    const value = q[key];
    if (value !== undefined && value !== '' && value !== 'yes' && value !== 'no')
      errors.push(fieldError(`/${key}`, '選択肢から選んでください。', 'Choose one of the options.'));
    const b = yesNo(value);
    if (b !== undefined) answers[key] = b;
  }
  return { answers, errors };
}

/** The answers back as query parameters (links from results keep them). */
export function answersQuery(q: PittariQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.ages?.trim()) out.ages = q.ages.trim();
  for (const key of ['singleParent', 'working', 'pregnant'] as const) {
    const v = q[key];
    if (v === 'yes' || v === 'no') out[key] = v;
  }
  return out;
}

export const hasAnswers = (a: ResidentAnswers): boolean => pittariQuestions.some((k) => a[k] !== undefined);

/**
 * By law every municipality is connected to the 情報提供ネットワークシステム, and a definition names
 * `viaHub` only where the procedure's 事務 has a 別表第二 row; so by default every information type
 * is reachable. The integrator can narrow it per municipality (hub enrolment).
 */
export const defaultReach = (_def: ServiceDefinition): HubReach => hubReach(hubInfoTypeNames);

export interface DocumentView {
  document: RequiredDocument;
  /** As personalise() decides it; for a conditional document, what applies if it is needed. */
  status: DocumentStatus;
  /** Needed or not depends on something the ぴったり answers do not settle (the form, or a question left blank). */
  conditional: boolean;
}

export interface PittariView {
  answered: boolean;
  eligibility: Eligibility;
  /** ぴったり questions that would settle eligibility; form details are checked at application time. */
  unansweredQuestions: PittariQuestion[];
  documents: DocumentView[];
}

const isPittari = (v: string): v is PittariQuestion => (pittariQuestions as readonly string[]).includes(v);

const missing = (vars: string[], data: Record<string, unknown>): string[] =>
  apply({ missing: vars }, data) as string[];

/**
 * A document's `when` that reads only form values, or a question left blank, cannot be decided from
 * the ぴったり answers: it is shown as "if it applies", with how it would be handled.
 */
function isConditional(doc: RequiredDocument, data: Record<string, unknown>): boolean {
  if (doc.when === undefined) return false;
  const vars = [...varsOf(doc.when)].filter((v) => v !== '');
  const asked = vars.filter((v) => !v.startsWith('form.') && v !== 'form');
  return asked.length === 0 || missing(asked, data).length > 0;
}

export function pittariView(def: ServiceDefinition, answers: ResidentAnswers, reach: HubReach): PittariView {
  const p = personalise(def, answers, reach);
  const data = ruleData(answers);
  const documents = p.documents.map((d): DocumentView => {
    const conditional = isConditional(d.document, data);
    const { when: _ignored, ...always } = d.document;
    return {
      document: d.document,
      conditional,
      status: conditional ? documentStatus(always, data, reach) : d.status,
    };
  });
  return {
    answered: hasAnswers(answers),
    eligibility: p.eligibility,
    unansweredQuestions: p.eligibility.unanswered.filter(isPittari),
    documents,
  };
}
