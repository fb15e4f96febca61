import { onScopeDispose, watch } from 'vue';
import type { RouteLocationNormalizedLoaded } from 'vue-router';
import { apollo } from '../apollo/apollo.client';
import { session } from '../session/session.store';
import { focusClientId, startFocusReporter } from './focus.reporter';
import { ReportFocusMutation } from './notification.documents';

/**
 * Reports this tab's focus to the server while the signed-in part of the app is on screen, with the conversation
 * the route shows. Best-effort: a lost report only means a push the user did not need.
 */
export function useFocusReports(route: RouteLocationNormalizedLoaded): void {
  const clientId = focusClientId();
  const conversationId = (): string | null =>
    (route.name === 'chat' || route.name === 'info') && typeof route.params['id'] === 'string'
      ? route.params['id']
      : null;
  const reporter = startFocusReporter({
    report: (visible, id) =>
      apollo.mutate({ mutation: ReportFocusMutation, variables: { clientId, visible, conversationId: id } }),
    conversationId,
    canReport: () => Boolean(session.current) && navigator.onLine !== false,
    doc: document,
    win: window,
  });
  watch(conversationId, () => reporter.refresh());
  onScopeDispose(() => reporter.stop());
}
