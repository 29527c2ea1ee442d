/**
 * Who is acting and where they may act, as the services see it. Routes build an Access from the signed-in principal;
 * services check it against the org unit a record belongs to, because only they load that record. Out of the
 * reader's scope answers exactly like absent (the caller passes the NOT_FOUND error to throw), so guessed ids reveal
 * nothing; in scope but without the permission is 403.
 */
import { AppError } from '../core/errors.js';
import { can, scopePathsFor, type Membership, type Permission } from '../core/roles.js';
import { isRelated } from '../core/scope.js';
import type { Actor } from '../db/audit.repository.js';

export interface Access {
  actor: Actor;
  memberships: readonly Membership[];
}

export const forbidden = () => new AppError('FORBIDDEN', '您的角色无权执行此操作');

/** Paths where the permission is held (possibly none). */
export function pathsFor(access: Access, permission: Permission): string[] {
  return scopePathsFor(access.memberships, permission);
}

/** Throws `notFound` when the record's unit is outside the read scope, 403 when readable but not permitted. */
export function assertAt(access: Access, permission: Permission, orgPath: string, notFound: AppError): void {
  if (!can(access.memberships, 'read', orgPath)) throw notFound;
  if (!can(access.memberships, permission, orgPath)) throw forbidden();
}

/** Throws `notFound` unless the unit is in the read scope or an ancestor of it. */
export function assertRelated(access: Access, orgPath: string, notFound: AppError): void {
  if (!isRelated(pathsFor(access, 'read'), orgPath)) throw notFound;
}

/** For a record the reader already sees: 403 unless the permission is held at its unit. */
export function assertMay(access: Access, permission: Permission, orgPath: string): void {
  if (!can(access.memberships, permission, orgPath)) throw forbidden();
}
