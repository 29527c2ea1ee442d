/**
 * What the closure procedure needs to know about the thing being closed. The procedure is the same for every subject
 * type; each type registers a small adapter: how to load it (its unit, for scoping and for finding the accepting
 * level), whether it is ready to apply, its evidence, and what returning, closing and reopening do to it.
 *
 * Complaint cases register theirs with `registerClosureSubject(caseSubject)` when their module loads.
 */
import { AppError } from '../../core/errors.js';
import { assignmentSubject } from './assignment-subject.js';
import type { ClosureSubjectAdapter } from './subject-adapter.js';

export type { ClosureSubject, ClosureSubjectAdapter } from './subject-adapter.js';

const adapters = new Map<string, ClosureSubjectAdapter>([[assignmentSubject.type, assignmentSubject]]);

/** Makes a subject type closable through the procedure; registering a type again replaces its adapter. */
export function registerClosureSubject(adapter: ClosureSubjectAdapter): void {
  adapters.set(adapter.type, adapter);
}

export function closureSubjectAdapter(type: string): ClosureSubjectAdapter {
  const adapter = adapters.get(type);
  if (!adapter) throw new AppError('VALIDATION_FAILED', `不支持对“${type}”办理验收销号（支持：${[...adapters.keys()].join('、')}）`);
  return adapter;
}

export function closureSubjectTypes(): string[] {
  return [...adapters.keys()];
}
