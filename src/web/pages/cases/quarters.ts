/** Quarters as the server counts them: China's calendar (Asia/Shanghai), whatever the browser's time zone; today is chinaDate() in core/calendar-date. */
import { quarterOf } from '../../../core/case';

/** The quarter of `today` and the `count - 1` before it, newest first: 2025-05-28 → 2025Q2, 2025Q1, 2024Q4, … */
export function recentQuarters(today: string, count: number): string[] {
  const [year, q] = quarterOf(today).split('Q').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const n = year * 4 + (q - 1) - i;
    return `${Math.floor(n / 4)}Q${(n % 4) + 1}`;
  });
}
