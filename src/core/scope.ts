/**
 * Scope rules on materialized org paths ('/1/4/9/'). A reader's scope is a set of subtree roots; "in scope" means
 * inside one of them; "related" also admits the ancestors of a root (a county reads the province's plan header and
 * may filter the ledger by its city, the results still cut to its own subtree).
 */

/** True when the path lies in one of the subtrees. */
export function inScope(scopePaths: readonly string[], path: string): boolean {
  return scopePaths.some((p) => path.startsWith(p));
}

/** True when the path is in scope or an ancestor of a scope root. */
export function isRelated(scopePaths: readonly string[], path: string): boolean {
  return scopePaths.some((p) => path.startsWith(p) || p.startsWith(path));
}

/** Ancestor paths of a path, root first, the path itself last: '/1/4/' → ['/1/', '/1/4/']. */
export function pathPrefixes(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/** True when the scope covers a whole tree (a membership at a root unit). */
export function coversRoot(scopePaths: readonly string[]): boolean {
  return scopePaths.some((p) => p.split('/').filter(Boolean).length === 1);
}

/** The subtree roots that are not inside another one, each once: a membership inside another's subtree adds nothing. */
export function outermostPaths(scopePaths: readonly string[]): string[] {
  return [...new Set(scopePaths.filter((p) => !scopePaths.some((q) => q !== p && p.startsWith(q))))];
}
