import { describe, expect, it } from 'vitest';
import { levelWordOf, linkedNumberLabel, rollUpLinks } from './plan-links.js';

describe('linked plans', () => {
  it('a higher task is done when every linked task is, and takes the worst warning with where it comes from', () => {
    const r = rollUpLinks([
      { taskId: 1, label: '抚顺市 任务8', shares: [{ status: 'completed', warning: 'green' }, { status: 'closed', warning: 'green' }] },
      { taskId: 2, label: '沈阳市 任务3', shares: [{ status: 'behind_schedule', warning: 'yellow', reason: '落后序时进度' }, { status: 'completed', warning: 'green' }] },
      { taskId: 3, label: '大连市 任务5', shares: [{ status: 'overdue', warning: 'red', reason: '已超期' }] },
    ]);
    expect(r).toMatchObject({ linkedTasks: 3, completedTasks: 1, isCompleted: false, warning: 'red', worst: { taskId: 3, label: '大连市 任务5', reason: '已超期' } });
    expect(r.completion).toBeCloseTo(1 / 3);
  });

  it('all linked tasks done: completed and green; nothing linked: not completed', () => {
    expect(rollUpLinks([{ taskId: 1, label: 'x', shares: [{ status: 'completed', warning: 'green' }] }])).toMatchObject({ isCompleted: true, completion: 1, warning: 'green', worst: null });
    expect(rollUpLinks([])).toMatchObject({ linkedTasks: 0, isCompleted: false, completion: 0, warning: 'green' });
    // A linked task with no shares yet is not done.
    expect(rollUpLinks([{ taskId: 1, label: 'x', shares: [] }])).toMatchObject({ completedTasks: 0, isCompleted: false });
  });

  it('prints the other level\'s numbers', () => {
    expect(linkedNumberLabel('8', [{ level: levelWordOf('province', '辽宁省'), codes: ['9'] }])).toBe('任务8（对应省任务9）');
    expect(linkedNumberLabel('9', [{ level: levelWordOf('city', '抚顺市'), codes: ['8', '12'] }])).toBe('任务9（对应市任务8、12）');
    expect(linkedNumberLabel('9', [{ level: '抚顺市', codes: ['8'] }, { level: '沈阳市', codes: ['3'] }])).toBe('任务9（对应抚顺市任务8；沈阳市任务3）');
    expect(linkedNumberLabel('3', [])).toBe('任务3');
    expect(levelWordOf('county', '望花区')).toBe('区');
    expect(levelWordOf('county', '新宾满族自治县')).toBe('县');
  });
});
