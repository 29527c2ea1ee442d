/**
 * A national-scale case ledger for the case benchmark, on SQLite: 1 province, 14 cities of 7 counties each, 60 daily
 * batches per city over the last 60 days, and `total` cases spread over the cities and their counties, in realistic
 * states (most handled, some handling, overdue or not). The schema comes from the real migrations (triggers and FTS
 * index included); rows go in through one prepared multi-row INSERT in big transactions, which is how a bulk load
 * into SQLite is fast.
 */
import SQLite from 'better-sqlite3';
import { normalizeTarget } from '../src/core/case-similarity.js';
import { addDays } from '../src/core/workdays.js';

const CITIES = 14;
const COUNTIES_PER_CITY = 7;
const DAYS = 60;
const ROWS_PER_INSERT = 200;
const ROWS_PER_TRANSACTION = 100_000;

export interface BenchCases { provinceId: number; cityIds: number[]; cityPaths: string[]; cases: number; today: string }

/** Deterministic, so every run measures the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const PLACES = ['小区', '村', '镇', '工业园', '街道', '开发区'];
const TARGETS = ['化工有限公司', '建材厂', '采石场', '养殖场', '污水处理厂', '烧烤店', '洗煤厂', '砖厂', '热电厂', '搅拌站', '选矿厂', '木材加工厂'];
const PROBLEMS = [
  '夜间偷排废气，刺鼻气味严重，周边居民头晕恶心', '粉尘无组织排放，周边居民晾晒衣物落满灰尘', '污水直排河道，河水发黑发臭',
  '噪声扰民，严重影响居民休息', '无证开采，破坏山体植被', '违规焚烧废料，浓烟滚滚', '尾矿库渗漏，农作物枯死', '油烟直排，晚上十二点后仍在营业',
];
const TYPES = ['大气', '大气', '水', '噪声', '生态', '土壤', '固废', '大气、噪声'];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

/** Fills a freshly migrated database file. Org units, the inspection and batches first, then the cases. */
export function generateCases(file: string, total: number): BenchCases {
  if (total % ROWS_PER_INSERT !== 0) throw new RangeError(`total must be a multiple of ${ROWS_PER_INSERT}`);
  const db = new SQLite(file);
  // A throwaway file being filled: no journal (each page is written once, not to the WAL and again at checkpoint).
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  // A big page cache keeps the index B-trees in memory while they grow; it lasts only for this connection.
  db.pragma('cache_size = -512000');
  const rnd = random(7);
  const now = new Date().toISOString();
  const today = now.slice(0, 10);
  const unit = db.prepare('INSERT INTO org_units (parent_id, code, name, kind, path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const setPath = db.prepare('UPDATE org_units SET path = ? WHERE id = ?');
  const addUnit = (parent: { id: number; path: string } | null, code: string, name: string, kind: string) => {
    const id = Number(unit.run(parent?.id ?? null, code, name, kind, '/', now, now).lastInsertRowid);
    const path = `${parent?.path ?? '/'}${id}/`;
    setPath.run(path, id);
    return { id, path, name };
  };
  const batchOf: { id: number; cityIndex: number; handedOverAt: string; deadline: string; doneAt: string; stageDue: string }[] = [];
  const cities: { id: number; path: string; name: string; units: { id: number; name: string }[] }[] = [];
  let provinceId = 0;
  db.transaction(() => {
    const province = addUnit(null, 'BP', '辽宁省', 'province');
    provinceId = province.id;
    const inspectionId = Number(db.prepare('INSERT INTO inspections (name, round, kind, target_org_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run('第三轮中央生态环境保护督察', '3', 'central', province.id, now, now).lastInsertRowid);
    const batch = db.prepare('INSERT INTO complaint_batches (inspection_id, org_unit_id, batch_no, handed_over_at, created_at) VALUES (?, ?, ?, ?, ?)');
    for (let c = 0; c < CITIES; c++) {
      const city = addUnit(province, `BC${c}`, `城市${c + 1}市`, 'city');
      const counties = Array.from({ length: COUNTIES_PER_CITY }, (_, k) => addUnit(city, `BC${c}K${k}`, `区县${c + 1}-${k + 1}县`, 'county'));
      cities.push({ ...city, units: [city, ...counties] });
      for (let d = 0; d < DAYS; d++) {
        const handedOverAt = addDays(today, d - DAYS);
        const deadline = addDays(handedOverAt, 7);
        batchOf.push({
          id: Number(batch.run(inspectionId, city.id, String(d + 1), handedOverAt, now).lastInsertRowid), cityIndex: c, handedOverAt, deadline,
          doneAt: addDays(deadline, -2), stageDue: addDays(deadline, 60),
        });
      }
    }
  })();

  const columns = ['batch_id', 'case_no', 'org_unit_id', 'region_text', 'target_name', 'content', 'pollution_type', 'source', 'is_key', 'deadline', 'state',
    'verified', 'handling', 'stage_plan', 'stage_due', 'target_key', 'done_at', 'created_at', 'updated_at'];
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const insert = db.prepare(`INSERT INTO complaint_cases (${columns.join(', ')}) VALUES ${Array.from({ length: ROWS_PER_INSERT }, () => tuple).join(', ')}`);
  const row = (i: number): unknown[] => {
    const b = batchOf[i % batchOf.length]!;
    const city = cities[b.cityIndex]!;
    const u = city.units[Math.floor(rnd() * city.units.length)]!;
    const target = `${u.name.slice(0, 4)}某${i % 997}${pick(rnd, TARGETS)}`;
    const r = rnd();
    const state = r < 0.08 ? 'handling' : r < 0.12 ? 'stage_done' : r < 0.62 ? 'done' : r < 0.97 ? 'closed' : 'reopened';
    const handled = state === 'done' || state === 'closed';
    return [
      b.id, `D3LN${b.handedOverAt.replace(/-/g, '')}${String(i).padStart(7, '0')}`, u.id, `${city.name}${u.name}${pick(rnd, PLACES)}`, target,
      `反映${target}${pick(rnd, PROBLEMS)}，${pick(rnd, PROBLEMS)}，群众反映强烈，请求尽快查处。`, pick(rnd, TYPES), rnd() < 0.7 ? 'phone' : 'letter',
      rnd() < 0.05 ? 1 : 0, b.deadline, state, handled || state === 'stage_done' ? pick(rnd, ['true', 'partly', 'false']) : null,
      handled || state === 'stage_done' ? '已责令整改，立案处罚' : null, state === 'stage_done' ? '限期完成治理设施改造' : null,
      state === 'stage_done' ? b.stageDue : null, normalizeTarget(target), handled ? b.doneAt : null, now, now,
    ];
  };
  const chunk = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += ROWS_PER_INSERT) {
      const values: unknown[] = [];
      for (let k = 0; k < ROWS_PER_INSERT; k++) values.push(...row(i + k));
      insert.run(values);
    }
  });
  for (let i = 0; i < total; i += ROWS_PER_TRANSACTION) chunk(i, Math.min(total, i + ROWS_PER_TRANSACTION));
  db.exec('ANALYZE');
  db.pragma('journal_mode = WAL');
  db.close();
  return { provinceId, cityIds: cities.map((c) => c.id), cityPaths: cities.map((c) => c.path), cases: total, today };
}
