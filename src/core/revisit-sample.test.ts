import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drawRevisitSample, hashSeed, mulberry32, revisitQuota, quotaState, revisitQuotaStatus, topUpRevisitSample } from './revisit-sample.js';

describe('revisit sample', () => {
  it('needs at least the share and at least one case per unit', () => {
    expect(revisitQuota(0, 0.1)).toBe(0);
    expect(revisitQuota(3, 0.1)).toBe(1);
    expect(revisitQuota(30, 0.1)).toBe(3);
    expect(revisitQuota(31, 0.1)).toBe(4);
    expect(revisitQuota(5, 1)).toBe(5);
  });

  it('generates the same sequence from the same seed, and floats in [0, 1)', () => {
    const a = mulberry32(hashSeed('2025Q2'));
    const b = mulberry32(hashSeed('2025Q2'));
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(hashSeed('2025Q2')).not.toBe(hashSeed('2025Q3'));
  });

  it('meets the quota of every unit, draws only from its own cases, and reproduces from the seed', () => {
    const population = fc.array(fc.record({ caseId: fc.integer({ min: 1, max: 5000 }), orgUnitId: fc.integer({ min: 1, max: 6 }) }), { maxLength: 300 });
    fc.assert(fc.property(population, fc.double({ min: 0.01, max: 1, noNaN: true }), fc.string(), (pop, share, seed) => {
      const sample = drawRevisitSample(pop, share, seed);
      expect(drawRevisitSample([...pop].reverse(), share, seed)).toEqual(sample);
      for (const unit of sample) {
        const own = new Set(pop.filter((p) => p.orgUnitId === unit.orgUnitId).map((p) => p.caseId));
        expect(unit.population).toBe(own.size);
        expect(unit.caseIds.length).toBe(revisitQuota(own.size, share));
        expect(unit.caseIds.length).toBeGreaterThanOrEqual(Math.max(1, own.size * share - 1e-9));
        expect(new Set(unit.caseIds).size).toBe(unit.caseIds.length);
        expect(unit.caseIds.every((id) => own.has(id))).toBe(true);
      }
      expect(sample.map((u) => u.orgUnitId)).toEqual([...new Set(pop.map((p) => p.orgUnitId))].sort((a, b) => a - b));
    }));
  });

  it('gives different samples for different seeds', () => {
    const pop = Array.from({ length: 200 }, (_, i) => ({ caseId: i + 1, orgUnitId: 1 }));
    expect(drawRevisitSample(pop, 0.1, 'a')[0]!.caseIds).not.toEqual(drawRevisitSample(pop, 0.1, 'b')[0]!.caseIds);
  });
});

describe('top-ups over the whole quarter', () => {
  const unit = (orgUnitId: number, from: number, n: number) => Array.from({ length: n }, (_, i) => ({ caseId: from + i, orgUnitId }));

  it('adds, per unit, what brings it to the quota of its cases now, the same for anyone holding the seed', () => {
    const first = [...unit(1, 1, 12), ...unit(2, 100, 5)];
    const drawn = drawRevisitSample(first, 0.1, 'seed-2026Q4').flatMap((u) => u.caseIds);
    expect(drawn).toHaveLength(3);
    const later = [...first, ...unit(1, 13, 18), ...unit(3, 200, 4)];
    const added = topUpRevisitSample(later, 0.1, 'seed-2026Q4', drawn);
    expect(added.map((u) => [u.orgUnitId, u.population, u.caseIds.length])).toEqual([[1, 30, 1], [3, 4, 1]]);
    expect(topUpRevisitSample(later, 0.1, 'seed-2026Q4', drawn)).toEqual(added);
    expect(added.flatMap((u) => u.caseIds).every((id) => !drawn.includes(id))).toBe(true);
    expect(topUpRevisitSample(later, 0.1, 'seed-2026Q4', [...drawn, ...added.flatMap((u) => u.caseIds)])).toEqual([]);
    expect(topUpRevisitSample(later, 0.1, 'other-seed', drawn)).not.toEqual(added);
  });

  it('checks the quota at the quarter\'s end, with a warning in its last days', () => {
    const short = revisitQuotaStatus([...unit(1, 1, 30)], [1, 2], 0.1);
    expect(short).toEqual([{ orgUnitId: 1, population: 30, drawn: 2, required: 3, short: 1 }]);
    expect(quotaState(short, '2026-12-31', '2026-11-20')).toEqual({ status: 'short', daysLeft: 41 });
    expect(quotaState(short, '2026-12-31', '2026-12-20')).toEqual({ status: 'warning', daysLeft: 11 });
    expect(quotaState(short, '2026-12-31', '2027-01-02')).toEqual({ status: 'missed', daysLeft: -2 });
    expect(quotaState(revisitQuotaStatus(unit(1, 1, 30), [1, 2, 3], 0.1), '2026-12-31', '2027-01-02').status).toBe('met');
  });
});
