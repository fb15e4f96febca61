import { describe, expect, it } from 'vitest';
import { reasonProblem } from '../../src/admin/admin.format';
import {
  availableActions,
  carryOutReportAction,
  planReportAction,
  type ReportStep,
  type ReportTarget,
} from '../../src/admin/report.actions';
import { SUSPENSION_PERIODS, describeSuspension, periodHours } from '../../src/admin/suspension.periods';

const messageReport: ReportTarget = {
  id: 'r1',
  message: { messageId: 'm1', conversationId: 'c1' },
  targetUser: { id: 'u1' },
};
const userReport: ReportTarget = { id: 'r2', message: null, targetUser: { id: 'u2' } };

describe('report actions', () => {
  it('offers deleting and removing only for a reported message', () => {
    expect(availableActions(messageReport)).toEqual(['DISMISS', 'DELETE_MESSAGE', 'SUSPEND', 'REMOVE_FROM_GROUP']);
    expect(availableActions(userReport)).toEqual(['DISMISS', 'SUSPEND']);
    const inDirect = { ...messageReport, message: { ...messageReport.message!, conversationKind: 'DIRECT' } };
    expect(availableActions(inDirect)).toEqual(['DISMISS', 'DELETE_MESSAGE', 'SUSPEND']);
    expect(() => planReportAction(userReport, { action: 'DELETE_MESSAGE', reason: 'x', hours: null })).toThrow();
  });

  it('acts first and closes the report last: dismissed for nothing done, actioned otherwise', () => {
    const choice = { reason: 'why', hours: 24 };
    expect(planReportAction(messageReport, { ...choice, action: 'DISMISS' })).toEqual([
      { kind: 'resolve', reportId: 'r1', outcome: 'DISMISSED' },
    ]);
    expect(planReportAction(messageReport, { ...choice, action: 'DELETE_MESSAGE' })).toEqual([
      { kind: 'deleteMessage', messageId: 'm1' },
      { kind: 'resolve', reportId: 'r1', outcome: 'ACTIONED' },
    ]);
    expect(planReportAction(userReport, { ...choice, action: 'SUSPEND', hours: null })).toEqual([
      { kind: 'suspend', userId: 'u2', hours: null },
      { kind: 'resolve', reportId: 'r2', outcome: 'ACTIONED' },
    ]);
    expect(planReportAction(messageReport, { ...choice, action: 'REMOVE_FROM_GROUP' })[0]).toEqual({
      kind: 'removeMember',
      conversationId: 'c1',
      userId: 'u1',
    });
  });

  it('gives every step the reason, and after a failed close does not act a second time', async () => {
    const sent: [ReportStep['kind'], string][] = [];
    let failClose = true;
    const perform = async (step: ReportStep, reason: string) => {
      if (step.kind === 'resolve' && failClose) throw new Error('offline');
      sent.push([step.kind, reason]);
    };
    const done = new Set<ReportStep['kind']>();
    const choice = { action: 'DELETE_MESSAGE' as const, reason: 'spam', hours: null };
    await expect(carryOutReportAction(messageReport, choice, done, perform)).rejects.toThrow('offline');
    expect(sent).toEqual([['deleteMessage', 'spam']]);
    failClose = false;
    await carryOutReportAction(messageReport, choice, done, perform);
    expect(sent).toEqual([
      ['deleteMessage', 'spam'],
      ['resolve', 'spam'],
    ]);
  });
});

describe('reasons and suspensions', () => {
  it('needs a reason of 1 to 1000 characters, spaces not counting', () => {
    expect(reasonProblem('')).toMatch(/Give a reason/);
    expect(reasonProblem('  \n ')).toMatch(/Give a reason/);
    expect(reasonProblem('spam')).toBeNull();
    expect(reasonProblem('😀'.repeat(1000))).toBeNull();
    expect(reasonProblem('x'.repeat(1001))).toMatch(/At most 1000/);
  });

  it('turns a period into hours (null bans) and says what is in force', () => {
    expect(SUSPENSION_PERIODS.map((p) => p.hours)).toEqual([1, 24, 168, 720, 8760, null]);
    expect(periodHours('7d')).toBe(168);
    expect(periodHours('ban')).toBeNull();
    expect(describeSuspension(null)).toBe('');
    expect(describeSuspension({ until: null })).toBe('Banned');
    expect(describeSuspension({ until: '2030-01-02T03:04:00Z' })).toMatch(/^Suspended until .*2030/);
  });
});
