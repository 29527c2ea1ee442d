/**
 * Complainants' names and contacts at rest: AES-256-GCM under a key derived from the deployment's SECRET_KEY with
 * HKDF-SHA256. Each value gets a fresh 96-bit IV; the field's name is bound in as associated data, so a sealed
 * contact pasted into the name column does not open. Without a key nothing personal is stored at all.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Config } from '../../config.js';
import { AppError } from '../../core/errors.js';

export type PersonalField = 'complainant_name' | 'complainant_contact';

const VERSION = 'v1';
const keys = new Map<string, Buffer>();

function keyFor(config: Pick<Config, 'secretKey'>): Buffer {
  const secret = config.secretKey;
  if (!secret) {
    throw new AppError('SECRET_KEY_MISSING',
      '未配置 SECRET_KEY，无法保存或读取举报人姓名和联系方式：请部署方在环境变量中设置 SECRET_KEY（建议 32 位以上随机字符串）后重启服务');
  }
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'rectify/complainant-personal-data', 'aes-256-gcm/v1', 32));
    keys.set(secret, key);
  }
  return key;
}

/** Encrypts one value; null stays null (nothing to protect). Throws SECRET_KEY_MISSING without a key. */
export function sealPersonal(config: Pick<Config, 'secretKey'>, field: PersonalField, plain: string | null): string | null {
  if (plain === null) return null;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(config), iv);
  cipher.setAAD(Buffer.from(field));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** Decrypts one value. Throws SECRET_KEY_MISSING without a key, or when the key is not the one the value was sealed with. */
export function openPersonal(config: Pick<Config, 'secretKey'>, field: PersonalField, sealed: string | null): string | null {
  if (sealed === null) return null;
  const [version, iv, tag, body] = sealed.split('.');
  const key = keyFor(config);
  if (version !== VERSION || !iv || !tag || body === undefined) throw new AppError('SECRET_KEY_MISSING', '举报人信息的密文格式无法识别');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(field));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new AppError('SECRET_KEY_MISSING', '举报人信息无法解密：SECRET_KEY 与加密时使用的不一致，请部署方恢复原密钥');
  }
}
