import { parseArgs } from 'node:util';
import { isValidPin, type PinKind } from '@madoguchi/card';
import { ConfigError } from '@madoguchi/config';
import { AppError, messageOf } from '@madoguchi/errors';
import { exportCertificate, revokeCertificate, runReader, signFile, unlockCard } from './card-commands.ts';
import { loadCardCliConfig } from './card-config.ts';
import { generatePins, issueCardFile, staffApis } from './card-issue.ts';
import { RemoteError } from './card-staff-clients.ts';

export const cardUsage = `  madoguchi card issue [--resident ID] [--auth-pin 1234] [--sign-pin ABC123] [--support-pin 5678] --out card.json
                                    issue a virtual My Number card (no --resident: a new demo resident)
  madoguchi card cert --card F --kind sign|auth --out cert.pem [--chain]
                                    write a certificate (--chain: also root.pem and <kind>-ca.pem)
  madoguchi card sign --card F --pin P --in X --out X.p7s
                                    detached CMS signature with the signature key
  madoguchi card revoke --card F --kind sign|auth --reason keyCompromise|affiliationChanged|superseded|cessationOfOperation|unspecified
  madoguchi card unlock --card F    unlock at jpki, then reset the wrong-PIN counters in the file
  madoguchi card reader --card a.json [--card b.json …] [--port 3090] [--origin http://127.0.0.1:3000 …]
                                    run the card reader agent
`;

class UsageError extends Error {}

const reasons = ['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation'];
const pinNames: Record<PinKind, string> = {
  auth: '利用者証明用暗証番号 (authentication PIN, 4 digits)',
  sign: '署名用パスワード (signature password, 6-16 A-Z/0-9)',
  support: '券面事項入力補助用暗証番号 (card-facts PIN, 4 digits)',
};

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

function kindOf(values: Record<string, unknown>): 'sign' | 'auth' {
  const kind = required(values, 'kind');
  if (kind !== 'sign' && kind !== 'auth') throw new UsageError('--kind must be sign or auth');
  return kind;
}

/** Prints a refusal in Japanese and English, never a stack trace. */
function describeRefusal(err: AppError | RemoteError): string {
  const lines: string[] = [];
  if (err.code) lines.push(messageOf(err.code, 'ja'), messageOf(err.code, 'en'));
  else lines.push(err.message);
  if (err instanceof AppError && err.code === 'card.pin_incorrect')
    lines.push(
      `あと ${err.details.remainingTries} 回間違えるとロックされます。 / ${err.details.remainingTries} more wrong tries will lock the card.`,
    );
  lines.push(`(${err.code ?? `HTTP ${(err as RemoteError).status}`})`);
  return `${lines.join('\n')}\n`;
}

async function run(argv: string[], log: (msg: string) => void): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      resident: { type: 'string' },
      'auth-pin': { type: 'string' },
      'sign-pin': { type: 'string' },
      'support-pin': { type: 'string' },
      out: { type: 'string' },
      card: { type: 'string', multiple: true },
      kind: { type: 'string' },
      chain: { type: 'boolean' },
      pin: { type: 'string' },
      in: { type: 'string' },
      reason: { type: 'string' },
      port: { type: 'string' },
      origin: { type: 'string', multiple: true },
    },
  });
  const [sub, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
  const card = () => {
    const cards = values.card ?? [];
    if (cards.length !== 1) throw new UsageError('--card F is required (once)');
    return cards[0] as string;
  };
  switch (sub) {
    case 'issue': {
      const out = required(values, 'out');
      const given = { auth: values['auth-pin'], sign: values['sign-pin'], support: values['support-pin'] };
      for (const [kind, pin] of Object.entries(given) as [PinKind, string | undefined][])
        if (pin !== undefined && !isValidPin(kind, pin)) throw new AppError('card.pin_format');
      const { pins, generated } = generatePins(
        Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)),
      );
      const issued = await issueCardFile(staffApis(loadCardCliConfig()), {
        ...(values.resident ? { residentId: values.resident } : {}),
        pins,
        out,
      });
      log(`カードを発行しました / card issued: ${issued.cardSerial} (${issued.holder}) → ${issued.path}`);
      log(`resident: ${issued.residentId}`);
      if (generated.length > 0) {
        log('生成した暗証番号（この一度だけ表示します） / generated PINs (shown only once):');
        for (const kind of generated) log(`  ${pinNames[kind]}: ${pins[kind]}`);
      }
      return 0;
    }
    case 'cert': {
      const result = await exportCertificate({
        card: card(),
        kind: kindOf(values),
        out: required(values, 'out'),
        chain: values.chain ?? false,
      });
      log(`serial ${result.serial}, ${result.subject.replaceAll('\n', ', ')}, valid to ${result.validTo}`);
      log(`wrote ${result.written.join(', ')}`);
      return 0;
    }
    case 'sign': {
      const out = required(values, 'out');
      const result = await signFile({
        card: card(),
        pin: required(values, 'pin'),
        input: required(values, 'in'),
        out,
      });
      log(`署名しました / signed: ${out} (${result.bytes} bytes, CMS DER, detached)`);
      return 0;
    }
    case 'revoke': {
      const reason = required(values, 'reason');
      if (!reasons.includes(reason)) throw new UsageError(`--reason must be one of ${reasons.join(', ')}`);
      const result = await revokeCertificate(loadCardCliConfig(), {
        card: card(),
        kind: kindOf(values),
        reason,
      });
      log(`失効しました / revoked: ${result.serial} at ${result.revokedAt} (${result.reason})`);
      return 0;
    }
    case 'unlock': {
      const result = await unlockCard(loadCardCliConfig(), { card: card() });
      log(`ロックを解除しました / unlocked: ${result.cardSerial} at ${result.unlockedAt}`);
      return 0;
    }
    case 'reader': {
      const cards = values.card ?? [];
      if (cards.length === 0) throw new UsageError('--card F is required (repeat it for several cards)');
      const port = Number(values.port ?? 3090);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0-65535');
      const agent = await runReader({ cards, port, origins: values.origin ?? [], log });
      const stop = () => {
        void agent.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return -1; // keeps running
    }
  }
  throw new UsageError(sub ? `unknown card command ${sub}` : 'a card command is required');
}

/** `madoguchi card …`: 0 done, 1 refused (typed error in Japanese and English), 2 usage. */
export async function cardMain(argv: string[], log: (msg: string) => void): Promise<number> {
  try {
    return await run(argv, log);
  } catch (err) {
    if (err instanceof UsageError || (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(err as Error).message}\n\nusage:\n${cardUsage}`);
      return 2;
    }
    if (err instanceof AppError || err instanceof RemoteError) {
      process.stderr.write(describeRefusal(err));
      return 1;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
