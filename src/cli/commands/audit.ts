import type { Command } from 'commander';
import { getConfig } from '../../config.js';
import { openContext } from '../../bootstrap.js';
import { verifyAudit, writeAuditCheckpoint, type AuditCheck } from '../../services/audit.js';
import { action } from '../output.js';

/** The verdict as an operator reads it; exit code 2 when the chain does not hold. */
export function reportAuditCheck(result: AuditCheck, dir: string): void {
  for (const name of result.unreadableCheckpoints) process.stderr.write(`rectify: 检查点文件 ${dir}/${name} 无法读取或名实不符（可能被改动）\n`);
  if (result.ok) {
    const keyed = result.keyed ? '带密钥哈希' : '未配置密钥，仅能证明链条内部一致（请设置 AUDIT_KEY）';
    process.stdout.write(`审计链完整：${result.count} 条事件校验通过（最新序号 #${result.headSeq}，${keyed}；核对检查点 ${result.checkpoints} 个）\n`);
  } else {
    const where = result.badEventId === null ? `序号 #${result.badSeq}` : `序号 #${result.badSeq}（第 ${result.badEventId} 号事件）`;
    const what = { missing: '缺失（被删除）', truncated: '缺失（最新的事件被删除）', altered: '被改动', unknown_key: '无法校验（密钥未配置）' }[result.problem];
    process.stderr.write(`rectify: 审计链在${where}处断裂：该事件${what}。${result.reason}（之前 ${result.count} 条正常）\n`);
  }
  if (!result.ok || result.unreadableCheckpoints.length > 0) process.exitCode = 2;
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit.command('verify').description('check the hash chain of every audit event against the checkpoints; names the first missing or altered event').action(action(async () => {
    const ctx = await openContext(getConfig());
    try {
      reportAuditCheck(await verifyAudit(ctx), ctx.config.audit.checkpointDir);
    } finally { await ctx.close(); }
  }));
  audit.command('checkpoint').description('record the chain\'s head (sequence number + hash) outside the database now').action(action(async () => {
    const ctx = await openContext(getConfig());
    try {
      const r = await writeAuditCheckpoint(ctx);
      if (!r) process.stdout.write('审计链为空，无需检查点\n');
      else process.stdout.write(`${r.written ? '已写入' : '已有'}检查点：#${r.checkpoint.seq} ${r.checkpoint.hash}（${ctx.config.audit.checkpointDir}）\n`);
    } finally { await ctx.close(); }
  }));
}
