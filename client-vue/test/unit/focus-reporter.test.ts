import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { focusClientId, startFocusReporter } from '../../src/notifications/focus.reporter';

function fakePage() {
  const doc = new EventTarget() as EventTarget & { visibilityState: DocumentVisibilityState; hasFocus: () => boolean };
  const win = new EventTarget();
  const state = { visible: true, focused: true };
  Object.defineProperty(doc, 'visibilityState', { get: () => (state.visible ? 'visible' : 'hidden') });
  doc.hasFocus = () => state.focused;
  return { doc, win, state };
}

describe('focus reporter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(options: { canReport?: () => boolean } = {}) {
    const page = fakePage();
    const reports: [boolean, string | null][] = [];
    let conversation: string | null = 'c1';
    const reporter = startFocusReporter({
      report: async (visible, id) => {
        reports.push([visible, id]);
      },
      conversationId: () => conversation,
      canReport: options.canReport ?? (() => true),
      doc: page.doc as unknown as Document,
      win: page.win as unknown as Window,
    });
    return { ...page, reports, reporter, open: (id: string | null) => (conversation = id) };
  }

  it('reports at once, on a route change and every 30 s while visible and focused', () => {
    const { reports, reporter, open } = setup();
    expect(reports).toEqual([[true, 'c1']]);
    open('c2');
    reporter.refresh();
    expect(reports.at(-1)).toEqual([true, 'c2']);
    vi.advanceTimersByTime(29_999);
    expect(reports).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(reports).toHaveLength(3);
    vi.advanceTimersByTime(60_000);
    expect(reports).toHaveLength(5);
    reporter.stop();
  });

  it('reports the background once on hide, blur or pagehide, and stops the repeats until back', () => {
    const { doc, win, state, reports, reporter } = setup();
    state.visible = false;
    doc.dispatchEvent(new Event('visibilitychange'));
    state.focused = false;
    win.dispatchEvent(new Event('blur'));
    expect(reports).toEqual([
      [true, 'c1'],
      [false, null],
    ]);
    vi.advanceTimersByTime(120_000);
    expect(reports).toHaveLength(2);

    state.visible = true;
    doc.dispatchEvent(new Event('visibilitychange'));
    // Visible but another window has the focus: still the background.
    expect(reports).toHaveLength(2);
    state.focused = true;
    win.dispatchEvent(new Event('focus'));
    expect(reports.at(-1)).toEqual([true, 'c1']);
    win.dispatchEvent(new Event('pagehide'));
    expect(reports.at(-1)).toEqual([false, null]);
    reporter.stop();
  });

  it('sends nothing while it may not (offline, signed out), and a failed report does no harm', async () => {
    let allowed = false;
    const { reports, reporter } = setup({ canReport: () => allowed });
    vi.advanceTimersByTime(30_000);
    expect(reports).toEqual([]);
    allowed = true;
    vi.advanceTimersByTime(30_000);
    expect(reports).toEqual([[true, 'c1']]);
    reporter.stop();

    const page = fakePage();
    const failing = startFocusReporter({
      report: () => Promise.reject(new Error('offline')),
      conversationId: () => null,
      canReport: () => true,
      doc: page.doc as unknown as Document,
      win: page.win as unknown as Window,
    });
    await vi.advanceTimersByTimeAsync(30_000);
    failing.stop();
  });

  it('reports the background when stopped, and no more after', () => {
    const { reports, reporter } = setup();
    reporter.stop();
    expect(reports.at(-1)).toEqual([false, null]);
    vi.advanceTimersByTime(90_000);
    expect(reports).toHaveLength(2);
  });

  it('keeps one client id per tab in sessionStorage', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    };
    const id = focusClientId(storage);
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(focusClientId(storage)).toBe(id);
    store.clear();
    expect(focusClientId(storage)).not.toBe(id);
  });
});
