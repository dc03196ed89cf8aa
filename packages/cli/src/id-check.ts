import { identify } from '@madoguchi/identifiers';

const labels = {
  my_number: '個人番号 (My Number)',
  corporate_number: '法人番号 (corporate number)',
  local_gov_code: '地方公共団体コード (local government code)',
  unknown: 'unknown identifier',
} as const;

/** `madoguchi id check <number>`: exit 0 when valid, 1 when not. */
export function idCheck(input: string | undefined): number {
  if (!input) {
    process.stderr.write('usage: madoguchi id check <number>\n');
    return 2;
  }
  const result = identify(input);
  process.stdout.write(`${labels[result.kind]}: ${result.valid ? 'valid' : 'invalid'}\n`);
  return result.valid ? 0 : 1;
}
