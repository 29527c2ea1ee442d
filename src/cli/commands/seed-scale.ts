import type { Command } from 'commander';
import { getConfig } from '../../config.js';
import { chinaDate } from '../../core/calendar-date.js';
import { AppError } from '../../core/errors.js';
import { action } from '../output.js';

const count = (name: string) => (value: string): number => {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new AppError('VALIDATION_FAILED', `${name} 须为非负整数：${value}`);
  return n;
};

export function registerSeedScaleCommand(program: Command): void {
  program.command('seed-scale')
    .description('fill an empty database with a deterministic national-scale dataset (benchmarks, load tests)')
    .option('--seed <n>', 'random seed: the same seed and options give the same data', count('--seed'), 1)
    .option('--provinces <n>', 'provinces (1–31)', count('--provinces'), 31)
    .option('--cities-per <n>', 'cities per province', count('--cities-per'), 12)
    .option('--counties-per <n>', 'counties/districts per city', count('--counties-per'), 7)
    .option('--departments-per <n>', 'departments per city', count('--departments-per'), 5)
    .option('--tasks-per <n>', 'tasks in each province\'s plan', count('--tasks-per'), 100)
    .option('--splits-per <n>', 'counties/departments of a city sharing each task', count('--splits-per'), 4)
    .option('--cases <n>', 'complaint cases', count('--cases'), 1_000_000)
    .option('--audit-events <n>', 'audit events (the history is padded with milestone and measure revisions up to this)', count('--audit-events'), 5_000_000)
    .option('--as-of <date>', 'the day the data is as of (three years of history end here); default today (Beijing)')
    .option('--password <password>', 'password of every generated account (national, p1-admin, p1c1-reporter, …)', 'scale-password-1')
    .action(action(async (opts: { seed: number; provinces: number; citiesPer: number; countiesPer: number; departmentsPer: number; tasksPer: number; splitsPer: number; cases: number; auditEvents: number; asOf?: string; password: string }) => {
      if (opts.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new AppError('VALIDATION_FAILED', `--as-of 须为 YYYY-MM-DD：${opts.asOf}`);
      const { seedScaleDatabase } = await import('../../scale/seed-database.js');
      const started = Date.now();
      const summary = await seedScaleDatabase(getConfig(), { ...opts, asOf: opts.asOf ?? chinaDate(new Date()) }, (m) => process.stderr.write(`  ${m}\n`));
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`已生成全国规模数据（${seconds} 秒）：\n${Object.entries(summary).map(([k, v]) => `  ${k.padEnd(16)} ${String(v).padStart(10)}`).join('\n')}\n`
        + `账号：national（全部省份管理员）、p1-admin、p1c1-admin、p1c1-reporter、p1c1-reviewer …；密码：${opts.password}\n`);
    }));
}
