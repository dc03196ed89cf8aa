import type { Kysely } from '@madoguchi/db';
import type { Bessyo2Table } from '../bessyo2/index.ts';
import type { HubConfig } from '../config.ts';
import type { HubDB } from '../data/schema.ts';
import type { AgencyRegistry, CallingAgency } from '../routes/agency-auth.ts';
import type { LinkCodes } from './link-codes.ts';
import type { NetworkKey } from './network-key.ts';

/** What every hub service gets. */
export interface HubContext {
  db: Kysely<HubDB>;
  config: HubConfig;
  registry: AgencyRegistry;
  network: NetworkKey;
  codes: LinkCodes;
  table: Bessyo2Table;
  /** Nudges the exchange-log sequencer after a decision commits (no-op without the log module). */
  wakeLog: () => void;
}

/** The verified caller of a machine route, for audit rows. */
export interface AgencyCaller extends CallingAgency {
  requestId: string;
}

export const actorOf = (c: AgencyCaller) => `agency:${c.code}`;
