import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const shots = new URL('../../test-results/', import.meta.url).pathname;
export const noBrowser = existsSync(chromiumPath)
  ? false
  : `no browser at ${chromiumPath} (.ci/run installs Debian chromium)`;

/** Debian's Chromium, never a downloaded one; quiet flags so tests make no outside connections. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(shots, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Zero serious or critical accessibility violations on every page we open. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
    `${label}: accessibility violations`,
  );
  assert.ok(result.passes.length > 10, `${label}: axe ran ${result.passes.length} passing rules`);
}
