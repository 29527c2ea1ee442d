/**
 * Handing over the first administrator's password without it ever reaching a log. On a terminal it is shown once;
 * when the output is not a terminal (systemd's journal, a container's log, a file) it is written instead to a file
 * only the service's user can read, and the output says where: that output is the server's log.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

export const FIRST_PASSWORD_FILE = 'initial-admin-password.txt';

/** The line to print about the new administrator (never the password unless stdout is a terminal). */
export function handOverFirstPassword(config: Pick<Config, 'storageDir' | 'forcePasswordChange'>, admin: { username: string; password: string }): string {
  const after = config.forcePasswordChange ? '首次登录时须改为自己的密码' : '请登录后修改';
  if (process.stdout.isTTY) return `管理员账号：${admin.username}  初始密码：${admin.password}（只显示这一次，${after}）\n`;
  const file = path.join(path.dirname(config.storageDir), FIRST_PASSWORD_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${admin.password}\n`, { mode: 0o600 });
  const then = config.forcePasswordChange ? '；首次登录时须改为自己的密码' : '，并修改密码';
  return `管理员账号：${admin.username}  初始密码已写入 ${file}（仅运行服务的用户可读；输出不是终端，为免密码进入日志而不打印）。登录后请删除该文件${then}。\n`;
}
