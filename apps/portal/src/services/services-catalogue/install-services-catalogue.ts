import type { HubReach, ServiceDefinition } from '@madoguchi/catalogue';
import type { Kysely } from '@madoguchi/db';
import type { HttpApp } from '@madoguchi/http';
import { createTokenizer, type Tokenizer } from '@madoguchi/service-search';
import type { PortalDB } from '../../data/schema.ts';
import { registerServicesRoutes } from '../../routes/public/services.ts';
import type { WebSessions } from '../../web/session-cookie.ts';
import { type CatalogueStore, createCatalogueStore } from './catalogue-store.ts';
import { createFeedSync, type FeedSync } from './feed-sync.ts';
import { defaultReach } from './pittari.ts';

export interface ServicesCatalogueOptions {
  db: Kysely<PortalDB>;
  web: WebSessions;
  config: { agencyUrl: string; catalogueSyncSeconds: number };
  /** What each municipality's office can fetch over the network (default: every information type). */
  reach?: (def: ServiceDefinition) => HubReach;
  /** The logged-in person's 地方公共団体コード, when the portal knows it (preselects the filter). */
  homeMunicipalityOf?: (subject: string) => Promise<string | undefined>;
  /** Tests pass a failing loader to see the 準備中 state; production uses kuromoji. */
  loadTokenizer?: () => Promise<Tokenizer>;
}

let dictionary: Promise<Tokenizer> | undefined;
function sharedTokenizer(): Promise<Tokenizer> {
  dictionary ??= createTokenizer();
  // A failed load is not kept: the next catalogue sync of a new app instance tries again.
  dictionary.catch(() => {
    dictionary = undefined;
  });
  return dictionary;
}

/**
 * ぴったりサービス (issue 7): the catalogue followed from the agency feed, the search index, and the
 * public search and service pages. Nothing here blocks boot: the first sync and then kuromoji (~2 s)
 * run in the background and the pages answer 準備中 until both are done.
 */
export function installServicesCatalogue(
  app: HttpApp,
  o: ServicesCatalogueOptions,
): { store: CatalogueStore; sync: FeedSync } {
  const store = createCatalogueStore();
  let closed = false;
  let loading = false;
  // Loaded when the feed first brings a service (a portal without a catalogue never pays the ~2 s and
  // ~100 MB), and once per process for the default dictionary.
  const loadTokenizer = () => {
    if (loading) return;
    loading = true;
    (o.loadTokenizer ?? sharedTokenizer)().then(
      (tokenizer) => {
        if (!closed) store.useTokenizer(tokenizer);
      },
      (err: unknown) => app.log.error({ err }, 'search dictionary failed to load; search stays unavailable'),
    );
  };
  const sync = createFeedSync({
    onFirstItem: loadTokenizer,
    agencyUrl: o.config.agencyUrl,
    intervalSeconds: o.config.catalogueSyncSeconds,
    store,
    log: {
      warn: (detail, msg) => app.log.warn(detail, msg),
      info: (detail, msg) => app.log.info(detail, msg),
    },
  });
  registerServicesRoutes(app, {
    store,
    db: o.db,
    web: o.web,
    reach: o.reach ?? defaultReach,
    ...(o.homeMunicipalityOf ? { homeMunicipalityOf: o.homeMunicipalityOf } : {}),
  });
  // Polling starts once the server listens, so a build that is never started leaves no timer behind.
  app.addHook('onReady', async () => {
    sync.start();
  });
  app.addHook('onClose', async () => {
    closed = true;
    await sync.stop();
  });
  return { store, sync };
}
