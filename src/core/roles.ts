/** Roles, each held at an org unit and reaching its descendants. */
export const ROLES = ['admin', 'reporter', 'reviewer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员（督改办）',
  reporter: '填报人（责任单位）',
  reviewer: '审核人（验收）',
  viewer: '查看人（领导）',
};

/**
 * What each role may do within its scope. The public (not signed in) reads only what is published.
 * readPersonalData (opening a complainant's name and contact) is implied by no role: it is granted per membership
 * (`complainantDetails`), and any role may carry the grant.
 */
export const PERMISSIONS = {
  read: ['admin', 'reporter', 'reviewer', 'viewer'],
  readPersonalData: ['admin', 'reporter', 'reviewer', 'viewer'],
  writeLedger: ['admin'],
  writeProgress: ['admin', 'reporter'],
  review: ['admin', 'reviewer'],
  manageUsers: ['admin'],
  manageOrg: ['admin'],
  readAudit: ['admin'],
  publish: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export interface Membership {
  orgUnitId: number;
  orgPath: string;
  orgName: string;
  role: Role;
  /** This membership carries the grant of readPersonalData (migration 016); absent means not granted. */
  complainantDetails?: boolean;
}

/** Org paths under which the memberships grant a permission. */
export function scopePathsFor(memberships: readonly Membership[], permission: Permission): string[] {
  const roles: readonly Role[] = PERMISSIONS[permission];
  return memberships.filter((m) => roles.includes(m.role) && (permission !== 'readPersonalData' || m.complainantDetails === true)).map((m) => m.orgPath);
}

/** True when the permission is granted at the unit with this path (by a membership at it or an ancestor). */
export function can(memberships: readonly Membership[], permission: Permission, orgPath: string): boolean {
  return scopePathsFor(memberships, permission).some((p) => orgPath.startsWith(p));
}
