import { describe, expect, it } from 'vitest';
import { aliasKey, compactUnitName, matchUnitName, nameKeys, splitUnitNames, unitKeys, type UnitCandidate } from './unit-names.js';

const LN = '辽宁省';
const FS = '抚顺市';
const units: UnitCandidate[] = [
  { id: 1, name: FS, kind: 'city', ancestors: [LN] },
  { id: 2, name: '抚顺市生态环境局', kind: 'department', ancestors: [LN, FS] },
  { id: 3, name: '市发展和改革委员会', kind: 'department', ancestors: [LN, FS] },
  { id: 4, name: '新宾满族自治县', kind: 'county', ancestors: [LN, FS] },
  { id: 5, name: '清原满族自治县', kind: 'county', ancestors: [LN, FS] },
  { id: 6, name: '新宾满族自治县住房和城乡建设局', kind: 'department', ancestors: [LN, FS, '新宾满族自治县'] },
  { id: 7, name: '清原满族自治县住房和城乡建设局', kind: 'department', ancestors: [LN, FS, '清原满族自治县'] },
  { id: 8, name: '市委办公室', kind: 'department', ancestors: [LN, FS] },
];

describe('unit names', () => {
  it('writes a name one way: half-width, no spaces, the usual abbreviations', () => {
    expect(compactUnitName(' 市发展和改革委员会 ')).toBe('市发改委');
    expect(compactUnitName('市住房和城乡建设局（市人防办）')).toBe('市住建局(市人防办)');
    expect(compactUnitName('县人民政府办公室')).toBe('县政府办');
  });

  it('knows a department with its region written fully, briefly, or as 市', () => {
    const keys = unitKeys(units[1]!);
    expect([...keys]).toEqual(expect.arrayContaining(['抚顺市生态环境局', '抚顺生态环境局', '市生态环境局']));
    expect([...unitKeys(units[2]!)]).toEqual(expect.arrayContaining(['市发改委', '抚顺市发改委']));
  });

  it('knows a county by its short name and its government', () => {
    expect([...unitKeys(units[3]!)]).toEqual(expect.arrayContaining(['新宾县', '新宾', '新宾县政府']));
    expect([...nameKeys('新宾县人民政府')]).toEqual(expect.arrayContaining(['新宾县政府', '新宾县']));
  });

  it('matches exact names first, then remembered aliases, then short forms', () => {
    expect(matchUnitName('抚顺市生态环境局', units)).toEqual({ kind: 'exact', unitId: 2 });
    expect(matchUnitName('市生态环境局', units)).toEqual({ kind: 'short', unitId: 2 });
    expect(matchUnitName('抚顺市 生态环境局', units)).toEqual({ kind: 'exact', unitId: 2 });
    expect(matchUnitName('市发改委', units)).toEqual({ kind: 'short', unitId: 3 });
    expect(matchUnitName('抚顺市发展改革委', units)).toEqual({ kind: 'short', unitId: 3 });
    expect(matchUnitName('市委办', units)).toEqual({ kind: 'short', unitId: 8 });
    expect(matchUnitName('新宾县人民政府', units)).toEqual({ kind: 'short', unitId: 4 });
    expect(matchUnitName('新宾县住建局', units)).toEqual({ kind: 'short', unitId: 6 });
    const aliases = new Map([[aliasKey('市环保局'), 2]]);
    expect(matchUnitName('市环保局', units, aliases)).toEqual({ kind: 'alias', unitId: 2 });
    expect(matchUnitName('市环保局', units)).toEqual({ kind: 'none' });
  });

  it('never guesses between units that share a short form', () => {
    expect(matchUnitName('县住建局', units)).toEqual({ kind: 'ambiguous', candidates: [6, 7] });
    expect(matchUnitName('市公安局', units)).toEqual({ kind: 'none' });
    expect(matchUnitName('  ', units)).toEqual({ kind: 'none' });
  });

  it('ignores an alias to a unit outside the candidates', () => {
    expect(matchUnitName('市环保局', units, new Map([['市环保局', 99]]))).toEqual({ kind: 'none' });
  });

  it('splits a cell of several units', () => {
    expect(splitUnitNames('牵头单位：市生态环境局、市发改委，市住建局\n新宾县；清原县')).toEqual(['市生态环境局', '市发改委', '市住建局', '新宾县', '清原县']);
  });
});
