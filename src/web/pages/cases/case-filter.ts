/** The case ledger's filters in the URL query, under the names GET /api/cases takes. */
import { CASE_STATES, type CaseState } from '../../../core/case-state';
import { VERIFIED_VALUES, type Verified } from '../../../core/case';
import { list } from '../../components/ledger-filter';

export const CASE_SORTS = ['caseNo', 'deadline', 'handedOver', 'updated'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

// A type alias so it passes as the API client's query record.
export type CaseFilter = {
  orgUnitId?: number;
  inspectionId?: number;
  batchId?: number;
  state?: CaseState[];
  verified?: Verified[];
  type?: string;
  overdue?: 'true';
  listed?: 'true';
  repeat?: 'true';
  key?: 'true';
  q?: string;
  sort?: CaseSort;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
};

export const CASE_FLAGS = ['overdue', 'key', 'repeat', 'listed'] as const;

// Digits only ("1e3", "5.0", " 5" are dropped): stricter than the ledger's, so kept apart.
const positive = (v: string | null) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);
const flag = (v: string | null) => (v === 'true' ? ('true' as const) : undefined);

export function parseCaseFilter(p: URLSearchParams): CaseFilter {
  const sort = p.get('sort');
  const order = p.get('order');
  return {
    orgUnitId: positive(p.get('orgUnitId')), inspectionId: positive(p.get('inspectionId')), batchId: positive(p.get('batchId')),
    state: list(p.get('state'), CASE_STATES), verified: list(p.get('verified'), VERIFIED_VALUES), type: p.get('type') || undefined,
    overdue: flag(p.get('overdue')), listed: flag(p.get('listed')), repeat: flag(p.get('repeat')), key: flag(p.get('key')),
    q: p.get('q')?.slice(0, 100) || undefined,
    sort: (CASE_SORTS as readonly string[]).includes(sort ?? '') ? (sort as CaseSort) : undefined,
    order: order === 'asc' || order === 'desc' ? order : undefined,
    page: positive(p.get('page')), pageSize: positive(p.get('pageSize')),
  };
}
