/** Test data builders: small, explicit, real rows through the same repositories and services as the app. */
import type { Insertable } from 'kysely';
import type { AppContext } from '../../src/services/context.js';
import type { OrgUnitTable } from '../../src/db/schema.js';
import { insertOrgUnit } from '../../src/db/org-units.repository.js';
import type { OrgUnit } from '../../src/core/api/org-units.js';
import { findInspectionByName, findPlan, insertInspection, insertPlan } from '../../src/db/inspections.repository.js';
import { insertTask, replaceMeasures } from '../../src/db/tasks.repository.js';
import type { Task } from '../../src/core/api/tasks.js';
import { insertAssignment, type AssignmentFields } from '../../src/db/assignments.repository.js';
import type { Assignment } from '../../src/core/api/assignments.js';
import { SYSTEM_ACTOR } from '../../src/db/audit.repository.js';
import { createUser } from '../../src/services/user-accounts.js';
import { refreshSchedule } from '../../src/services/schedule.js';
import { storeEvidence } from '../../src/services/evidence.js';
import type { Role } from '../../src/core/roles.js';
import type { User } from '../../src/db/users.repository.js';

let seq = 0;
const next = () => ++seq;

export interface OrgTree { province: OrgUnit; city: OrgUnit; countyA: OrgUnit; countyB: OrgUnit; department: OrgUnit; otherCity: OrgUnit }

/** 辽宁省 → 抚顺市 → {新宾满族自治县, 清原满族自治县, 市生态环境局}; and 辽宁省 → 沈阳市. */
export async function buildOrgTree(ctx: AppContext): Promise<OrgTree> {
  const n = next();
  const province = await insertOrgUnit(ctx.db, { parentId: null, code: `P${n}`, name: '辽宁省', kind: 'province' });
  const city = await insertOrgUnit(ctx.db, { parentId: province.id, code: `C${n}`, name: '抚顺市', kind: 'city' });
  const otherCity = await insertOrgUnit(ctx.db, { parentId: province.id, code: `C${n}b`, name: '沈阳市', kind: 'city' });
  const countyA = await insertOrgUnit(ctx.db, { parentId: city.id, code: `A${n}`, name: '新宾满族自治县', kind: 'county' });
  const countyB = await insertOrgUnit(ctx.db, { parentId: city.id, code: `B${n}`, name: '清原满族自治县', kind: 'county' });
  const department = await insertOrgUnit(ctx.db, { parentId: city.id, code: `D${n}`, name: '市生态环境局', kind: 'department' });
  return { province, city, countyA, countyB, department, otherCity };
}

export async function buildPlan(ctx: AppContext, owner: OrgUnit, inspectionName = '第二轮中央生态环境保护督察') {
  const inspection = (await findInspectionByName(ctx.db, inspectionName)) ?? (await insertInspection(ctx.db, {
    name: inspectionName, round: '2', kind: 'central', targetOrgId: owner.id, stationedFrom: '2020-08-29', stationedTo: '2020-09-29', feedbackDate: '2021-01-05',
  }));
  const plan = (await findPlan(ctx.db, inspection.id, owner.id)) ?? (await insertPlan(ctx.db, {
    inspectionId: inspection.id, ownerOrgId: owner.id, title: `${owner.name}整改方案`, issuedDate: '2021-03-01', dueDate: null,
  }));
  return { inspection, plan };
}

export interface BuiltTask { task: Task; assignment: Assignment }

export interface TaskOptions { planId: number; org: OrgUnit; code?: string; problem?: string; parentAssignmentId?: number; fields?: AssignmentFields; measures?: string[] }

/** A plan task with one assignment at `org`; fields override the assignment's defaults. */
export async function buildTask(ctx: AppContext, opts: TaskOptions): Promise<BuiltTask> {
  const n = next();
  const code = opts.code ?? String(n);
  const problem = opts.problem ?? `部分城市能耗强度居高不下，问题${n}`;
  const task = await insertTask(ctx.db, {
    planId: opts.planId, code, number: Number(code) || n, sortOrder: n, problem, goal: '按期完成整改', category: '大气污染',
    deadlineKind: 'by_date', deadlineDate: '2030-12-31', deadlineText: '2030年底前', leadUnit: opts.org.name, responsibleUnits: [opts.org.name],
    responsiblePerson: null, supervisingUnit: null, acceptingUnit: null,
  });
  let assignment = await insertAssignment(ctx.db, task.id, opts.org.id, {
    parentId: opts.parentAssignmentId ?? null, statusText: '达到序时进度', statusCode: 'on_schedule', deadlineKind: 'by_date',
    deadlineDate: '2030-12-31', searchText: `${code}\n${problem}\n${opts.org.name}`, ...opts.fields,
  });
  await replaceMeasures(ctx.db, assignment.id, (opts.measures ?? ['严格落实年度目标任务。一是印发方案。二是加强宣传。']).map((text, i) => ({ ordinal: i + 1, text, items: [] })));
  assignment = await ctx.db.transaction().execute((tx) => refreshSchedule(tx, assignment.id));
  return { task, assignment };
}

/**
 * A completed task (fields over the completed status) with one evidence file on its assignment, stored by the system:
 * what an application for closure needs.
 */
export async function buildDoneTask(
  ctx: AppContext,
  opts: TaskOptions & { evidence: { name: string; data: Buffer } },
): Promise<BuiltTask> {
  const { evidence, ...task } = opts;
  const built = await buildTask(ctx, { ...task, fields: { isCompleted: true, statusText: '完成整改', statusCode: 'completed', ...task.fields } });
  await storeEvidence(ctx, SYSTEM_ACTOR, { ownerType: 'assignment', ownerId: built.assignment.id, orgUnitId: task.org.id, name: evidence.name, data: evidence.data });
  return built;
}

export const TEST_PASSWORD = 'correct-horse-battery';

export async function buildUser(ctx: AppContext, role: Role, org: OrgUnit, username = `${role}${next()}`): Promise<User> {
  return createUser(ctx, SYSTEM_ACTOR, { username, displayName: `${org.name}${role}`, password: TEST_PASSWORD, memberships: [{ orgUnitId: org.id, role }] });
}

/**
 * A province with two cities of 40 counties each, inserted as rows (ids 1; 2 and 52; 3–42 and 53–92), for tests that
 * build large ledgers directly in SQL; returns the rows in insertion order.
 */
export async function insertProvinceRows(db: AppContext['db'], now: string): Promise<(Insertable<OrgUnitTable> & { id: number; path: string; name: string })[]> {
  const units: (Insertable<OrgUnitTable> & { id: number; path: string; name: string })[] = [{ id: 1, parent_id: null, code: 'P', name: '省', kind: 'province', path: '/1/', created_at: now, updated_at: now }];
  for (let c = 0; c < 2; c++) {
    const city = 2 + c * 50;
    units.push({ id: city, parent_id: 1, code: `C${c}`, name: `市${c}`, kind: 'city', path: `/1/${city}/`, created_at: now, updated_at: now });
    for (let k = 1; k <= 40; k++) units.push({ id: city + k, parent_id: city, code: `C${c}-${k}`, name: `县${c}-${k}`, kind: 'county', path: `/1/${city}/${city + k}/`, created_at: now, updated_at: now });
  }
  await db.insertInto('org_units').values(units).execute();
  return units;
}
