import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import {
  auditVariables,
  detailEntries,
  filterProblems,
  filtersFromQuery,
  filtersToQuery,
  type AuditFilters,
} from '../../src/admin/audit.filters';
import { usePagedList } from '../../src/admin/paged.list';

const none: AuditFilters = { action: '', actorId: '', targetId: '', since: '', until: '' };
const actor = '6b6364b8-b621-4b36-b5c1-33084edf3b5e';

describe('audit log filters', () => {
  it('reads and writes the URL query, dropping unknown actions, bad dates and empty fields', () => {
    const filters = filtersFromQuery({ action: 'USER_SUSPENDED', actor, target: ' t1 ', since: '2026-11-01' });
    expect(filters).toEqual({
      action: 'USER_SUSPENDED',
      actorId: actor,
      targetId: 't1',
      since: '2026-11-01',
      until: '',
    });
    expect(filtersToQuery(filters)).toEqual({ action: 'USER_SUSPENDED', actor, target: 't1', since: '2026-11-01' });
    expect(filtersFromQuery({ action: 'DROP_TABLES', since: 'yesterday', actor: ['a', 'b'] })).toEqual(none);
  });

  it('sends nulls for empty filters and takes in the whole "until" day, in local time', () => {
    expect(auditVariables(none, 50, null)).toEqual({
      action: null,
      actorId: null,
      actorUsername: null,
      targetId: null,
      since: null,
      until: null,
      first: 50,
      before: null,
    });
    const v = auditVariables({ ...none, since: '2026-11-01', until: '2026-11-01' }, 50, '42');
    expect(v.since).toBe(new Date(2026, 10, 1).toISOString());
    expect(v.until).toBe(new Date(2026, 10, 2).toISOString());
    expect(v.before).toBe('42');
  });

  it('asks for a username or user ID as the actor and a range that does not end before it starts', () => {
    expect(filterProblems(none)).toEqual({});
    expect(filterProblems({ ...none, actorId: 'a b' }).actorId).toMatch(/username, or a user ID/);
    expect(filterProblems({ ...none, actorId: actor })).toEqual({});
    expect(filterProblems({ ...none, actorId: '@ada_l' })).toEqual({});
    expect(auditVariables({ ...none, actorId: actor }, 10, null)).toMatchObject({
      actorId: actor,
      actorUsername: null,
    });
    expect(auditVariables({ ...none, actorId: ' @ada_l ' }, 10, null)).toMatchObject({
      actorId: null,
      actorUsername: '@ada_l',
    });
    expect(filterProblems({ ...none, since: '2026-11-02', until: '2026-11-01' }).until).toMatch(/before/);
  });

  it('shows details as text pairs, never as markup', () => {
    expect(detailEntries({ reason: '<b>spam</b>', hours: 24, lift: false })).toEqual([
      ['reason', '<b>spam</b>'],
      ['hours', '24'],
      ['lift', 'false'],
    ]);
    expect(detailEntries(null)).toEqual([]);
    expect(detailEntries(['x'])).toEqual([]);
  });
});

describe('paged list', () => {
  const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: String(from - i) }));

  it('pages with the last id shown, until a page comes back short', async () => {
    const asked: (string | null)[] = [];
    const list = usePagedList(async (before) => {
      asked.push(before);
      return before === null ? rows(10, 5) : rows(Number(before) - 1, 2);
    }, 5);
    await list.reload();
    expect(list.items.value.map((r) => r.id)).toEqual(['10', '9', '8', '7', '6']);
    expect(list.hasMore.value).toBe(true);
    await list.loadMore();
    expect(asked).toEqual([null, '6']);
    expect(list.items.value.map((r) => r.id)).toEqual(['10', '9', '8', '7', '6', '5', '4']);
    expect(list.hasMore.value).toBe(false);
    list.remove('9');
    expect(list.items.value).toHaveLength(6);
  });

  it('keeps only the answer of the latest load, and says why a load failed', async () => {
    const answers: ((rows: { id: string }[]) => void)[] = [];
    const list = usePagedList(() => new Promise<{ id: string }[]>((resolve) => answers.push(resolve)), 5);
    const first = list.reload();
    const second = list.reload();
    answers[1]?.([{ id: 'new' }]);
    answers[0]?.([{ id: 'old' }]);
    await Promise.all([first, second]);
    expect(list.items.value).toEqual([{ id: 'new' }]);
    expect(list.loading.value).toBe(false);

    const failing = usePagedList(async () => {
      throw new Error('boom');
    }, 5);
    await failing.reload();
    await nextTick();
    expect(failing.error.value).toBe('Cannot reach the server');
  });
});
