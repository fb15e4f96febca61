import { expect, test, type Page } from '@playwright/test';
import { openDirect, send, signUp } from './chat.helpers';

/** The focused element's outline and the theme's ring colour, as the browser computes them. */
function focusedOutline(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    const probe = document.createElement('span');
    probe.style.color = 'var(--focus-ring)';
    document.body.append(probe);
    const ring = getComputedStyle(probe).color;
    probe.remove();
    return {
      name: el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? el.tagName,
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      color: style.outlineColor,
      ring,
    };
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`keyboard focus shows a 3 px ring in the theme's ring colour on every stop (${colorScheme})`, async ({
    browser,
  }) => {
    const rex = await signUp(browser, 'rex');
    const sam = await signUp(browser, 'sam');
    await rex.page.emulateMedia({ colorScheme });
    await openDirect(rex, sam);
    await send(rex, 'see https://example.com');
    await rex.page.goto('/');
    await rex.page.getByTestId('conversation-item').first().click();
    await expect(rex.page.getByTestId('chat-title')).toHaveText(sam.displayName);

    // Keyboard use from the first control on: Chromium then shows :focus-visible on each stop.
    await rex.page.getByTestId('my-status').focus();
    await rex.page.keyboard.press('Shift+Tab');
    const seen: string[] = [];
    for (let stop = 0; stop < 10; stop++) {
      await rex.page.keyboard.press('Tab');
      const outline = await focusedOutline(rex.page);
      seen.push(outline.name);
      expect(outline, outline.name).toMatchObject({ style: 'solid', color: outline.ring });
      expect(outline.width, outline.name).toBeGreaterThanOrEqual(3);
    }
    // The walk went through the header, the list and into the chat.
    expect(seen).toEqual(expect.arrayContaining(['New chat', 'Log out', 'Conversation info']));
    for (const user of [rex, sam]) await user.context.close();
  });
}
