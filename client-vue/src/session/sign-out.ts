import { apollo } from '../apollo/apollo.client';
import { blocks } from '../chat/blocks.store';
import { chatCache, chatLog, deliveries } from '../chat/chat.log';
import { inbox } from '../chat/inbox.store';
import { cacheClear } from '../offline/offline.db';
import { presence } from '../presence/presence.store';
import { setSession } from './session.store';

/**
 * Forgets everything this device holds for the signed-in user (streams, caches, the saved cache, the
 * tokens) and reloads at the sign-in page: after logging out, or after the account was deleted.
 */
export async function forgetSession(): Promise<void> {
  chatCache.stop();
  inbox.stop();
  chatLog.reset();
  deliveries.reset();
  presence.reset();
  blocks.reset();
  await cacheClear();
  setSession(null);
  await apollo.clearStore();
  window.location.assign('/login');
}
