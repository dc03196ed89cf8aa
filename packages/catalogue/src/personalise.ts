import { apply, argsOf, operatorOf, type Rule, truthy, varsOf } from './rules.ts';
import type { RequiredDocument, ServiceDefinition } from './service-definition.ts';

/**
 * ぴったり: from a resident's answers, whether a service applies to them and exactly which documents
 * they must bring. A document the municipality can fetch over the information provision network is
 * marked `via_hub` (情報連携により省略) instead of asking the resident for paper.
 */

/** The ぴったり questions, plus whatever the resident has already typed into the form. */
export interface ResidentAnswers {
  childrenAges?: number[];
  singleParent?: boolean;
  working?: boolean;
  pregnant?: boolean;
  /** 地方公共団体コード of the resident's address. */
  municipality?: string;
  form?: Record<string, unknown>;
}

/**
 * What the municipality's office can obtain over the network for this procedure: its enrolment on the
 * hub and the law table's rows (別表第二) for the procedure's 事務. Wired by the integrator.
 */
export interface HubReach {
  canObtain(infoType: string, what: string): boolean;
}

/** A reach from the list of information types (Japanese names) the office may request. */
export function hubReach(infoTypes: Iterable<string>): HubReach {
  const set = new Set(infoTypes);
  return { canObtain: (infoType) => set.has(infoType) };
}

export const noHubReach: HubReach = { canObtain: () => false };

export type FailedRule = { kind: 'residency' } | { kind: 'rule'; pointer: string; rule: Rule };

export interface Eligibility {
  eligible: boolean;
  /** The innermost part of the rule that decided "no" (first false conjunct of nested `and`s). */
  failed: FailedRule | null;
  /** Variables the failed rule reads that the resident has not answered: "not yet known", not "no". */
  unanswered: string[];
}

export type DocumentStatus = 'attach' | 'via_hub' | 'not_needed';

export interface PersonalisedDocument {
  id: string;
  name: string;
  nameEn: string;
  status: DocumentStatus;
  document: RequiredDocument;
}

export interface Personalised {
  serviceId: string;
  eligibility: Eligibility;
  documents: PersonalisedDocument[];
}

/** The data rules see: the answers at the top, form values under `form`. */
export function ruleData(answers: ResidentAnswers): Record<string, unknown> {
  return { ...answers, form: answers.form ?? {} };
}

function findFailure(rule: Rule, data: unknown, pointer: string): { pointer: string; rule: Rule } {
  const op = operatorOf(rule);
  if (op !== 'and') return { pointer, rule };
  const raw = (rule as Record<string, unknown>).and;
  const args = argsOf(rule, op);
  for (let i = 0; i < args.length; i++) {
    if (!truthy(apply(args[i], data))) {
      return findFailure(args[i], data, Array.isArray(raw) ? `${pointer}/and/${i}` : `${pointer}/and`);
    }
  }
  return { pointer, rule };
}

export function checkEligibility(def: ServiceDefinition, answers: ResidentAnswers): Eligibility {
  // Every procedure here is filed where the resident lives (住所地の市区町村).
  if (answers.municipality !== undefined && answers.municipality !== def.municipality) {
    return { eligible: false, failed: { kind: 'residency' }, unanswered: [] };
  }
  const data = ruleData(answers);
  if (truthy(apply(def.eligibility, data))) return { eligible: true, failed: null, unanswered: [] };
  const failure = findFailure(def.eligibility, data, '');
  const unanswered = apply({ missing: [...varsOf(failure.rule)] }, data) as string[];
  return { eligible: false, failed: { kind: 'rule', ...failure }, unanswered };
}

export function documentStatus(doc: RequiredDocument, data: unknown, reach: HubReach): DocumentStatus {
  if (doc.when !== undefined && !truthy(apply(doc.when, data))) return 'not_needed';
  if (doc.viaHub && reach.canObtain(doc.viaHub.infoType, doc.viaHub.what)) return 'via_hub';
  return 'attach';
}

export function personalise(
  def: ServiceDefinition,
  answers: ResidentAnswers,
  reach: HubReach = noHubReach,
): Personalised {
  const data = ruleData(answers);
  return {
    serviceId: def.id,
    eligibility: checkEligibility(def, answers),
    documents: def.requiredDocuments.map((doc) => ({
      id: doc.id,
      name: doc.name,
      nameEn: doc.nameEn,
      status: documentStatus(doc, data, reach),
      document: doc,
    })),
  };
}
