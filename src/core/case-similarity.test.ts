import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bigrams, findRepeat, jaccard, normalizeCaseText, normalizeTarget } from './case-similarity.js';

const input = (ref: number, orgUnitId: number, target: string | null, text: string) =>
  ({ ref: { caseId: ref }, orgUnitId, targetKey: normalizeTarget(target), grams: bigrams(text) });

describe('repeat detection', () => {
  it('ignores punctuation, spaces and width when normalizing', () => {
    expect(normalizeCaseText('ＡＢ 化工，厂！')).toBe('ab化工厂');
  });

  it('matches targets across legal forms and former names, and refuses vague ones', () => {
    expect(normalizeTarget('抚顺市某某化工有限公司')).toBe(normalizeTarget('抚顺市某某化工（原某某化工厂）'));
    expect(normalizeTarget(' 不详 ')).toBeNull();
    expect(normalizeTarget('某')).toBeNull();
  });

  it('scores Jaccard within [0, 1], symmetric, 1 on itself', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
      const [ga, gb] = [bigrams(a), bigrams(b)];
      const s = jaccard(ga, gb);
      return s >= 0 && s <= 1 && s === jaccard(gb, ga) && (ga.size === 0 || jaccard(ga, ga) === 1);
    }));
  });

  it('prefers the same target, then similar text in the same unit, and links the latest earlier case', () => {
    const text = '某某小区旁边的烧烤店每天晚上油烟很大，噪声扰民，影响居民休息';
    const reworded = '某某小区旁烧烤店每天晚上油烟很大，噪声扰民，严重影响居民休息';
    const earlier = [
      input(1, 10, '某某烧烤店', '一个无关的问题描述，关于河道采砂'),
      input(2, 10, null, text),
      input(3, 10, null, text),
      input(4, 11, null, text),
    ];
    const byText = findRepeat({ orgUnitId: 10, targetKey: null, grams: bigrams(reworded) }, earlier, 0.5);
    expect(byText).toMatchObject({ ref: { caseId: 3 }, reason: 'similar_text' });
    expect(byText!.score).toBeGreaterThan(0.5);
    const byTarget = findRepeat({ orgUnitId: 12, targetKey: normalizeTarget('某某烧烤店'), grams: bigrams('别的内容') }, earlier, 0.5);
    expect(byTarget).toEqual({ ref: { caseId: 1 }, reason: 'same_target', score: 1 });
    expect(findRepeat({ orgUnitId: 12, targetKey: null, grams: bigrams(reworded) }, earlier, 0.5)).toBeNull();
  });
});
