/** Org units: province → city → county/district, and departments under any of them. */
export const ORG_KINDS = ['province', 'city', 'county', 'department'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  province: '省', city: '市', county: '县（区）', department: '部门',
};

/** Guesses an org unit's kind from its Chinese name (辽宁省 → province, 抚顺市 → city, 新宾满族自治县 → county). */
export function guessOrgKind(name: string): OrgKind {
  if (/(局|委|办|厅|中心|公司|部|处|院|队|站|会)$/.test(name)) return 'department';
  if (/(省|自治区)$/.test(name) || /^(北京|天津|上海|重庆)市$/.test(name)) return 'province';
  if (/(县|区|旗|县级市)$/.test(name)) return 'county';
  if (/(市|州|盟|地区)$/.test(name)) return 'city';
  return 'department';
}

/**
 * Which kinds a unit may hold directly: a province holds cities (and counties it administers directly, 省直管县), a
 * city holds counties/districts, and any unit holds departments. Nothing holds a province.
 */
export function allowedChildKinds(parent: OrgKind): OrgKind[] {
  switch (parent) {
    case 'province': return ['city', 'county', 'department'];
    case 'city': return ['county', 'department'];
    case 'county': return ['department'];
    case 'department': return ['department'];
  }
}
