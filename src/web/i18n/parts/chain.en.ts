import type { chainZh } from './chain.zh';

export const chainEn: { readonly [K in keyof typeof chainZh]: string } = {
  'chain.field': 'Acceptance levels (in order)',
  'chain.placeholder': 'Select',
  'chain.hint': 'Choose the levels in the order they accept; none chosen follows the system setting. A plan\'s chain wins over its inspection\'s.',
  'chain.useSetting': 'Use the system setting',
  'chain.bySetting': 'by the system setting',
  'chain.preview': 'Acceptance order: {chain}',
  'chain.column': 'Acceptance levels',
  'chain.fromInspection': 'as the inspection ({chain})',
  'chain.level.county': 'County acceptance',
  'chain.level.city': 'City acceptance',
  'chain.level.province': 'Provincial review',
};
