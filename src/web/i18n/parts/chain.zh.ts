/** The acceptance chain of an inspection or a plan (issue #17): the levels that accept in turn. */
export const chainZh = {
  'chain.field': '验收层级（按顺序）',
  'chain.placeholder': '请选择',
  'chain.hint': '按验收的先后依次选择层级；不选则按系统设置。方案的设置优先于督察的设置。',
  'chain.useSetting': '使用系统设置',
  'chain.bySetting': '按系统设置',
  'chain.preview': '验收顺序：{chain}',
  'chain.column': '验收层级',
  'chain.fromInspection': '同督察（{chain}）',
  'chain.level.county': '县级验收',
  'chain.level.city': '市级验收',
  'chain.level.province': '省级审核',
} as const;
