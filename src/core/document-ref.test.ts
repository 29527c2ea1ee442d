import { describe, expect, it } from 'vitest';
import { normalizeDocumentRef } from './document-ref.js';

describe('normalizeDocumentRef', () => {
  it('strips the title brackets', () => {
    expect(normalizeDocumentRef({ title: '《抚顺市大气污染防治条例》' })).toEqual({ title: '抚顺市大气污染防治条例', number: null });
  });
  it('normalizes the number the way the importer does', () => {
    expect(normalizeDocumentRef({ number: '辽政办 [2020] 33 号' }).number).toBe('辽政办〔2020〕33号');
    expect(normalizeDocumentRef({ number: '抚政办（2021）24号' }).number).toBe('抚政办〔2021〕24号');
    expect(normalizeDocumentRef({ number: '抚政办〔2021〕24号' }).number).toBe('抚政办〔2021〕24号');
  });
  it('turns blanks into null', () => {
    expect(normalizeDocumentRef({ title: ' 《》 ', number: '' })).toEqual({ title: null, number: null });
  });
});
