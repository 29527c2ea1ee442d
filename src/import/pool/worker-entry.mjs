// The parse worker's entry. Node 20 cannot run TypeScript, and a worker thread does not inherit the loader the main
// thread registered (bin/rectify.js, vitest's), so tsx is registered here, as bin/rectify.js does, before the reader
// loads. Plain JavaScript on purpose: it is the one file of the worker Node must read unaided.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
