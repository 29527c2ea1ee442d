/** An evidence file's address and size as shown, shared by the list and the versions (neither imports the other). */
export const evidenceUrl = (id: number, inline = false) => `/api/evidence/${id}${inline ? '?inline=1' : ''}`;

export function formatBytes(n: number, formatNumber: (v: number, o?: Intl.NumberFormatOptions) => string): string {
  if (n < 1024) return `${formatNumber(n)} B`;
  if (n < 1024 * 1024) return `${formatNumber(n / 1024, { maximumFractionDigits: 1 })} KB`;
  return `${formatNumber(n / 1024 / 1024, { maximumFractionDigits: 1 })} MB`;
}
