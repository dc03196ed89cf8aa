import type { Generated } from '@madoguchi/db';

/**
 * Exchange-log tables (migration 0004_exchange_log.sql). Owned by the log module. bigint columns are
 * numbers: @madoguchi/db parses int8 as a JS number, and tree sizes stay far below 2^53.
 */
export interface LogPendingTable {
  seq: Generated<number>;
  entry_id: string;
  person: string;
  at: Date;
  querier: string;
  provider: string;
  task: string;
  outcome: 'permitted' | 'refused';
  body: string;
  created_at: Generated<Date>;
}

export interface LogEntryTable {
  idx: number;
  entry_id: string;
  person: string;
  at: Date;
  querier: string;
  provider: string;
  task: string;
  outcome: 'permitted' | 'refused';
  body: string;
  leaf_hash: Buffer;
}

export interface LogNodeTable {
  level: number;
  idx: number;
  hash: Buffer;
}

export interface LogCheckpointTable {
  size: number;
  root_hash: Buffer;
  note: string;
  created_at: Generated<Date>;
}

export interface LogTables {
  log_pending: LogPendingTable;
  log_entry: LogEntryTable;
  log_node: LogNodeTable;
  log_checkpoint: LogCheckpointTable;
}
