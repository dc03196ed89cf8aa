/**
 * Demo catalogue: each demo municipality offers the 子育てワンストップ set on first seed. Later seeds
 * add only services a municipality never had, so staff edits and withdrawals survive re-seeding.
 */
import { writeAudit } from '@madoguchi/audit';
import { kosodateServicesFor } from '@madoguchi/catalogue';
import type { Kysely } from '@madoguchi/db';
import { insertMissingDefinitions, lockCatalogue } from '../../data/catalogue.ts';
import type { AgencyDB } from '../../data/schema.ts';
import { publishPurpose } from './publish.ts';

/** Returns how many definitions were added (0 on a re-run). */
export async function seedCatalogue(
  db: Kysely<AgencyDB>,
  municipalities: readonly string[],
): Promise<number> {
  // The shipped set passes checkCatalogue in the catalogue package's own tests; checking it again here
  // would cost every boot of every test fixture about half a second.
  const defs = municipalities.flatMap((code) =>
    kosodateServicesFor(code).map((d) => ({ municipality: code, id: d.id, definition: d })),
  );
  return db.transaction().execute(async (trx) => {
    await lockCatalogue(trx);
    const added = await insertMissingDefinitions(trx, defs, 'system:seed');
    // Only a seed that changed something leaves a trace: "running twice adds nothing".
    if (added > 0)
      await writeAudit(trx, {
        type: 'catalogue.published',
        actor: 'system:seed',
        purpose: publishPurpose,
        requestId: 'seed',
        subject: 'catalogue:kosodate',
        outcome: 'success',
        detail: { added, municipalities: municipalities.length },
      });
    return added;
  });
}
