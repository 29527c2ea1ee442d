/**
 * Public notice (公示) after acceptance, for the configured number of working or calendar days, and the objections
 * (异议) it draws: each recorded and answered; an upheld objection sends the task back to rectification.
 */
import type { AppContext } from '../context.js';
import { AppError } from '../../core/errors.js';
import { nextClosureState } from '../../core/closure.js';
import { periodEndOn } from '../../core/work-calendar.js';
import { loadWorkCalendar } from '../calendar.js';
import { AnswerObjectionSchema, RecordObjectionSchema, StartNoticeSchema } from '../../core/closure-inputs.js';
import { answerObjectionRow, getObjection, insertObjection, listClosureSteps, type Closure } from '../../db/closures.repository.js';
import type { Access } from '../access.js';
import { readSettings } from '../settings.js';
import { today } from '../schedule.js';
import { assertAcceptor, loadProcedure, takeStep } from './procedure.js';
import { chinaDate } from '../../core/calendar-date.js';
import { zhDate } from '../../core/zh-text.js';

export async function startNotice(ctx: AppContext, access: Access, closureId: number, raw: { version: number; startDate?: string; comment?: string | null }): Promise<Closure> {
  const input = StartNoticeSchema.parse(raw);
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadProcedure(tx, access, closureId);
    assertAcceptor(access, p);
    const state = nextClosureState(p.closure.state, 'startNotice');
    const accepted = [...await listClosureSteps(tx, closureId)].reverse().find((s) => s.step === 'accept');
    // Steps are stamped in UTC; the day that counts is the day in China, like today().
    const acceptedOn = accepted ? chinaDate(new Date(accepted.at)) : today();
    const start = input.startDate ?? today();
    // A notice dated before the acceptance would shorten the period the public really had.
    if (start < acceptedOn) throw new AppError('VALIDATION_FAILED', `公示开始日期 ${start} 不能早于验收通过的日期 ${acceptedOn}`);
    const settings = await readSettings(tx, p.adapter.settingsKey);
    // Counted on the calendar in force; a working-day notice running into a year nobody entered is refused.
    const end = periodEndOn(await loadWorkCalendar(tx), start, settings.noticeDays, settings.noticeDayKind, '公示期');
    const length = `${settings.noticeDays}个${settings.noticeDayKind === 'working' ? '工作日' : '自然日'}`;
    return takeStep(ctx, tx, access, p, 'startNotice', {
      version: input.version, decision: `公示${length}：${zhDate(start)}至${zhDate(end)}`, comment: input.comment ?? null, update: { state, noticeStart: start, noticeEnd: end },
    });
  });
}

export async function recordObjection(ctx: AppContext, access: Access, closureId: number, raw: { version: number; content: string; receivedAt?: string }): Promise<Closure> {
  const input = RecordObjectionSchema.parse(raw);
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadProcedure(tx, access, closureId);
    assertAcceptor(access, p);
    const state = nextClosureState(p.closure.state, 'recordObjection');
    const receivedAt = input.receivedAt ?? today();
    // An objection answers the notice: it cannot come before the notice started, after it ended, or in the future.
    const { noticeStart, noticeEnd } = p.closure;
    if (receivedAt > today()) throw new AppError('VALIDATION_FAILED', `异议收到日期 ${receivedAt} 不能晚于今天`);
    if (noticeStart && receivedAt < noticeStart) throw new AppError('VALIDATION_FAILED', `异议收到日期 ${receivedAt} 早于公示开始日期 ${noticeStart}，不能登记为本次公示的异议`);
    if (noticeEnd && receivedAt > noticeEnd) throw new AppError('VALIDATION_FAILED', `公示期已于 ${noticeEnd} 结束，${receivedAt} 收到的意见不能登记为公示异议`);
    const objectionId = await insertObjection(tx, { closureId, receivedAt, content: input.content });
    return takeStep(ctx, tx, access, p, 'recordObjection', { version: input.version, decision: `收到异议 ${objectionId}（${zhDate(receivedAt)}）`, comment: input.content, update: { state } });
  });
}

export async function answerObjection(ctx: AppContext, access: Access, closureId: number, objectionId: number, raw: { version: number; answer: string; upheld: boolean }): Promise<Closure> {
  const input = AnswerObjectionSchema.parse(raw);
  return ctx.db.transaction().execute(async (tx) => {
    const p = await loadProcedure(tx, access, closureId);
    assertAcceptor(access, p);
    const objection = await getObjection(tx, objectionId);
    if (!objection || objection.closureId !== closureId) throw new AppError('NOT_FOUND', `该验收销号记录没有编号为 ${objectionId} 的异议`);
    if (objection.answeredAt) throw new AppError('INVALID_TRANSITION', `异议 ${objectionId} 已于 ${objection.answeredAt.slice(0, 10)} 答复`);
    const state = nextClosureState(p.closure.state, 'answerObjection', { upheld: input.upheld });
    const updated = await takeStep(ctx, tx, access, p, 'answerObjection', {
      version: input.version, decision: input.upheld ? `异议 ${objectionId} 成立，退回整改` : `异议 ${objectionId} 不成立`, comment: input.answer, update: { state },
    });
    // The version check above serializes answers; this guards a direct second answer all the same.
    if (!(await answerObjectionRow(tx, objectionId, { answer: input.answer, upheld: input.upheld, answeredBy: access.actor.id }))) {
      throw new AppError('INVALID_TRANSITION', `异议 ${objectionId} 已答复`);
    }
    if (input.upheld) await p.adapter.onReturned(ctx, tx, access.actor, p.subject.id, `公示异议成立：${input.answer}`);
    return updated;
  });
}
