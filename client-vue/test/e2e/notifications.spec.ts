import { expect, test, type Page } from '@playwright/test';
import { openDirect, send, signUp, waitForServiceWorker } from './chat.helpers';

async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('notification-settings').click();
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  await expect(page.getByTestId('notification-form')).toBeVisible();
}

test('notification settings: this device, previews, quiet hours and e-mail fallback are saved', async ({ browser }) => {
  const ana = await signUp(browser, 'ana');
  await ana.context.grantPermissions(['notifications']);
  await waitForServiceWorker(ana.page);
  // Never asked on load: the permission prompt is for the toggle's click only.
  expect(await ana.page.evaluate(() => Notification.permission)).toBe('granted');
  await openSettings(ana.page);

  // Headless Chromium here reaches no push service: the toggle says why and the page goes on working.
  await ana.page.getByTestId('push-toggle').check();
  await expect(ana.page.getByTestId('push-error')).toHaveText(/could not subscribe to push notifications/);
  await expect(ana.page.getByTestId('push-toggle')).not.toBeChecked();

  await ana.page.getByTestId('sound-toggle').check();
  await ana.page.getByTestId('show-previews').uncheck();
  await ana.page.getByTestId('quiet-hours').check();
  await ana.page.getByLabel('From').fill('23:00');
  await ana.page.getByLabel('Until').fill('06:30');
  await ana.page.getByLabel('Time zone').fill('Europe/Berlin');
  await ana.page.getByTestId('email-fallback').check();
  await ana.page.getByLabel('Language of notifications and e-mails').selectOption('de');

  // Passes the page's own check, not the server's: the server's field error shows beside the field.
  await ana.page.getByLabel('E-mail address').fill('ana@localhost');
  await ana.page.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(ana.page.getByTestId('email-error')).toHaveText('Must be an e-mail address');
  await expect(ana.page.getByLabel('E-mail address')).toHaveAttribute('aria-invalid', 'true');

  await ana.page.getByLabel('E-mail address').fill('ana@example.org');
  await ana.page.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(ana.page.getByRole('status').filter({ hasText: 'Notification settings saved.' })).toBeVisible();
  await expect(ana.page.getByTestId('email-error')).toHaveCount(0);

  await ana.page.reload();
  await expect(ana.page.getByTestId('notification-form')).toBeVisible();
  await expect(ana.page.getByTestId('show-previews')).not.toBeChecked();
  await expect(ana.page.getByTestId('quiet-hours')).toBeChecked();
  await expect(ana.page.getByLabel('From')).toHaveValue('23:00');
  await expect(ana.page.getByLabel('Until')).toHaveValue('06:30');
  await expect(ana.page.getByLabel('Time zone')).toHaveValue('Europe/Berlin');
  await expect(ana.page.getByTestId('email-fallback')).toBeChecked();
  await expect(ana.page.getByLabel('E-mail address')).toHaveValue('ana@example.org');
  await expect(ana.page.getByLabel('Language of notifications and e-mails')).toHaveValue('de');
  // The sound is this device's own preference.
  await expect(ana.page.getByTestId('sound-toggle')).toBeChecked();

  // A missing address is caught before the server is asked.
  await ana.page.getByLabel('E-mail address').fill('');
  await ana.page.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(ana.page.getByTestId('email-error')).toHaveText('An address is needed for e-mail fallback');
  await ana.context.close();
});

test('the notification settings fit a 360 px screen', async ({ browser }) => {
  const eve = await signUp(browser, 'eve', { width: 360, height: 740 });
  await openSettings(eve.page);
  await eve.page.getByTestId('quiet-hours').check();
  const save = eve.page.getByRole('button', { name: 'Save notification settings' });
  await save.scrollIntoViewIfNeeded();
  await expect(save).toBeInViewport();
  for (const field of [
    eve.page.getByLabel('From'),
    eve.page.getByLabel('Until'),
    eve.page.getByLabel('E-mail address'),
  ]) {
    const box = await field.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);
  }
  const overflow = await eve.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await eve.context.close();
});

test('a conversation set to mentions only and muted shows it, after a reload too', async ({ browser }) => {
  const bea = await signUp(browser, 'bea');
  const cyd = await signUp(browser, 'cyd');
  await openDirect(bea, cyd);
  await expect(bea.page.getByTestId('muted-icon')).toHaveCount(0);

  await bea.page.getByTestId('chat-menu').click();
  await expect(bea.page.getByTestId('notify-level-all')).toHaveAttribute('aria-checked', 'true');
  await bea.page.getByTestId('notify-level-mentions').click();
  await expect(bea.page.getByRole('menu')).toHaveCount(0);
  await bea.page.getByTestId('chat-menu').click();
  await expect(bea.page.getByTestId('notify-level-mentions')).toHaveAttribute('aria-checked', 'true');
  await bea.page.getByTestId('notify-mute-8').click();
  await expect(bea.page.getByTestId('muted-icon')).toHaveAttribute('aria-label', /^Muted until /);
  await expect(bea.page.getByTestId('list-muted-icon')).toHaveCount(1);

  await bea.page.reload();
  await expect(bea.page.getByTestId('muted-icon')).toHaveAttribute('aria-label', /^Muted until /);
  await bea.page.getByTestId('chat-menu').click();
  await expect(bea.page.getByTestId('notify-level-mentions')).toHaveAttribute('aria-checked', 'true');
  await bea.page.getByTestId('notify-mute-forever').click();
  await expect(bea.page.getByTestId('muted-icon')).toHaveAttribute('aria-label', 'Muted');
  await bea.page.getByTestId('chat-menu').click();
  await bea.page.getByTestId('notify-unmute').click();
  await expect(bea.page.getByTestId('muted-icon')).toHaveCount(0);
  await expect(bea.page.getByTestId('list-muted-icon')).toHaveCount(0);
  await bea.page.getByTestId('chat-menu').click();
  // Unmuting keeps the level.
  await expect(bea.page.getByTestId('notify-level-mentions')).toHaveAttribute('aria-checked', 'true');
  await bea.context.close();
  await cyd.context.close();
});

test('messages arriving for another conversation show in the tab title and on the icon', async ({ browser }) => {
  const dan = await signUp(browser, 'dan');
  const fay = await signUp(browser, 'fay');
  const gus = await signUp(browser, 'gus');
  await openDirect(fay, dan);
  await send(fay, 'first');
  await openDirect(dan, gus);
  await expect(dan.page).toHaveTitle('(1) Parley');
  await send(fay, 'second');
  await expect(dan.page).toHaveTitle('(2) Parley');
  await expect(dan.page.locator('link[rel=icon]')).toHaveAttribute('href', /^data:image\/png/);

  await dan.page.getByTestId('conversation-item').filter({ hasText: fay.displayName }).click();
  await expect(dan.page).toHaveTitle('Parley');
  await expect(dan.page.locator('link[rel=icon]')).toHaveAttribute('href', /\/icons\/icon-192\.png$/);
  for (const user of [dan, fay, gus]) await user.context.close();
});

test('the tab reports its focus with the open conversation, and the background once hidden', async ({ browser }) => {
  const hal = await signUp(browser, 'hal');
  const ivo = await signUp(browser, 'ivo');
  const reports: { visible: boolean; conversationId: string | null }[] = [];
  hal.page.on('request', (request) => {
    const body =
      request.method() === 'POST' ? (request.postDataJSON() as { operationName?: string; variables?: any }) : null;
    if (body?.operationName === 'ReportFocus')
      reports.push({ visible: body.variables.visible, conversationId: body.variables.conversationId ?? null });
  });
  await openDirect(hal, ivo);
  const id = new URL(hal.page.url()).pathname.split('/')[2];
  await expect.poll(() => reports.some((r) => r.visible && r.conversationId === id)).toBe(true);

  await hal.page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(() => reports.at(-1)).toEqual({ visible: false, conversationId: null });
  await hal.context.close();
  await ivo.context.close();
});

test('the service worker shows a push while no tab of the app is in front', async ({ browser }) => {
  const jo = await signUp(browser, 'jo');
  await jo.context.grantPermissions(['notifications']);
  await waitForServiceWorker(jo.page);
  const cdp = await jo.context.newCDPSession(jo.page);
  const registrations: { registrationId: string; scopeURL: string }[] = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (event: { registrations: typeof registrations }) =>
    registrations.push(...event.registrations),
  );
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => registrations.length).toBeGreaterThan(0);
  const origin = new URL(jo.page.url()).origin;
  const payload = {
    title: 'Kim',
    body: 'are you there?',
    tag: 'conversation:c1',
    url: '/c/c1?message=m1',
    conversationId: 'c1',
    messageId: 'm1',
    seq: 4,
    count: 1,
    actions: [
      { action: 'reply', title: 'Reply' },
      { action: 'read', title: 'Mark as read' },
    ],
  };
  // The explorer is not the app: nothing of Parley is in front.
  await jo.page.goto('/explorer');
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin,
    registrationId: registrations[0]!.registrationId,
    data: JSON.stringify(payload),
  });
  await expect
    .poll(() =>
      jo.page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration('/');
        const shown = (await registration?.getNotifications()) ?? [];
        return shown.map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as unknown }));
      }),
    )
    .toEqual([
      {
        title: 'Kim',
        body: 'are you there?',
        tag: 'conversation:c1',
        data: { url: '/c/c1?message=m1', conversationId: 'c1', seq: 4 },
      },
    ]);
  await jo.context.close();
});
