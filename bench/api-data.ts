/**
 * A provincial ledger at national-scale size for the API benchmark, written straight through Kysely in one
 * transaction with multi-row inserts: 1 province, 14 cities, 98 counties and 84 departments, one plan of 1,000
 * tasks, each assigned to all 14 cities and split to 86 of their units: 100,000 assignments.
 */
import type { Db } from '../src/db/database.js';
import { SCHEDULE_STATUSES, type ScheduleStatus } from '../src/core/schedule.js';

const CITIES = 14;
const COUNTIES_PER_CITY = 7;
const DEPARTMENTS_PER_CITY = 6;
const TASKS = 1000;
const CHUNK = 1000;

export interface BenchLedger { provinceId: number; cityIds: number[]; assignments: number }

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Deterministic pseudo-random numbers, so every run measures the same data. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

export async function generateLedger(db: Db): Promise<BenchLedger> {
  const now = new Date().toISOString();
  const rnd = random(42);
  const statuses: ScheduleStatus[] = SCHEDULE_STATUSES.filter((s) => s !== 'unknown');
  return db.transaction().execute(async (tx) => {
    type Unit = { id: number; parent_id: number | null; code: string; name: string; kind: string; path: string; sort_order: number; created_at: string; updated_at: string };
    const units: Unit[] = [{ id: 1, parent_id: null, code: 'P', name: '某某省', kind: 'province', path: '/1/', sort_order: 0, created_at: now, updated_at: now }];
    const subUnits = new Map<number, number[]>();
    let id = 1;
    for (let c = 0; c < CITIES; c++) {
      const city = ++id;
      units.push({ id: city, parent_id: 1, code: `C${c}`, name: `第${c + 1}市`, kind: 'city', path: `/1/${city}/`, sort_order: c, created_at: now, updated_at: now });
      const subs: number[] = [];
      for (let k = 0; k < COUNTIES_PER_CITY + DEPARTMENTS_PER_CITY; k++) {
        const unit = ++id;
        const county = k < COUNTIES_PER_CITY;
        units.push({ id: unit, parent_id: city, code: `C${c}-${k}`, name: county ? `第${c + 1}市第${k + 1}县` : `第${c + 1}市第${k + 1}局`, kind: county ? 'county' : 'department', path: `/1/${city}/${unit}/`, sort_order: k, created_at: now, updated_at: now });
        subs.push(unit);
      }
      subUnits.set(city, subs);
    }
    await insertChunked(units, (chunk) => tx.insertInto('org_units').values(chunk).execute());
    await tx.insertInto('inspections').values({ id: 1, name: '第三轮中央生态环境保护督察', round: '3', kind: 'central', target_org_id: 1, created_at: now, updated_at: now }).execute();
    await tx.insertInto('plans').values({ id: 1, inspection_id: 1, owner_org_id: 1, title: '某某省整改方案', created_at: now, updated_at: now }).execute();
    const tasks = Array.from({ length: TASKS }, (_, i) => ({
      id: i + 1, plan_id: 1, code: String(i + 1), number: i + 1, sort_order: i + 1, problem: `问题${i + 1}：部分地区大气污染防治措施落实不到位，重点行业治理滞后`,
      goal: '按期完成整改', category: ['大气污染', '水污染', '土壤污染', '生态破坏'][i % 4], deadline_kind: 'by_date', deadline_date: `202${5 + (i % 5)}-12-31`, created_at: now, updated_at: now,
    }));
    await insertChunked(tasks, (chunk) => tx.insertInto('tasks').values(chunk).execute());
    const cityIds = [...subUnits.keys()];
    const assignments = [];
    let aid = 0;
    for (const task of tasks) {
      for (const [c, city] of cityIds.entries()) {
        const cityShare = ++aid;
        const row = (orgId: number, parent: number | null) => {
          const status = statuses[Math.floor(rnd() * statuses.length)]!;
          const done = status === 'completed' || status === 'closed';
          return {
            id: parent === null ? cityShare : ++aid, task_id: task.id, org_unit_id: orgId, parent_id: parent, status_text: null, status_code: status,
            is_completed: done ? 1 : 0, is_closed: status === 'closed' ? 1 : 0, deadline_kind: 'by_date', deadline_date: task.deadline_date,
            schedule_status: status, warning: status === 'overdue' ? 'red' : status === 'behind_schedule' ? 'yellow' : 'green',
            completed_at: done ? '2024-06-30' : null, search_text: `${task.code}\n${task.problem}`, created_at: now, updated_at: now,
          };
        };
        assignments.push(row(city, null));
        // 14 cities × (6 or 7 units) = 86 splits per task, rotating through each city's 13 units.
        const subs = subUnits.get(city)!;
        const count = c < 2 ? 7 : 6;
        for (let k = 0; k < count; k++) assignments.push(row(subs[(task.id + k) % subs.length]!, cityShare));
      }
    }
    await insertChunked(assignments, (chunk) => tx.insertInto('assignments').values(chunk).execute());
    return { provinceId: 1, cityIds, assignments: assignments.length };
  });
}
