import { describe, expect, it } from 'vitest';
import { LIBRARY_CALENDAR, parseCalendarTable, periodEndOn, workCalendar } from './work-calendar.js';
import { periodEndDate } from './workdays.js';

describe('a calendar that knows what it does not know', () => {
  it('counts years the library knows as before', () => {
    expect(periodEndOn(LIBRARY_CALENDAR, '2026-09-28', 5, 'working')).toBe(periodEndDate('2026-09-28', 5, 'working'));
    expect(periodEndOn(LIBRARY_CALENDAR, '2026-12-28', 10, 'calendar')).toBe('2027-01-06');
  });

  it('refuses a working-day period running from 2026 into 2027, which nobody entered', () => {
    expect(() => periodEndOn(LIBRARY_CALENDAR, '2026-12-28', 5, 'working', '公示期')).toThrow(expect.objectContaining({
      code: 'CALENDAR_UNKNOWN', details: { year: 2027 },
      message: '公示期自2026-12-28起按工作日计算，将进入2027年，但系统尚无2027年的法定节假日和调休安排，无法准确计算。请系统管理员先在“系统设置 → 节假日安排”中录入2027年的安排',
    }));
    // Within 2026 it still answers.
    expect(periodEndOn(LIBRARY_CALENDAR, '2026-12-21', 5, 'working')).toBe('2026-12-25');
  });

  it('counts an entered year: its holidays rest, its 调休 weekends work', () => {
    const cal = workCalendar(parseCalendarTable('2027-01-01 元旦 休\n2027-02-06至2027-02-12 春节 休\n2027-02-14 春节 班', 2027), [2027]);
    expect(periodEndOn(cal, '2026-12-28', 5, 'working')).toBe('2027-01-04');
    expect(cal.isWorkingDay('2027-02-08')).toBe(false);
    expect(cal.isWorkingDay('2027-02-14')).toBe(true);
    expect(cal.isWorkingDay('2027-03-06')).toBe(false);
    expect(periodEndOn(cal, '2027-02-05', 3, 'working')).toBe('2027-02-15');
  });

  it('reads a pasted table all or nothing', () => {
    expect(parseCalendarTable('日期\t名称\t类型\n2027-10-01至2027-10-07\t国庆节\t放假\n2027-09-26\t国庆节\t上班', 2027)).toHaveLength(8);
    expect(() => parseCalendarTable('2027-01-01 元旦 休\n元旦放假一天', 2027)).toThrow(/第2行无法识别/);
    // As the Chinese and English hints write them.
    expect(parseCalendarTable('2027年2月6日至2027年2月12日 春节 休\n2027年2月14日 春节 班', 2027)).toHaveLength(8);
    expect(parseCalendarTable('2027-02-06 to 2027-02-12 Spring Festival off\n2027-02-14 Spring Festival work', 2027).map((d) => d.kind))
      .toEqual([...Array(7).fill('holiday'), 'workday']);
    expect(() => parseCalendarTable('2026-12-31 元旦 休', 2027)).toThrow(/不在2027年/);
    expect(() => parseCalendarTable('\n', 2027)).toThrow(/没有读到任何日期/);
  });
});
