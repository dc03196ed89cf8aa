import { parseArgs } from 'node:util';
import { ConfigError } from '@madoguchi/config';
import { MigrationError } from '@madoguchi/db';
import { cardMain, cardUsage } from './card-main.ts';
import { RemoteError } from './card-staff-clients.ts';
import { loadCliConfig } from './cli-config.ts';
import { prepareDatabase } from './database.ts';
import { doctor } from './doctor.ts';
import {
  defaultEnrollment,
  demoExchanges,
  demoPersonResidentId,
  enrollAgencies,
  networkFromEnv,
  runExchange,
} from './hub-commands.ts';
import { idCheck } from './id-check.ts';
import { logVerify } from './log-verify.ts';
import { seed } from './seed.ts';
import { start } from './start.ts';

const usage = `madoguchi — the service counter

  madoguchi start [--residents N]   database, migrations, demo data when empty, all apps
  madoguchi migrate                 create roles and schemas, apply every app's migrations
  madoguchi seed [--residents N]    deterministic demo data (default 1000 residents, up to 1000000)
  madoguchi doctor                  check config, database and ports
  madoguchi id check <number>       My Number / 法人番号 / 地方公共団体コード: valid or not (exit 0/1)
  madoguchi hub enroll [code …]     register agencies' exchange keys at the hub (default: the demo agencies)
  madoguchi hub demo-exchange       one more lawful exchange between demo agencies; prints its log index
  madoguchi log verify <bundle.json> [--key <vkey|file|url>]
                                    check a やりとり履歴 download offline (exit 0 verified, 1 not)
${cardUsage}`;

const log = (msg: string) => process.stdout.write(`${msg}\n`);

function residentsFlag(value: string | undefined): number {
  const n = Number(value ?? 1000);
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000)
    throw new ConfigError('madoguchi', ['--residents must be an integer from 0 to 1000000']);
  return n;
}

export async function main(argv: string[]): Promise<number> {
  // The card commands have their own flags (and exit codes: 1 refused, 2 usage).
  if (argv[0] === 'card') return cardMain(argv.slice(1), log);
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      residents: { type: 'string' },
      key: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, arg] = positionals;
  if (values.help || !command) {
    process.stdout.write(usage);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'start':
      await start(loadCliConfig(), { residents: residentsFlag(values.residents) }, log);
      return -1; // keeps running
    case 'migrate': {
      const db = await prepareDatabase(loadCliConfig(), log);
      await db.stop();
      log('migrations up to date');
      return 0;
    }
    case 'seed': {
      const residents = residentsFlag(values.residents);
      const db = await prepareDatabase(loadCliConfig(), log);
      try {
        const result = await seed(db, residents, log);
        log(`residents: ${result.residentsInserted} inserted, ${result.residentsTotal} in total`);
      } finally {
        await db.stop();
      }
      return 0;
    }
    case 'doctor':
      return doctor();
    case 'id':
      if (sub !== 'check') break;
      return idCheck(arg);
    case 'log':
      if (sub !== 'verify') break;
      return logVerify(arg, values.key, log);
    case 'hub': {
      const config = loadCliConfig();
      const network = networkFromEnv(config.dataDir, log);
      if (sub === 'enroll') {
        await enrollAgencies(network, positionals.length > 2 ? positionals.slice(2) : defaultEnrollment, log);
        return 0;
      }
      if (sub === 'demo-exchange') {
        const x = demoExchanges[demoExchanges.length - 1] as (typeof demoExchanges)[number];
        const done = await runExchange(network, x, await demoPersonResidentId(config.dataDir));
        log(`${x.label}: ${done.records} records; log entry ${done.entryId} at index ${done.index}`);
        log(String(done.index));
        return 0;
      }
      break;
    }
  }
  process.stderr.write(usage);
  return 2;
}

try {
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exit(code);
} catch (err) {
  if (err instanceof ConfigError || err instanceof MigrationError || err instanceof RemoteError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
