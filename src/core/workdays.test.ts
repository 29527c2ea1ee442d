import { describe, expect, it } from 'vitest';
import { addDays, addDaysOfKind, daysBetween, isWorkingDay, periodEndDate, workingDayOnOrAfter } from './workdays.js';

describe('Chinese working days', () => {
  it('knows statutory holidays and the weekend days worked in lieu (调休)', () => {
    expect(isWorkingDay('2024-10-01')).toBe(false);
    expect(isWorkingDay('2024-09-29')).toBe(true);
    expect(isWorkingDay('2024-10-12')).toBe(true);
    expect(isWorkingDay('2024-06-29')).toBe(false);
    expect(isWorkingDay('2025-01-26')).toBe(true);
  });
  it('finds the first working day on or after a date', () => {
    expect(workingDayOnOrAfter('2024-06-28')).toBe('2024-06-28');
    expect(workingDayOnOrAfter('2024-10-01')).toBe('2024-10-08');
    expect(workingDayOnOrAfter('2023-12-30')).toBe('2024-01-02');
  });
});

describe('periodEndDate', () => {
  it('ends a 5-working-day notice starting 2024-09-29 after National Day', () => {
    // 9/29 (Sunday, worked in lieu), 9/30, then 10/8, 10/9, 10/10.
    expect(periodEndDate('2024-09-29', 5, 'working')).toBe('2024-10-10');
  });
  it('starts counting working days at the first working day when posted on a day off', () => {
    expect(periodEndDate('2024-09-28', 5, 'working')).toBe('2024-10-10');
    expect(periodEndDate('2024-10-03', 1, 'working')).toBe('2024-10-08');
  });
  it('counts across the Spring Festival, including the Saturday worked in lieu', () => {
    // 1/27, then the holiday 1/28–2/4, then 2/5, 2/6, 2/7, 2/8 (Saturday, worked in lieu).
    expect(periodEndDate('2025-01-27', 5, 'working')).toBe('2025-02-08');
  });
  it('counts calendar days straight through holidays', () => {
    expect(periodEndDate('2024-09-29', 7, 'calendar')).toBe('2024-10-05');
    expect(periodEndDate('2024-09-29', 1, 'calendar')).toBe('2024-09-29');
  });
  it('refuses an empty period', () => {
    expect(() => periodEndDate('2024-09-29', 0, 'working')).toThrow(RangeError);
  });
});

describe('date arithmetic', () => {
  it('adds days of either kind after a date', () => {
    expect(addDaysOfKind('2024-06-30', 5, 'working')).toBe('2024-07-05');
    expect(addDaysOfKind('2024-09-30', 5, 'working')).toBe('2024-10-12');
    expect(addDaysOfKind('2024-06-30', 5, 'calendar')).toBe('2024-07-05');
    expect(addDaysOfKind('2024-06-30', 0, 'working')).toBe('2024-07-01');
    expect(addDaysOfKind('2024-06-30', 0, 'calendar')).toBe('2024-06-30');
  });
  it('counts whole days across month and leap-year ends', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
});
