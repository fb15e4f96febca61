import type { IncomingMessage, ServerResponse } from 'node:http';

const PAGE = (text: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<title>Parley</title><body style="font-family:system-ui;max-width:32rem;margin:3rem auto;padding:0 1rem">` +
  `<p>${text}</p><p><a href="/">Open Parley</a></p></body></html>`;

/**
 * `/notifications/unsubscribe?u=<user>&sig=<signature>`: the link in digest e-mails. GET and
 * one-click POST (RFC 8058) both turn the e-mail fallback off; the page holds no user content.
 */
export function createUnsubscribeHandler(unsubscribe: (userId: string, signature: string) => Promise<boolean>) {
  return async (req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> => {
    const ok =
      (req.method === 'GET' || req.method === 'POST') &&
      (await unsubscribe(query.get('u') ?? '', query.get('sig') ?? ''));
    res.writeHead(ok ? 200 : 400, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    res.end(PAGE(ok ? 'You will no longer get e-mails about unread messages.' : 'This link is not valid.'));
  };
}
