import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const root = new URL('../', import.meta.url).pathname;

describe('README', () => {
  it('has the configuration table the code describes', () => {
    const table = execFileSync(process.execPath, ['scripts/config-table.ts'], {
      cwd: root,
      encoding: 'utf8',
    });
    const readme = readFileSync(`${root}README.md`, 'utf8');
    // Cell padding is a formatter's business; compare the cells.
    const cells = (text: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith('|'))
        .map((l) => l.replace(/\s*\|\s*/g, '|').replace(/-{3,}/g, '---'));
    const readmeRows = new Set(cells(readme));
    const missing = cells(table).filter((row) => !readmeRows.has(row));
    assert.deepEqual(
      missing,
      [],
      'README config table is stale: paste the output of `node scripts/config-table.ts`',
    );
  });

  it('names the two commands', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    assert.match(readme, /npm install && npm start/);
    assert.match(readme, /```sh\nnpm test\n```/);
  });
});
