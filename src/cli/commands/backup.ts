import type { Command } from 'commander';
import { getConfig } from '../../config.js';
import { openContext } from '../../bootstrap.js';
import { createBackup, restoreBackup, sqlitePathOf } from '../../services/backup.js';
import { action } from '../output.js';

/** `rectify backup FILE` (safe while the server runs) and `rectify restore FILE` (with the server stopped). */
export function registerBackupCommands(program: Command): void {
  program.command('backup <file>')
    .description('write a consistent backup (database + evidence files) into one file; safe while the server runs')
    .action(action(async (file: string) => {
      sqlitePathOf(getConfig()); // PostgreSQL: the instructions, before connecting at all
      const ctx = await openContext(getConfig());
      try {
        const m = await createBackup(ctx, file);
        const rows = Object.values(m.counts).reduce((a, b) => a + b, 0);
        process.stdout.write(`已备份到 ${file}：${Object.keys(m.counts).length} 张表 ${rows} 行，证明材料 ${m.files} 个，审计链头 ${m.auditHead ? `#${m.auditHead.id} ${m.auditHead.hash.slice(0, 16)}…` : '（空）'}\n`);
      } finally { await ctx.close(); }
    }));
  program.command('restore <file>')
    .description('restore a backup into the configured database and storage directory (refused while a server or another command uses the database)')
    .option('--force', 'overwrite a database that already holds data')
    .action(action(async (file: string, opts: { force?: boolean }) => {
      const r = await restoreBackup(getConfig(), file, { force: opts.force ?? false });
      for (const [table, n] of Object.entries(r.counts)) process.stdout.write(`${table}\t${n}${r.manifest.counts[table] === n ? '' : `\t(备份清单为 ${r.manifest.counts[table] ?? '无'})`}\n`);
      process.stdout.write(`证明材料 ${r.files} 个已写入存储目录\n`);
      if (r.supersededCheckpoints > 0) process.stdout.write(`备份之后的审计检查点 ${r.supersededCheckpoints} 个已移入检查点目录下的 superseded-* 文件夹（恢复撤销了那些事件）\n`);
      process.stdout.write(r.audit.ok ? `审计链完整：${r.audit.count} 条事件校验通过\n` : `审计链在序号 #${r.audit.badSeq} 处断裂：${r.audit.reason}\n`);
      if (!r.audit.ok || r.mismatches.length > 0) {
        process.stderr.write(`rectify: 恢复后的校验未通过（${r.mismatches.length} 张表行数不符）\n`);
        process.exitCode = 2;
      } else {
        process.stdout.write(`已从 ${file}（${r.manifest.createdAt}）恢复，行数与备份清单一致\n`);
      }
    }));
}
