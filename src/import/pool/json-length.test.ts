/** The JSON length counted without the text: exactly JSON.stringify's for plain data and whatever it holds. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonLength } from './json-length.js';

const jsonLengthOver = (v: unknown, limit: number): boolean => jsonLength(v, limit) > limit;

const exactly = (v: unknown): number => JSON.stringify(v).length;

describe('jsonLength', () => {
  it('is over a limit exactly when JSON.stringify\'s text is longer', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.nat(400), (v, slack) => {
      const n = exactly(v);
      expect(jsonLengthOver(v, n)).toBe(false);
      if (n > 0) expect(jsonLengthOver(v, n - 1)).toBe(true);
      expect(jsonLengthOver(v, Math.max(0, n - 1 - slack))).toBe(n > Math.max(0, n - 1 - slack));
    }));
  });

  it('counts the whole length without a limit', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => { expect(jsonLength(v)).toBe(exactly(v)); }));
  });

  it('counts what JSON leaves out or rewrites as JSON.stringify does', () => {
    const v = { a: undefined, b: [undefined, () => 1, Symbol('s')], c: new Date(0), d: new Map([[1, 2]]), e: NaN, f: -0, g: '引号"\n\u0001', h: { toJSON: () => 'x' } };
    const n = exactly(v);
    expect([jsonLengthOver(v, n), jsonLengthOver(v, n - 1)]).toEqual([false, true]);
  });
});
