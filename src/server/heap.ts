/**
 * How the server's main heap grows. V8 lets the old generation grow to up to four times what survived the last full
 * collection before collecting again; a big write (a 10,000-row returned sheet applied) then leaves some 100 MB of
 * garbage standing while only 40–50 MB is live, and the process's peak memory is that garbage. The server sets a
 * growth of 50 % instead (measured on the ledger round trip: the apply's peak heap 170 → 80 MB, its CPU time within
 * the noise). Set at start-up, so it holds however the server is started (`npm start`, `rectify serve`, a service
 * manager): NODE_OPTIONS cannot carry this V8 flag. The benchmark's server process calls it too.
 */
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

export function tuneServerHeap(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
