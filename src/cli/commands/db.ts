import type { Command } from 'commander';
import { getConfig } from '../../config.js';
import { openContext } from '../../bootstrap.js';
import { migrateToLatest, migrationStatus } from '../../db/database.js';
import { action } from '../output.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database migrations');
  db.command('migrate').description('apply every pending migration').action(action(async () => {
    const ctx = await openContext(getConfig(), { migrate: false });
    try {
      const result = await migrateToLatest(ctx.handle);
      const applied = result.results?.filter((r) => r.status === 'Success') ?? [];
      process.stdout.write(applied.length ? applied.map((r) => `已应用 ${r.migrationName}\n`).join('') : '数据库已是最新结构\n');
    } finally { await ctx.close(); }
  }));
  db.command('status').description('list migrations and whether each is applied').action(action(async () => {
    const ctx = await openContext(getConfig(), { migrate: false });
    try {
      for (const m of await migrationStatus(ctx.handle)) {
        process.stdout.write(`${m.executedAt ? '已应用' : '待应用'}  ${m.name}${m.executedAt ? `  ${m.executedAt.toISOString()}` : ''}\n`);
      }
      process.stdout.write(`数据库：${ctx.dialect === 'sqlite' ? ctx.config.database.kind === 'sqlite' ? ctx.config.database.path : '' : 'PostgreSQL'}\n`);
    } finally { await ctx.close(); }
  }));
}
