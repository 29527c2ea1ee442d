import { afterEach, describe, expect, it, vi } from 'vitest';
import { pastDay } from './AsOfPicker';
import { parseLedgerFilter, ledgerHref } from './ledger-filter';

describe('viewing a past day', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('takes only days before today in China as past days (today and later are the live view)', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-03-10T17:00:00Z') }); // 11 March, 01:00 in China
    expect(pastDay('2025-03-10')).toBe('2025-03-10');
    expect(pastDay('2025-03-11')).toBeUndefined();
    expect(pastDay('2025-04-01')).toBeUndefined();
    expect(pastDay('2025-3-1')).toBeUndefined();
    expect(pastDay(null)).toBeUndefined();
  });

  it('keeps the ledger\'s past day in its link, so a dashboard figure of that day opens that day\'s rows', () => {
    const href = ledgerHref({ orgUnitId: 4, asOf: '2025-03-03', status: ['overdue'] });
    expect(parseLedgerFilter(new URLSearchParams(href.split('?')[1]))).toEqual(expect.objectContaining({ orgUnitId: 4, asOf: '2025-03-03', status: ['overdue'] }));
    expect(parseLedgerFilter(new URLSearchParams('asOf=yesterday')).asOf).toBeUndefined();
  });
});
