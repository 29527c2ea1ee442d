import type { Command } from 'commander';
import { getConfig } from '../../config.js';
import { openContext } from '../../bootstrap.js';
import { ROLES, type Role } from '../../core/roles.js';
import { AppError } from '../../core/errors.js';
import { SYSTEM_ACTOR } from '../../db/audit.repository.js';
import { listMemberships, listUsers } from '../../db/users.repository.js';
import { EmailSchema, createUser, setPassword } from '../../services/user-accounts.js';
import { generatePassword } from '../../services/passwords.js';
import { resolveOrgUnit } from '../../services/resolve-org.js';
import { action } from '../output.js';

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('user accounts');
  user.command('add <username>')
    .description('create a user with a role at an org unit; prints a random password unless --password is given')
    .requiredOption('--org <unit>', 'org unit, e.g. 辽宁省/抚顺市 or 新宾满族自治县')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'admin')
    .option('--name <displayName>', 'display name (defaults to the username)')
    .option('--password <password>', 'the password (at least 10 characters)')
    .option('--email <address>', 'where password reset links are sent (stored lower-case; one account per address)')
    .action(action(async (username: string, opts: { org: string; role: string; name?: string; password?: string; email?: string }) => {
      if (!(ROLES as readonly string[]).includes(opts.role)) throw new AppError('VALIDATION_FAILED', `角色须为 ${ROLES.join(' / ')} 之一`);
      // Checked as the API checks it, before opening the database, so a typo gets one plain line rather than a zod dump.
      const email = opts.email === undefined ? null : EmailSchema.safeParse(opts.email);
      if (email && !email.success) throw new AppError('VALIDATION_FAILED', `邮箱地址格式不正确：${opts.email}`);
      const ctx = await openContext(getConfig());
      try {
        const org = await resolveOrgUnit(ctx.db, opts.org, { create: false });
        const password = opts.password ?? generatePassword();
        const user = await createUser(ctx, SYSTEM_ACTOR, {
          username, displayName: opts.name ?? username, password, email: email?.data ?? null, memberships: [{ orgUnitId: org.id, role: opts.role as Role }],
        });
        const mail = user.email ? `，邮箱 ${user.email}` : '';
        process.stdout.write(`已创建用户 ${username}（${org.name}，${opts.role}${mail}）${opts.password ? '' : `，密码：${password}`}\n`);
      } finally { await ctx.close(); }
    }));
  user.command('passwd <username>')
    .description('set a new password (random unless --password is given) and end the user\'s sessions')
    .option('--password <password>', 'the new password (at least 10 characters)')
    .action(action(async (username: string, opts: { password?: string }) => {
      const ctx = await openContext(getConfig());
      try {
        const password = opts.password ?? generatePassword();
        await setPassword(ctx, SYSTEM_ACTOR, username, password);
        process.stdout.write(`已重设 ${username} 的密码${opts.password ? '' : `：${password}`}\n`);
      } finally { await ctx.close(); }
    }));
  user.command('list').description('list users and their roles').action(action(async () => {
    const ctx = await openContext(getConfig());
    try {
      for (const u of await listUsers(ctx.db)) {
        const roles = (await listMemberships(ctx.db, u.id)).map((m) => `${m.orgName}:${m.role}`).join(', ');
        process.stdout.write(`${u.username}\t${u.displayName}\t${u.isActive ? 'active' : 'disabled'}\t${roles}\n`);
      }
    } finally { await ctx.close(); }
  }));
}
