import { apollo } from '../apollo/apollo.client';
import { toApiError } from '../apollo/graphql-error';
import { RegisterPushMutation, UnregisterPushMutation, VapidPublicKeyQuery } from './notification.documents';
import { vapidKeyToBytes } from './vapid.key';

/** Why this device cannot get pushes, in words for the settings page; null when it can try. */
export function pushUnsupportedReason(): string | null {
  if (!('Notification' in window)) return 'This browser does not support notifications.';
  if (!('serviceWorker' in navigator) || !('PushManager' in window))
    return 'This browser cannot receive push notifications.';
  return null;
}

async function registration(): Promise<ServiceWorkerRegistration> {
  // The app registers its worker only in production builds; a worker that never comes must not hang the page.
  const ready = navigator.serviceWorker.ready;
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('The app is not installed in this browser yet; reload and try again.')), 10_000),
  );
  return Promise.race([ready, timeout]);
}

/** This device's subscription, if it has one. */
export async function currentPushSubscription(): Promise<PushSubscription | null> {
  if (pushUnsupportedReason()) return null;
  const existing = await navigator.serviceWorker.getRegistration();
  return (await existing?.pushManager.getSubscription()) ?? null;
}

/**
 * Turns pushes on for this device. Call from a click only: that is when the permission prompt may show.
 * Throws an Error whose message can be shown as is.
 */
export async function enablePush(): Promise<void> {
  const unsupported = pushUnsupportedReason();
  if (unsupported) throw new Error(unsupported);
  const permission = await Notification.requestPermission();
  if (permission !== 'granted')
    throw new Error('Notifications are blocked for this site. Allow them in the browser’s site settings.');
  let key: string;
  try {
    key = (await apollo.query({ query: VapidPublicKeyQuery, fetchPolicy: 'network-only' })).data?.vapidPublicKey ?? '';
  } catch (e) {
    throw new Error(`Push notifications are not available: ${toApiError(e).message}`, { cause: e });
  }
  const reg = await registration();
  let subscription: PushSubscription;
  try {
    subscription =
      (await reg.pushManager.getSubscription()) ??
      (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: vapidKeyToBytes(key) }));
  } catch (e) {
    const detail = e instanceof Error && e.message ? ` (${e.message})` : '';
    throw new Error(`This browser could not subscribe to push notifications${detail}.`, { cause: e });
  }
  const json = subscription.toJSON();
  const p256dh = json.keys?.['p256dh'];
  const auth = json.keys?.['auth'];
  if (!json.endpoint || !p256dh || !auth) throw new Error('This browser gave an incomplete push subscription.');
  try {
    await apollo.mutate({
      mutation: RegisterPushMutation,
      variables: { input: { endpoint: json.endpoint, p256dh, auth } },
    });
  } catch (e) {
    // A subscription the server does not know would never deliver: drop it so the toggle tells the truth.
    await subscription.unsubscribe().catch(() => false);
    throw new Error(`The server did not accept this device: ${toApiError(e).message}`, { cause: e });
  }
}

/** Turns pushes off for this device: the browser's subscription and the server's record of it. */
export async function disablePush(): Promise<void> {
  const subscription = await currentPushSubscription();
  if (!subscription) return;
  const endpoint = subscription.endpoint;
  await subscription.unsubscribe().catch(() => false);
  try {
    await apollo.mutate({ mutation: UnregisterPushMutation, variables: { endpoint } });
  } catch {
    // The push service forgets the endpoint, so the server's next push answers 410 and it drops it itself.
  }
}
