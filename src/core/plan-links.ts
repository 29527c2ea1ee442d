/**
 * Plans linked across levels: a city's or county's task carries out a task of the plan above (省任务9 → 市任务8).
 * The higher task's state along the link follows from the tasks carrying it out, as a parent share's follows from its
 * children: it is done when every linked task is (each done when all its shares are), its warning is the worst warning
 * of any linked task, and the warning names where it comes from. Pure rules, no I/O.
 */
import { rollUp, worseWarning, type RollUpChild, type WarningColor } from './schedule.js';

export interface LinkedTaskState {
  taskId: number;
  /** Who carries it and under which number: "抚顺市 任务8". */
  label: string;
  shares: readonly RollUpChild[];
}

export interface LinkRollUp {
  /** Linked tasks, and how many of them are done (every share completed or closed). */
  linkedTasks: number;
  completedTasks: number;
  /** completedTasks / linkedTasks, 0 when nothing is linked. */
  completion: number;
  isCompleted: boolean;
  warning: WarningColor;
  /** The linked task the warning comes from, and its share's reason; null when all are green. */
  worst: { taskId: number; label: string; reason: string | null } | null;
}

export function rollUpLinks(linked: readonly LinkedTaskState[]): LinkRollUp {
  let completedTasks = 0;
  let warning: WarningColor = 'green';
  let worst: LinkRollUp['worst'] = null;
  for (const task of linked) {
    const own = rollUp(task.shares);
    if (own.isCompleted) completedTasks++;
    if (own.warning !== 'green' && worseWarning(warning, own.warning) !== warning) {
      warning = own.warning;
      worst = { taskId: task.taskId, label: task.label, reason: own.worst?.reason ?? null };
    }
  }
  return {
    linkedTasks: linked.length, completedTasks, completion: linked.length ? completedTasks / linked.length : 0,
    isCompleted: linked.length > 0 && completedTasks === linked.length, warning, worst,
  };
}

/** The level word of a plan's owner, as a table names the other level's numbers: 省, 市, 县. */
export function levelWordOf(kind: string, name: string): string {
  if (kind === 'province') return '省';
  if (kind === 'city') return '市';
  if (kind === 'county') return /区$/u.test(name) ? '区' : '县';
  return '上级';
}

/**
 * A task's number with the other level's beside it, as public reports print them: "任务8（对应省任务9）" for a city
 * task carrying out province task 9; several lower tasks carrying out one: "任务9（对应市任务8、12）"; lower tasks of
 * several units: "任务9（对应抚顺市任务8；沈阳市任务3）".
 */
export function linkedNumberLabel(code: string, others: readonly { level: string; codes: readonly string[] }[]): string {
  const parts = others.filter((o) => o.codes.length > 0).map((o) => `${o.level}任务${o.codes.join('、')}`);
  return parts.length ? `任务${code}（对应${parts.join('；')}）` : `任务${code}`;
}
