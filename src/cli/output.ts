/** How the CLI reports: errors as one line `rectify: <message>` and exit code 1. */
import { isAppError } from '../core/errors.js';

export function fail(error: unknown): never {
  const message = isAppError(error) || error instanceof Error ? error.message : String(error);
  process.stderr.write(`rectify: ${message}\n`);
  process.exit(1);
}

/** Runs a command's action, turning any error into the one-line failure. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (error) {
      fail(error);
    }
  };
}
