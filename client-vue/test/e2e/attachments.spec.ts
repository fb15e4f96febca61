import { expect, test, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import config from '../../playwright.config';
import { openConversation, openDirect, send, sentTexts, signUp, waitForServiceWorker } from './chat.helpers';

// Chromium's fake microphone (a beep) and no permission prompt, on top of the suite's own arguments.
const launchOptions = config.use?.launchOptions ?? {};
test.use({
  launchOptions: {
    ...launchOptions,
    args: [...(launchOptions.args ?? []), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

const shots = resolve(import.meta.dirname, '../../test-results');
const screens = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: '360 px', viewport: { width: 360, height: 740 } },
];

/** Pastes a freshly drawn 48×32 PNG into the message box, as a screenshot pasted from the clipboard would come. */
async function pasteImage(page: Page): Promise<void> {
  await page.getByLabel('Message', { exact: true }).evaluate(async (box) => {
    const canvas = document.createElement('canvas');
    canvas.width = 48;
    canvas.height = 32;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#3a7';
    g.fillRect(0, 0, 48, 32);
    g.fillStyle = '#fff';
    g.fillRect(8, 8, 16, 16);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    const data = new DataTransfer();
    data.items.add(new File([blob], 'image.png', { type: 'image/png' }));
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
}

for (const { name, viewport } of screens) {
  test(`a pasted image, a voice message and a location reach the other person (${name})`, async ({ browser }) => {
    const ada = await signUp(browser, 'ada', viewport);
    const bob = await signUp(browser, 'bob');
    await openDirect(ada, bob);

    // An image pasted into the composer goes with the text as its caption.
    await pasteImage(ada.page);
    await expect(ada.page.getByTestId('composer-files')).toContainText('pasted-');
    await ada.page.screenshot({ path: resolve(shots, `attach-${name.replace(' ', '')}.png`) });
    const box = ada.page.getByLabel('Message', { exact: true });
    await box.fill('Our new sign');
    await box.press('Enter');
    const mine = ada.page.locator('[data-testid=message]').filter({ hasText: 'Our new sign' });
    await expect(mine.getByTestId('attachment-image')).toHaveAttribute('src', /\S/);

    await openConversation(bob, ada.displayName);
    const received = bob.page.locator('[data-testid=message]').filter({ hasText: 'Our new sign' });
    const thumbnail = received.getByTestId('attachment-image');
    await expect(thumbnail).toHaveAttribute('src', /\S/);
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);
    // The thumbnail opens the full image; Escape closes it.
    await thumbnail.click();
    await expect(bob.page.getByTestId('lightbox').locator('img')).toBeVisible();
    await bob.page.keyboard.press('Escape');
    await expect(bob.page.getByTestId('lightbox').locator('img')).toHaveCount(0);

    // A voice message: held down, the timer runs, released it is sent.
    const mic = ada.page.getByTestId('voice-record');
    const at = await mic.boundingBox();
    if (!at) throw new Error('The record button is not on screen');
    await ada.page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await ada.page.mouse.down();
    await expect(ada.page.getByTestId('voice-timer')).toHaveText(/^0:0[1-9]$/);
    await ada.page.screenshot({ path: resolve(shots, `voice-${name.replace(' ', '')}.png`) });
    await ada.page.mouse.up();
    await expect(ada.page.getByTestId('voice-recording')).toHaveCount(0);
    await expect(bob.page.getByTestId('attachment-audio')).toHaveAttribute('src', /\S/);
    await expect(bob.page.getByTestId('attachment-audio')).toHaveAccessibleName(/^voice-.*\.webm$/);

    // A recording can be cancelled instead: nothing more is sent.
    await ada.page.mouse.down();
    await expect(ada.page.getByTestId('voice-timer')).toBeVisible();
    await ada.page.mouse.move(at.x - 120, at.y + at.height / 2, { steps: 4 });
    await expect(ada.page.getByTestId('voice-recording')).toHaveCount(0);
    await ada.page.mouse.up();

    // A location, asked for only on the click, arrives as coordinates and a link.
    await ada.context.grantPermissions(['geolocation']);
    await ada.context.setGeolocation({ latitude: 48.85837, longitude: 2.294481 });
    await ada.page.getByTestId('share-location').click();
    const place = bob.page.getByTestId('location');
    await expect(place).toContainText('48.858370° N, 2.294481° E');
    await expect(place.getByRole('link')).toHaveAttribute(
      'href',
      'https://www.openstreetmap.org/?mlat=48.85837&mlon=2.294481#map=16/48.85837/2.294481',
    );
    await expect(bob.page.getByTestId('attachment-audio')).toHaveCount(1);
    await ada.page.screenshot({ path: resolve(shots, `sent-${name.replace(' ', '')}.png`) });
  });
}

test('files wait offline through a reload; dropped, cancelled and refused files', async ({ browser }) => {
  const ada = await signUp(browser, 'ada');
  const bob = await signUp(browser, 'bob');
  await openDirect(ada, bob);
  await send(ada, 'hello');
  await expect(sentTexts(ada.page)).toHaveText(['hello']);
  await waitForServiceWorker(ada.page);

  await ada.context.setOffline(true);
  const picker = ada.page.getByTestId('attach-input');
  await picker.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('meeting notes\n') });
  await expect(ada.page.getByTestId('composer-files')).toContainText('notes.txt');
  const box = ada.page.getByLabel('Message', { exact: true });
  await box.fill('Notes from today');
  await box.press('Enter');
  const waiting = ada.page.getByTestId('message-pending').filter({ hasText: 'Notes from today' });
  await expect(waiting.getByTestId('pending-file')).toContainText('notes.txt');
  // The bytes are in IndexedDB with the message: a reload offline keeps both.
  await ada.page.reload();
  await expect(waiting.getByTestId('pending-file')).toContainText('notes.txt');

  await ada.context.setOffline(false);
  await openConversation(bob, ada.displayName);
  const file = bob.page
    .locator('[data-testid=message]')
    .filter({ hasText: 'Notes from today' })
    .getByTestId('attachment-file');
  await expect(file).toContainText('notes.txt');
  await expect(file).toHaveAttribute('href', /\S/);
  expect(
    await bob.page.evaluate(async (href) => (await fetch(href)).text(), (await file.getAttribute('href')) ?? ''),
  ).toBe('meeting notes\n');

  // Files dropped on the chat join the message being written; each can be taken out again.
  await ada.page.getByRole('region', { name: /^Chat with/ }).evaluate((chat) => {
    const data = new DataTransfer();
    data.items.add(new File(['dropped'], 'dropped.txt', { type: 'text/plain' }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      chat.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  });
  await expect(ada.page.getByTestId('composer-files')).toContainText('dropped.txt');
  await ada.page.getByRole('button', { name: 'Remove dropped.txt' }).click();
  await expect(ada.page.getByTestId('composer-files')).toHaveCount(0);

  // The upload of slow.txt is held open, as on a slow line: it shows its bar, and its cancel button takes it
  // out (whether its bytes were on their way or not yet).
  await ada.page.route('**/uploads/**', async (route) => {
    if (route.request().method() === 'PUT' && route.request().postData() === 'slow') return;
    await route.continue();
  });
  await picker.setInputFiles([
    { name: 'slow.txt', mimeType: 'text/plain', buffer: Buffer.from('slow') },
    { name: 'quick.txt', mimeType: 'text/plain', buffer: Buffer.from('quick') },
  ]);
  await box.fill('Two files');
  await box.press('Enter');
  const slow = ada.page.getByTestId('pending-file').filter({ hasText: 'slow.txt' });
  await expect(slow.getByRole('progressbar')).toBeVisible();
  await slow.getByTestId('cancel-upload').click();
  const sent = bob.page.locator('[data-testid=message]').filter({ hasText: 'Two files' });
  await expect(sent.getByTestId('attachment-file')).toHaveText([/quick\.txt/]);

  // A file the server refuses (a page posing as an image) says why beside it; the message can be deleted.
  await picker.setInputFiles({
    name: 'fake.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<html><script>alert(1)</script></html>'),
  });
  await box.press('Enter');
  const refused = ada.page.getByTestId('message-failed');
  await expect(refused).toContainText('Not sent: fake.png');
  await expect(refused.getByTestId('pending-file').getByRole('alert')).toHaveText(/\S/);
  await refused.getByRole('button', { name: 'Delete' }).click();
  await expect(ada.page.getByTestId('message-failed')).toHaveCount(0);
});
