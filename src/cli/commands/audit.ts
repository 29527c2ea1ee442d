import type { Command } from 'commander';
import { getConfig } from '../../config.js';
import { openContext } from '../../bootstrap.js';
import { verifyAuditChain } from '../../db/audit.repository.js';
import { action } from '../output.js';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit.command('verify').description('check the hash chain of every audit event; names the first bad event').action(action(async () => {
    const ctx = await openContext(getConfig());
    try {
      const result = await verifyAuditChain(ctx.db);
      if (result.ok) {
        process.stdout.write(`审计链完整：${result.count} 条事件校验通过\n`);
      } else {
        process.stderr.write(`rectify: 审计链在第 ${result.badEventId} 号事件处断裂：${result.reason}（之前 ${result.count} 条正常）\n`);
        process.exitCode = 2;
      }
    } finally { await ctx.close(); }
  }));
}
