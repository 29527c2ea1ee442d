/**
 * The ledger's filters live in the URL query (shareable, back-button friendly) under the same names the
 * /api/assignments query uses, so a dashboard figure links to exactly the rows it counts.
 */
import { SCHEDULE_STATUSES, type ScheduleStatus, type WarningColor } from '../../core/schedule';
import { withQuery } from '../api/client';

export const SORT_KEYS = ['code', 'deadline', 'updated', 'warning', 'org'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
const WARNINGS: readonly WarningColor[] = ['red', 'yellow', 'green'];

// A type alias (not an interface) so it passes as Record<string, QueryValue> to the API client.
export type LedgerFilter = {
  inspectionId?: number;
  orgUnitId?: number;
  status?: ScheduleStatus[];
  warning?: WarningColor[];
  category?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  q?: string;
  sort?: SortKey;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
  /** A past day: the ledger as it stood at its end (read from the recorded history). */
  asOf?: string;
};

/** Statuses of work not yet done: "due soon" means one of these with a deadline in the window. */
export const OPEN_STATUSES: ScheduleStatus[] = SCHEDULE_STATUSES.filter((s) => s !== 'completed' && s !== 'closed');

const positive = (v: string | null) => {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : undefined;
};
const date = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
/** The allowed codes of a comma-separated query value, or undefined when none is. */
export function list<T extends string>(v: string | null, allowed: readonly T[]): T[] | undefined {
  const out = (v ?? '').split(',').filter((x): x is T => (allowed as readonly string[]).includes(x));
  return out.length ? out : undefined;
}

/** Reads the filter from the URL, dropping anything the API would reject. */
export function parseLedgerFilter(params: URLSearchParams): LedgerFilter {
  const sort = params.get('sort');
  const order = params.get('order');
  return {
    inspectionId: positive(params.get('inspectionId')),
    orgUnitId: positive(params.get('orgUnitId')),
    status: list(params.get('status'), SCHEDULE_STATUSES),
    warning: list(params.get('warning'), WARNINGS),
    category: params.get('category') || undefined,
    deadlineFrom: date(params.get('deadlineFrom')),
    deadlineTo: date(params.get('deadlineTo')),
    q: params.get('q')?.slice(0, 100) || undefined,
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : undefined,
    order: order === 'asc' || order === 'desc' ? order : undefined,
    page: positive(params.get('page')),
    pageSize: positive(params.get('pageSize')),
    asOf: date(params.get('asOf')),
  };
}

/** `/ledger?…` showing exactly these rows. */
export function ledgerHref(f: LedgerFilter): string {
  return withQuery('/ledger', f);
}

/** YYYY-MM-DD `days` after a YYYY-MM-DD date. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
