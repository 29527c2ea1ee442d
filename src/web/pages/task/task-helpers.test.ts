import { describe, expect, it } from 'vitest';
import { describeChange } from './HistorySection';
import { nestShares } from './HierarchySection';
import type { AssignmentDetail } from '../../api/types';

describe('describeChange', () => {
  it('lists changed fields as before → after, and new ones as values', () => {
    expect(describeChange({ status: '达到序时进度', measures: 6 }, { status: '完成整改', measures: 6, importId: 2 })).toEqual([
      'status: 达到序时进度 → 完成整改',
      'importId: 2',
    ]);
    expect(describeChange(null, null)).toEqual([]);
  });
});

describe('nestShares', () => {
  const share = (id: number, parentId: number | null) => ({ id, parentId, orgUnitName: `u${id}` }) as AssignmentDetail['hierarchy'][number];
  it('nests shares under their parents; orphans become roots', () => {
    const roots = nestShares([share(1, null), share(2, 1), share(3, 1), share(4, 99)]);
    expect(roots.map((r) => r.id)).toEqual([1, 4]);
    expect(roots[0]!.children?.map((c) => c.id)).toEqual([2, 3]);
  });
});
