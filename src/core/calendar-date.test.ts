import { describe, expect, it } from 'vitest';
import { chinaDate } from './calendar-date.js';

describe('chinaDate', () => {
  it('is already tomorrow in Beijing at 17:00 UTC', () => {
    expect(chinaDate(new Date('2023-12-31T17:00:00Z'))).toBe('2024-01-01');
  });
  it('is the same day before 16:00 UTC', () => {
    expect(chinaDate(new Date('2023-12-31T15:59:00Z'))).toBe('2023-12-31');
  });
});
