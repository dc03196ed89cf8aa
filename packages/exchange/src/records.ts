/**
 * What an intermediate server (中間サーバー) answers: records of one information type about one person,
 * each a titled list of labelled fields so the portal can show, search and export any category without
 * knowing its layout. Keys are stable (for JSON/CSV); labels are Japanese (for people).
 */
export interface InfoField {
  key: string;
  label: string;
  value: string | number | boolean | null;
}

export interface InfoRecord {
  /** Stable id of the record at the provider. */
  id: string;
  infoType: string;
  /** e.g. 「令和7年度 個人住民税」 */
  title: string;
  /** The date the information is as of (YYYY-MM-DD). */
  asOf: string;
  fields: InfoField[];
}

export interface ProviderAnswer {
  provider: string;
  /** The permit's jti, echoed so the querier can match answers to log entries. */
  permitId: string;
  records: InfoRecord[];
}
