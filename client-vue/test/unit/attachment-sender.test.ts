import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { Blob as NodeBlob } from 'node:buffer';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  refusedAttachmentKey,
  uploadAttachments,
  type AttachmentSenderDeps,
  type Refusal,
} from '../../src/media/attachment.sender';
import { UploadTracker } from '../../src/media/upload.progress';
import { UploadFailed } from '../../src/media/upload.request';
import { resetParleyDb, type OutboxAttachment, type OutboxEntry } from '../../src/offline/offline.db';
import { Outbox, type SendOutcome } from '../../src/outbox/outbox.queue';
import { idbOutboxStorage } from '../../src/outbox/outbox.storage';

const HOUR = 3_600_000;

function file(key: string, size = 4): OutboxAttachment {
  return {
    key,
    // Node's Blob: fake-indexeddb clones it the way a browser's IndexedDB does (happy-dom's is not cloneable).
    blob: new NodeBlob(['x'.repeat(size)], { type: 'image/png' }) as unknown as Blob,
    filename: `${key}.png`,
    contentType: 'image/png',
    byteSize: size,
    kind: 'IMAGE',
  };
}

interface Sent {
  text: string;
  uploadIds: string[];
}

/**
 * An outbox sending through `uploadAttachments` to a fake server: uploads get ids `up1`, `up2`, …; a byte
 * transfer can be held open (`holdNext`) to cancel it midway; `refuseNext` makes the next createUpload fail.
 */
function harness() {
  const tracker = new UploadTracker();
  const sent: Sent[] = [];
  const transfers: string[] = [];
  const progress: [number, number][] = [];
  let uploads = 0;
  let now = Date.parse('2026-11-30T00:00:00Z');
  let refuseNext: Refusal | null = null;
  let held: { release: () => void } | null = null;
  let holdNext = false;
  let failSendOnce = false;

  const deps: AttachmentSenderDeps = {
    async createUpload(attachment) {
      if (refuseNext) {
        const refusal = refuseNext;
        refuseNext = null;
        throw refusal;
      }
      uploads++;
      return {
        id: `up${uploads}`,
        uploadUrl: `/uploads/${attachment.key}`,
        method: 'PUT',
        headers: [],
        expiresAt: new Date(now + HOUR).toISOString(),
      };
    },
    sendBytes(target, body, onProgress, signal) {
      transfers.push(target.uploadUrl);
      onProgress(body.size / 2, body.size);
      progress.push([body.size / 2, body.size]);
      if (!holdNext) return Promise.resolve();
      holdNext = false;
      return new Promise((resolve, reject) => {
        held = { release: resolve };
        signal.addEventListener('abort', () => reject(new UploadFailed('Canceled', false, true)));
      });
    },
    refusal: (error) => error as Refusal,
    async patch(cid, change) {
      await outbox.patch(cid, change);
      return outbox.find(cid);
    },
    find: (cid) => outbox.find(cid),
    tracker,
    now: () => now,
  };

  async function send(entry: OutboxEntry): Promise<SendOutcome<Sent>> {
    const uploaded = await uploadAttachments(entry, deps);
    if (!uploaded.ok) {
      return 'discarded' in uploaded ? { ok: false, transient: false, error: 'Canceled' } : uploaded;
    }
    if (failSendOnce) {
      failSendOnce = false;
      return { ok: false, transient: true, error: 'Cannot reach the server' };
    }
    const message = { text: entry.text, uploadIds: uploaded.uploadIds };
    sent.push(message);
    return { ok: true, message };
  }

  const outbox: Outbox<Sent> = new Outbox(idbOutboxStorage(), send);
  return {
    outbox,
    tracker,
    sent,
    transfers,
    progress,
    refuse: (refusal: Refusal) => (refuseNext = refusal),
    holdNextTransfer: () => (holdNext = true),
    failNextSend: () => (failSendOnce = true),
    release: () => held?.release(),
    advance: (ms: number) => (now += ms),
  };
}

const draft = (text: string, attachments: OutboxAttachment[]) => ({
  conversationId: 'c1',
  senderId: 'u1',
  text,
  replyToId: null,
  attachments,
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(check()).toBe(true);
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  resetParleyDb();
});

describe('sending attachments', () => {
  it('uploads each file, then sends the message with their upload ids and the caption', async () => {
    const h = harness();
    await h.outbox.enqueue(draft('look', [file('a'), file('b', 10)]));
    await h.outbox.flush();
    expect(h.transfers).toEqual(['/uploads/a', '/uploads/b']);
    expect(h.progress).toEqual([
      [2, 4],
      [5, 10],
    ]);
    expect(h.sent).toEqual([{ text: 'look', uploadIds: ['up1', 'up2'] }]);
    expect(h.outbox.entries.value).toEqual([]);
    expect(await idbOutboxStorage().list()).toEqual([]);
  });

  it('keeps the files of a waiting message in IndexedDB, so they survive a reload', async () => {
    const h = harness();
    h.refuse({ transient: true, message: 'Cannot reach the server', fields: {} });
    await h.outbox.enqueue(draft('', [file('a', 6)]));
    await h.outbox.flush();
    const [stored] = await idbOutboxStorage().list();
    expect(stored?.attachments?.[0]?.filename).toBe('a.png');
    expect(stored?.attachments?.[0]?.blob.size).toBe(6);

    const reloaded = harness();
    await reloaded.outbox.load();
    await reloaded.outbox.flush();
    expect(reloaded.sent).toEqual([{ text: '', uploadIds: ['up1'] }]);
  });

  it('does not send bytes again once they are uploaded, unless the upload is about to expire', async () => {
    const h = harness();
    h.failNextSend();
    await h.outbox.enqueue(draft('x', [file('a')]));
    await h.outbox.flush();
    expect(h.sent).toEqual([]);
    expect((await idbOutboxStorage().list())[0]?.attachments?.[0]?.uploadId).toBe('up1');
    await h.outbox.flush();
    expect(h.transfers).toEqual(['/uploads/a']);
    expect(h.sent).toEqual([{ text: 'x', uploadIds: ['up1'] }]);

    h.failNextSend();
    await h.outbox.enqueue(draft('y', [file('b')]));
    await h.outbox.flush();
    h.advance(HOUR);
    await h.outbox.flush();
    expect(h.transfers).toEqual(['/uploads/a', '/uploads/b', '/uploads/b']);
    expect(h.sent.at(-1)).toEqual({ text: 'y', uploadIds: ['up3'] });
  });

  it('drops a file whose upload is cancelled and sends the rest', async () => {
    const h = harness();
    h.holdNextTransfer();
    const entry = await h.outbox.enqueue(draft('two files', [file('a'), file('b')]));
    await until(() => h.tracker.get(entry.clientMessageId, 'a') !== undefined);
    h.tracker.cancel(entry.clientMessageId, 'a');
    await h.outbox.flush();
    expect(h.sent).toEqual([{ text: 'two files', uploadIds: ['up2'] }]);
  });

  it('discards a message without caption whose only file is cancelled', async () => {
    const h = harness();
    h.holdNextTransfer();
    const entry = await h.outbox.enqueue(draft('', [file('a')]));
    await until(() => h.tracker.get(entry.clientMessageId, 'a') !== undefined);
    h.tracker.cancel(entry.clientMessageId, 'a');
    await h.outbox.flush();
    expect(h.sent).toEqual([]);
    expect(h.outbox.entries.value).toEqual([]);
    expect(await idbOutboxStorage().list()).toEqual([]);
  });

  it('shows the reason beside a refused file, and uploads it again on retry', async () => {
    const h = harness();
    h.refuse({ transient: false, message: 'Bad input', fields: { contentType: 'This type of file is not allowed' } });
    const entry = await h.outbox.enqueue(draft('', [file('a')]));
    await h.outbox.flush();
    const failed = h.outbox.find(entry.clientMessageId);
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toBe('a.png: This type of file is not allowed');
    expect(failed?.attachments?.[0]?.error).toBe('This type of file is not allowed');

    await h.outbox.retry(entry.clientMessageId);
    expect(h.sent).toEqual([{ text: '', uploadIds: ['up1'] }]);
  });

  it('waits without marking anything when the network fails mid-upload', async () => {
    const h = harness();
    h.refuse({ transient: true, message: 'Cannot reach the server', fields: {} });
    const entry = await h.outbox.enqueue(draft('hi', [file('a')]));
    await h.outbox.flush();
    expect(h.outbox.find(entry.clientMessageId)?.status).toBe('pending');
    expect(h.outbox.find(entry.clientMessageId)?.attachments?.[0]?.error).toBeUndefined();
  });
});

describe('refusedAttachmentKey', () => {
  const entry = {
    attachments: [
      { ...file('a'), uploadId: 'u-a' },
      { ...file('b'), uploadId: 'u-b' },
    ],
  } as OutboxEntry;

  it('finds the file a refusal is about: by upload id, position or name, or the only one', () => {
    expect(refusedAttachmentKey(entry, { 'uploadIds.1': 'Too large' })).toBe('b');
    expect(refusedAttachmentKey(entry, { uploadIds: 'Upload u-a has expired' })).toBe('a');
    expect(refusedAttachmentKey(entry, { uploadIds: 'b.png is a type of file that cannot be sent' })).toBe('b');
    expect(refusedAttachmentKey(entry, { text: 'Too long' })).toBeNull();
    const single = { attachments: [{ ...file('c'), uploadId: 'u-c' }] } as OutboxEntry;
    expect(refusedAttachmentKey(single, { uploadIds: 'Attachments could not be read' })).toBe('c');
  });
});
