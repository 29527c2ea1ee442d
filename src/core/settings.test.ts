import { describe, expect, it } from 'vitest';
import { resolveSetting, SETTINGS } from './settings.js';

describe('resolveSetting', () => {
  it('fills missing fields from the defaults', () => {
    expect(resolveSetting('warnings', { yellowDueWithinDays: 10 })).toEqual({ yellowDueWithinDays: 10, redBehindMargin: 0.3 });
    expect(resolveSetting('closure', undefined)).toEqual(SETTINGS.closure.defaults);
  });
  it('falls back to the defaults when a stored value no longer fits the schema', () => {
    expect(resolveSetting('reporting', { cycle: 'daily' })).toEqual(SETTINGS.reporting.defaults);
  });
  it('has defaults that satisfy their own schemas', () => {
    for (const { schema, defaults } of Object.values(SETTINGS)) expect(schema.safeParse(defaults).success).toBe(true);
  });
});
