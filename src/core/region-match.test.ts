import { describe, expect, it } from 'vitest';
import { matchRegion, shortPlaceName, type PlaceUnit } from './region-match.js';

const units: PlaceUnit[] = [
  { id: 2, name: '抚顺市', kind: 'city', path: '/1/2/' },
  { id: 4, name: '新宾满族自治县', kind: 'county', path: '/1/2/4/' },
  { id: 5, name: '清原满族自治县', kind: 'county', path: '/1/2/5/' },
  { id: 6, name: '望花区', kind: 'county', path: '/1/2/6/' },
  { id: 7, name: '市生态环境局', kind: 'department', path: '/1/2/7/' },
];
const id = (text: string) => {
  const m = matchRegion(text, units);
  return m && 'unit' in m ? m.unit.id : m;
};

describe('matchRegion', () => {
  it('shortens administrative names', () => {
    expect(shortPlaceName('新宾满族自治县')).toBe('新宾');
    expect(shortPlaceName('望花区')).toBe('望花');
    expect(shortPlaceName('东区')).toBeNull();
  });

  it.each([
    ['抚顺市新宾满族自治县永陵镇', 4],
    ['新宾县', 4],
    ['辽宁省抚顺市望花区', 6],
    ['抚顺市', 2],
    ['抚顺市本级', 2],
  ])('%s → unit %s', (text, expected) => {
    expect(id(text)).toBe(expected);
  });

  it('reports no match and ambiguity instead of guessing', () => {
    expect(id('沈阳市和平区')).toBeNull();
    expect(id('')).toBeNull();
    const m = matchRegion('新宾县、清原县交界处', units);
    expect(m && 'ambiguous' in m ? m.ambiguous.map((u) => u.id) : m).toEqual([4, 5]);
  });
});
