import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { handOverFirstPassword } from './first-password.js';

describe('the first administrator password', () => {
  it('never goes to an output that is not a terminal (a log): it is written to a file only its owner reads', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-first-'));
    const tty = process.stdout.isTTY;
    try {
      process.stdout.isTTY = false;
      const line = handOverFirstPassword({ storageDir: path.join(dir, 'files'), forcePasswordChange: true }, { username: 'admin', password: 'Kq7Vh2mPz9xRw3Tn' });
      expect(line).not.toContain('Kq7Vh2mPz9xRw3Tn');
      const file = path.join(dir, 'initial-admin-password.txt');
      expect(line).toContain(file);
      expect(fs.readFileSync(file, 'utf8').trim()).toBe('Kq7Vh2mPz9xRw3Tn');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(line.trim().endsWith('登录后请删除该文件；首次登录时须改为自己的密码。')).toBe(true);
      const plain = handOverFirstPassword({ storageDir: path.join(dir, 'files'), forcePasswordChange: false }, { username: 'admin', password: 'Kq7Vh2mPz9xRw3Tn' });
      expect(plain.trim().endsWith('登录后请删除该文件，并修改密码。')).toBe(true);
      process.stdout.isTTY = true;
      expect(handOverFirstPassword({ storageDir: path.join(dir, 'files'), forcePasswordChange: false }, { username: 'admin', password: 'Kq7Vh2mPz9xRw3Tn' })).toContain('初始密码：Kq7Vh2mPz9xRw3Tn');
    } finally {
      process.stdout.isTTY = tty;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
