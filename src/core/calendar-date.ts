/** Calendar dates as the offices live them: in China Standard Time, whatever the server's clock zone. */
const FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date (YYYY-MM-DD) in Beijing time at the given instant. */
export function chinaDate(at: Date = new Date()): string {
  return FORMAT.format(at);
}
