import { describe, expect, it } from 'vitest';
import { coversRoot, inScope, isRelated, pathPrefixes } from './scope.js';

describe('org scope', () => {
  const county = ['/1/4/9/'];
  it('reads a subtree and nothing beside it', () => {
    expect(inScope(county, '/1/4/9/')).toBe(true);
    expect(inScope(county, '/1/4/9/12/')).toBe(true);
    expect(inScope(county, '/1/4/10/')).toBe(false);
    expect(inScope(county, '/1/4/')).toBe(false);
  });
  it('does not take /1/4/9 for /1/4/99 (paths end with a slash)', () => {
    expect(inScope(county, '/1/4/99/')).toBe(false);
  });
  it('relates ancestors but not siblings', () => {
    expect(isRelated(county, '/1/4/')).toBe(true);
    expect(isRelated(county, '/1/')).toBe(true);
    expect(isRelated(county, '/1/4/10/')).toBe(false);
    expect(isRelated(county, '/1/5/')).toBe(false);
  });
  it('lists prefixes root first', () => {
    expect(pathPrefixes('/1/4/9/')).toEqual(['/1/', '/1/4/', '/1/4/9/']);
  });
  it('knows a root membership', () => {
    expect(coversRoot(['/1/'])).toBe(true);
    expect(coversRoot(county)).toBe(false);
  });
});
