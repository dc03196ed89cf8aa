import { existsSync, readFileSync } from 'node:fs';
import { type LogBundle, verifyBundle } from '@madoguchi/exchange';

/** Where the trusted key comes from: a URL (e.g. the hub's /log/key), a file, or the vkey text itself. */
async function readKey(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`${source} answered HTTP ${res.status}`);
    return (await res.text()).trim();
  }
  if (existsSync(source)) return readFileSync(source, 'utf8').trim();
  return source.trim();
}

/**
 * `madoguchi log verify bundle.json [--key vkey|file|url]`: checks, offline, that every entry of a
 * やりとり履歴 download is in the log the signed checkpoint commits to. Exit 0 when all hold, 1 otherwise.
 */
export async function logVerify(
  file: string | undefined,
  keySource: string | undefined,
  out: (msg: string) => void,
): Promise<number> {
  if (!file) {
    out('usage: madoguchi log verify <bundle.json> [--key <vkey | file | URL of /log/key>]');
    return 2;
  }
  let bundle: LogBundle;
  try {
    bundle = JSON.parse(readFileSync(file, 'utf8')) as LogBundle;
  } catch (err) {
    out(`cannot read ${file}: ${(err as Error).message}`);
    return 1;
  }
  const key = keySource === undefined ? undefined : await readKey(keySource);
  if (key === undefined)
    out(
      "note: checking against the key inside the bundle; pass --key (e.g. the hub's /log/key) to check who signed it",
    );
  const verdict = verifyBundle(bundle, key);
  if (!verdict.checkpointOk) {
    out(`checkpoint: NOT VERIFIED (${verdict.checkpointProblem})`);
    return 1;
  }
  out(`checkpoint: signature verified, tree size ${verdict.treeSize}`);
  for (const e of verdict.entries) {
    const what = e.entry
      ? `${e.entry.at} ${e.entry.querier} → ${e.entry.provider} ${e.entry.task} [${e.entry.infoTypes.join(',')}] ${e.entry.outcome}`
      : '(unreadable entry)';
    out(`${e.ok ? 'ok  ' : 'FAIL'} #${e.index} ${what}${e.ok ? '' : ` — ${e.problem}`}`);
  }
  const bad = verdict.entries.filter((e) => !e.ok).length;
  out(
    bad === 0
      ? `all ${verdict.entries.length} entries verified`
      : `${bad} of ${verdict.entries.length} entries FAILED`,
  );
  return bad === 0 ? 0 : 1;
}
