export * from './enqueue.ts';
export * from './prune.ts';
export * from './worker.ts';
