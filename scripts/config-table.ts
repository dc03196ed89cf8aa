/** Prints README's configuration table from the config specs, so the table is generated, not remembered. */
import { describeConfig } from '@madoguchi/config';
import { agencyConfigSpec } from '../apps/agency/src/config.ts';
import { hubConfigSpec } from '../apps/hub/src/config.ts';
import { jpkiConfigSpec } from '../apps/jpki/src/config.ts';
import { portalConfigSpec } from '../apps/portal/src/config.ts';
import { eDeliveryConfigSpec } from '../examples/e-delivery/src/config.ts';
import { mailCatcherConfigSpec } from '../examples/mail-catcher/src/config.ts';
import { cardCliConfigSpec } from '../packages/cli/src/card-config.ts';
import { cliConfigSpec } from '../packages/cli/src/cli-config.ts';

const seen = new Set<string>();
const rows = [
  '| `MADOGUCHI_ENV` | development, test or production; production refuses generated secrets | development |',
  '| `MADOGUCHI_DATA_DIR` | Data directory: embedded database, generated dev secrets | .madoguchi |',
  '| `LOG_LEVEL` | pino log level | info |',
  '| `CARD_AGENT_PORT` | Port of the demo card reader agent `madoguchi start` runs | 3090 |',
];
for (const spec of [
  cliConfigSpec,
  portalConfigSpec,
  hubConfigSpec,
  agencyConfigSpec,
  jpkiConfigSpec,
  cardCliConfigSpec,
  mailCatcherConfigSpec,
  eDeliveryConfigSpec,
]) {
  for (const row of describeConfig(spec)) {
    const name = /`([A-Z_]+)`/.exec(row)?.[1] as string;
    if (seen.has(name)) continue;
    seen.add(name);
    rows.push(row);
  }
}
process.stdout.write(`| variable | meaning | default |\n|---|---|---|\n${rows.join('\n')}\n`);
