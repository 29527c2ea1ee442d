/**
 * The password policy: at least 10 characters, not built from the user's own name or address, and not guessable by
 * zxcvbn (score 3 of 4, i.e. about 10^8 guesses or more, with its common and English dictionaries and the Chinese
 * pinyin words of password-words.ts). It rejects 1234567890, aaaaaaaaaa and "the user name plus xx" alike, and says
 * why in a sentence a person can act on. Passwords the system generates (16 random characters) always pass.
 */
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { AppError } from '../core/errors.js';
import { PINYIN_PASSWORD_WORDS } from './password-words.js';

export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn's score: 3 = "safely unguessable: moderate protection from an offline slow-hash scenario". */
const MIN_SCORE = 3;

const WARNINGS: Record<string, string> = {
  straightRow: '键盘上连续的一排键很容易被猜到',
  keyPattern: '简短的键盘图案很容易被猜到',
  simpleRepeat: '重复的字符（如 aaa）很容易被猜到',
  extendedRepeat: '重复的字符组合（如 abcabc）很容易被猜到',
  sequences: '常见的字符序列（如 abc、123）很容易被猜到',
  recentYears: '近年的年份很容易被猜到',
  dates: '日期很容易被猜到',
  topTen: '这是最常用的密码之一',
  topHundred: '这是很常用的密码',
  common: '这是常用密码',
  similarToCommon: '与常用密码过于相似',
  wordByItself: '单个词语很容易被猜到',
  namesByThemselves: '单独的姓名或姓氏很容易被猜到',
  commonNames: '常见的姓名很容易被猜到',
  userInputs: '不要包含用户名、姓名、邮箱等个人信息',
  pwned: '这个密码已在网上泄露过',
};

let factory: ZxcvbnFactory | undefined;
/** Built on first use: the dictionaries take a few hundred milliseconds to load. */
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, pinyin: [...PINYIN_PASSWORD_WORDS] },
    graphs: common.adjacencyGraphs,
    // Warnings come back as their keys, which WARNINGS turns into Chinese.
    translations: { ...en.translations, warnings: Object.fromEntries(Object.keys(en.translations.warnings).map((k) => [k, k])) as typeof en.translations.warnings },
  });
  return factory;
}

export interface PasswordOwner { username: string; displayName?: string | null; email?: string | null }

/** Why the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, owner: PasswordOwner): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`;
  const lower = password.toLowerCase();
  const own = [owner.username, owner.email?.split('@')[0]].filter((s): s is string => !!s && s.length >= 3).map((s) => s.toLowerCase());
  if (own.some((s) => lower.includes(s) || s.includes(lower))) return '密码不能包含用户名或邮箱名';
  const inputs = [owner.username, owner.displayName ?? '', owner.email ?? ''].filter(Boolean);
  const result: ZxcvbnResult = zxcvbn().check(password, inputs);
  if (result.score >= MIN_SCORE) return null;
  const why = result.feedback.warning ? WARNINGS[result.feedback.warning] ?? '' : '';
  return `密码太容易被猜到${why ? `（${why}）` : ''}：请用更长的、不含姓名和常见词的组合，例如几个不相关的词加数字和符号`;
}

/** Throws WEAK_PASSWORD (400) with the reason when the policy refuses the password. */
export function assertStrongPassword(password: string, owner: PasswordOwner, field = 'password'): void {
  const problem = passwordProblem(password, owner);
  if (problem) throw new AppError('WEAK_PASSWORD', problem, [{ field, message: problem }]);
}
