import { afterAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { useChatApp, failure, ok, type ChatHarness } from '../support/chat';
import { TEST_DATABASE_URL } from '../support/databases';
import { startTestS3, type TestS3 } from '../support/s3-server';
import type { TestUser } from '../support/users';
import { wav, jpegWithGps } from '../support/media';

const CREATE = `mutation($i: CreateUploadInput!) { createUpload(input: $i) { id uploadUrl method headers { name value } expiresAt } }`;

describe.each([
  { name: 'embedded, local disk', mode: 'pglite' as const, s3: false },
  { name: 'PostgreSQL, S3 (s3rver)', mode: 'postgres' as const, s3: true },
])('attachments ($name)', ({ mode, s3 }) => {
  describe.skipIf(mode === 'postgres' && !TEST_DATABASE_URL)('', () => {
    let store: TestS3 | undefined;
    const t: ChatHarness = useChatApp(mode, async () => {
      if (!s3) return {};
      store = await startTestS3();
      return { env: store.env };
    });
    afterAll(() => store?.stop());

    const abs = (url: string) => (url.startsWith('http') ? url : t.app().url + url);
    const download = async (url: string) => {
      const res = await fetch(abs(url));
      return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
    };
    /** Announces a file, sends its bytes as told; returns the upload id. */
    async function upload(u: TestUser, body: Buffer, filename: string, contentType: string): Promise<string> {
      const up = await ok(t.call(u, CREATE, { i: { filename, contentType, byteSize: body.length } }));
      const headers = Object.fromEntries(up.headers.map((h: { name: string; value: string }) => [h.name, h.value]));
      const res = await fetch(abs(up.uploadUrl), { method: up.method, headers, body });
      expect(res.status).toBe(200);
      return up.id;
    }
    const sendFiles = (u: TestUser, c: string, uploadIds: string[], text = '') => t.sendRaw(u, c, text, { uploadIds });

    it('sends an image: members get its size, a thumbnail and a copy without EXIF or GPS', async () => {
      const [a, b] = await t.users(2);
      const g = await t.group(a!, [b!]);
      const live = t.subscribe(b!, g, await t.lastSeq(a!, g));
      const photo = await jpegWithGps();
      expect((await sharp(photo).metadata()).exif?.includes('TestCam')).toBe(true);
      const id = await upload(a!, photo, 'C:\\Users\\ana\\beach.jpg', 'image/jpeg');
      const sent = await ok(sendFiles(a!, g, [id], 'look'));
      expect(sent).toMatchObject({ kind: 'MEDIA', text: 'look' });
      expect(sent.attachments).toEqual([
        expect.objectContaining({
          id,
          kind: 'IMAGE',
          filename: 'beach.jpg',
          contentType: 'image/jpeg',
          width: 64,
          height: 48,
        }),
      ]);
      const event = await t.eventAt(live, sent.seq);
      expect(event.message.attachments[0]).toMatchObject({ id, kind: 'IMAGE', width: 64 });
      const copy = await download(event.message.attachments[0].url);
      expect(copy.status).toBe(200);
      expect(copy.type).toMatch(/^image\/jpeg/);
      const meta = await sharp(copy.body).metadata();
      expect(meta).toMatchObject({ width: 64, height: 48 });
      expect(meta.exif).toBeUndefined();
      expect(copy.body.includes('TestCam')).toBe(false);
      const thumb = await download(sent.attachments[0].thumbnailUrl);
      expect((await sharp(thumb.body).metadata()).format).toBe('webp');
    });

    it('sends audio with its duration, a file as a download, and a place', async () => {
      const [a, b] = await t.users(2);
      const dm = await t.direct(a!, b!);
      const voice = await upload(a!, wav(1500), 'voice.wav', 'audio/wav');
      const notes = await upload(a!, Buffer.from('plain notes\n'), 'notes.txt', 'text/plain');
      const sent = await ok(sendFiles(a!, dm, [voice, notes]));
      expect(sent).toMatchObject({ kind: 'MEDIA', text: null });
      expect(sent.attachments).toMatchObject([
        { id: voice, kind: 'AUDIO', durationMs: 1500, thumbnailUrl: null },
        { id: notes, kind: 'FILE', contentType: 'application/octet-stream', byteSize: 12 },
      ]);
      expect((await download(sent.attachments[1].url)).body.toString()).toBe('plain notes\n');
      const place = await ok(
        t.sendRaw(a!, dm, '', { location: { latitude: 52.52, longitude: 13.405, label: 'Mitte' } }),
      );
      expect(place).toMatchObject({
        kind: 'LOCATION',
        text: null,
        location: { latitude: 52.52, longitude: 13.405, label: 'Mitte' },
      });
      expect((await t.timeline(b!, dm)).map((m) => m.kind)).toEqual(['MEDIA', 'LOCATION']);
    });

    it('refuses bad files and bad places with BAD_USER_INPUT, and sends nothing', async () => {
      const [a, b] = await t.users(2);
      const g = await t.group(a!, [b!]);
      const before = await t.lastSeq(a!, g);
      const announce = (i: Record<string, unknown>) =>
        failure(t.call(a!, CREATE, { i: { filename: 'f', contentType: 'a/b', byteSize: 1, ...i } }));
      expect((await announce({ byteSize: 0 })).fields).toHaveProperty('byteSize');
      expect((await announce({ byteSize: 26 * 1024 * 1024 })).code).toBe('BAD_USER_INPUT');
      expect((await announce({ contentType: 'image/png', byteSize: 11 * 1024 * 1024 })).fields).toHaveProperty(
        'byteSize',
      );
      expect((await announce({ filename: '   ' })).fields).toHaveProperty('filename');
      expect((await announce({ contentType: 'not a type' })).fields).toHaveProperty('contentType');
      const refused = async (body: Buffer, filename: string, type: string) => {
        const r = await failure(sendFiles(a!, g, [await upload(a!, body, filename, type)]));
        expect(r.code).toBe('BAD_USER_INPUT');
        return r.fields['uploadIds'];
      };
      expect(await refused(Buffer.from('<!DOCTYPE html><script>alert(1)</script>'), 'cat.png', 'image/png')).toMatch(
        /cannot be sent/,
      );
      expect(
        await refused(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'logo.png', 'image/png'),
      ).toMatch(/cannot be sent/);
      expect(
        await refused(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'setup.pdf', 'application/pdf'),
      ).toMatch(/cannot be sent/);
      expect(await refused(Buffer.from('plain'), 'run.exe', 'text/plain')).toMatch(/cannot be sent/);
      const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
        .png()
        .toBuffer();
      expect(
        await refused(Buffer.concat([png.subarray(0, 40), Buffer.alloc(60, 7)]), 'broken.png', 'image/png'),
      ).toMatch(/not a readable image/);
      const unsent = await ok(
        t.call(a!, CREATE, { i: { filename: 'later.txt', contentType: 'text/plain', byteSize: 5 } }),
      );
      expect((await failure(sendFiles(a!, g, [unsent.id]))).fields['uploadIds']).toMatch(/not been uploaded/);
      const good = await upload(a!, Buffer.from('hello'), 'a.txt', 'text/plain');
      expect((await failure(sendFiles(b!, g, [good]))).fields['uploadIds']).toMatch(/not one of your uploads/);
      const place = { latitude: 1, longitude: 2 };
      expect((await failure(t.sendRaw(a!, g, '', { uploadIds: [good], location: place }))).fields).toHaveProperty(
        'location',
      );
      expect((await failure(t.sendRaw(a!, g, '', { location: { latitude: 91, longitude: 0 } }))).fields).toHaveProperty(
        ['location.latitude'],
      );
      expect(
        (await failure(t.sendRaw(a!, g, '', { location: { latitude: 0, longitude: -180.5 } }))).fields,
      ).toHaveProperty(['location.longitude']);
      expect((await failure(t.sendRaw(a!, g, ''))).fields).toHaveProperty('text');
      expect(
        (
          await failure(
            sendFiles(
              a!,
              g,
              Array.from({ length: 11 }, () => good),
            ),
          )
        ).fields,
      ).toHaveProperty('uploadIds');
      expect(await t.lastSeq(a!, g)).toBe(before);
      // Nothing above used the good upload up: it still attaches, once.
      await ok(sendFiles(a!, g, [good]));
      expect((await failure(sendFiles(a!, g, [good]))).fields['uploadIds']).toMatch(/already attached/);
    });

    it('attaches once per send: a retry returns the same message; a refused send frees its uploads', async () => {
      const [a, b, c] = await t.users(3);
      const g = await t.group(a!, [b!]);
      const foreign = await t.group(c!, [b!]);
      const id = await upload(a!, Buffer.from('report'), 'r.txt', 'text/plain');
      expect((await failure(sendFiles(a!, foreign, [id]))).code).toBe('NOT_FOUND');
      const input = { conversationId: g, clientMessageId: 'retry-1', text: '', uploadIds: [id] };
      const send = `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id seq attachments { id } } }`;
      const [first, again] = await Promise.all([
        ok(t.call(a!, send, { i: input })),
        ok(t.call(a!, send, { i: input })),
      ]);
      expect(again).toEqual(first);
      expect(await t.lastSeq(a!, g)).toBe(first.seq);
    });

    it('deleting for everyone deletes the files: links stop working and nothing is left to read', async () => {
      const [a, b] = await t.users(2);
      const g = await t.group(a!, [b!]);
      const id = await upload(a!, await jpegWithGps(), 'p.jpg', 'image/jpeg');
      const sent = await ok(sendFiles(a!, g, [id], 'soon gone'));
      const [url, thumb] = [sent.attachments[0].url, sent.attachments[0].thumbnailUrl];
      expect((await download(url)).status).toBe(200);
      const gone = await ok(t.delete(a!, sent.id));
      expect(gone).toMatchObject({ attachments: [], text: null });
      expect((await download(url)).status).toBe(404);
      expect((await download(thumb)).status).toBe(404);
      expect(JSON.stringify(await t.replay(b!, g))).not.toContain(id);
    });
  });
});
