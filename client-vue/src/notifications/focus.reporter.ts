/** What the reporter needs from the page and the app; injected so it can run under fake timers. */
export interface FocusReporterDeps {
  /** Sends one report; errors are swallowed here, as a missed report only delays the server's view. */
  report: (visible: boolean, conversationId: string | null) => Promise<unknown>;
  /** The conversation on screen, or null. */
  conversationId: () => string | null;
  /** False while offline or signed out: nothing is sent then. */
  canReport: () => boolean;
  doc: Pick<Document, 'visibilityState' | 'hasFocus' | 'addEventListener' | 'removeEventListener'>;
  win: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** @default 30000 */
  intervalMs?: number;
}

export interface FocusReporter {
  /** Call after every route change: the server learns the new conversation at once. */
  refresh: () => void;
  stop: () => void;
}

const CLIENT_ID_KEY = 'parley.clientId';

/** A random id per tab, kept across reloads of that tab (sessionStorage) and never shared between tabs. */
export function focusClientId(storage: Pick<Storage, 'getItem' | 'setItem'> = sessionStorage): string {
  const existing = storage.getItem(CLIENT_ID_KEY);
  if (existing && /^[A-Za-z0-9_-]{8,64}$/.test(existing)) return existing;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  storage.setItem(CLIENT_ID_KEY, id);
  return id;
}

/**
 * Tells the server while this tab is in the foreground (visible and focused), so it sends no push for what the
 * user is looking at: at once, on every `refresh`, and every 30 s (the server forgets a report after a while);
 * and that it went to the background as soon as it is hidden, blurred or left.
 */
export function startFocusReporter(deps: FocusReporterDeps): FocusReporter {
  const { doc, win } = deps;
  let timer: ReturnType<typeof setInterval> | undefined;
  // Only the first background report after being in the foreground: blur and hidden usually come together.
  let foreground = false;

  const send = (visible: boolean): void => {
    if (!deps.canReport()) return;
    deps.report(visible, visible ? deps.conversationId() : null).catch(() => undefined);
  };
  const inForeground = (): boolean => doc.visibilityState === 'visible' && doc.hasFocus();

  const stopTimer = (): void => {
    clearInterval(timer);
    timer = undefined;
  };
  const check = (): void => {
    if (inForeground()) {
      foreground = true;
      send(true);
      stopTimer();
      timer = setInterval(() => {
        if (inForeground()) send(true);
      }, deps.intervalMs ?? 30_000);
    } else background();
  };
  const background = (): void => {
    stopTimer();
    if (!foreground) return;
    foreground = false;
    send(false);
  };
  const onVisibility = (): void => (doc.visibilityState === 'visible' ? check() : background());

  doc.addEventListener('visibilitychange', onVisibility);
  win.addEventListener('focus', check);
  win.addEventListener('blur', background);
  win.addEventListener('pagehide', background);
  check();

  return {
    refresh: check,
    stop: () => {
      background();
      doc.removeEventListener('visibilitychange', onVisibility);
      win.removeEventListener('focus', check);
      win.removeEventListener('blur', background);
      win.removeEventListener('pagehide', background);
    },
  };
}
