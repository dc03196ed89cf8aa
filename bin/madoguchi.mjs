#!/usr/bin/env node
// madoguchi runs on Node 24 (pinned in devDependencies; npm scripts and npx put it on PATH).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `madoguchi needs Node.js 24 or later; this is ${process.version}.\nRun it through npm (npm start, npx madoguchi), which uses the pinned Node 24.\n`,
  );
  process.exit(1);
}
await import('../packages/cli/src/main.ts');
