/**
 * The public catalogue (a catalogue is public information: no auth, no audit). The feed hands out the
 * latest state of each service changed after a version, tombstones included, for followers such as the
 * portal's search index.
 */
import type { Kysely } from '@madoguchi/db';
import { AppError } from '@madoguchi/errors';
import { type CatalogueFeedRow, feedPage, findPublished } from '../../data/catalogue.ts';
import type { AgencyDB } from '../../data/schema.ts';

export interface CatalogueFeed {
  items: CatalogueFeedRow[];
  /** The cursor for the next call: the last item's version, or `after` when nothing changed. */
  next: number;
}

export async function catalogueFeed(
  db: Kysely<AgencyDB>,
  after: number,
  limit: number,
): Promise<CatalogueFeed> {
  const items = await feedPage(db, after, limit);
  return { items, next: items.at(-1)?.version ?? after };
}

export async function publishedDefinition(
  db: Kysely<AgencyDB>,
  municipality: string,
  id: string,
): Promise<unknown> {
  const def = await findPublished(db, municipality, id);
  if (def === undefined) throw new AppError('resource.not_found');
  return def;
}
