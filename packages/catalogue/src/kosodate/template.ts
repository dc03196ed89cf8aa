import type { ServiceDefinition } from '../service-definition.ts';

/** The offices (担当課) a procedure belongs to; names are generic, municipalities rename them. */
export const offices = {
  kosodate: '子育て支援課',
  hoiku: '保育課',
  boshi: 'こども家庭センター（母子保健担当）',
} as const;
export type Office = keyof typeof offices;

/** A procedure as the catalogue ships it: everything but where it is offered and whom to call. */
export type ProcedureTemplate = Omit<ServiceDefinition, 'municipality' | 'contact'> & { office: Office };

/** Shared defaults: free, signed with the My Number card, 補正 and 結果 notices as the seed table lists. */
export const base = {
  category: '子育て',
  filledBy: 'resident',
  signatureRequired: true,
  fee: { amountYen: 0, payment: 'none' },
} as const;
