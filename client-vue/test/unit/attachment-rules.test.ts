import { describe, expect, it } from 'vitest';
import {
  baseContentType,
  kindOf,
  MAX_FILES_PER_MESSAGE,
  pastedName,
  planUploads,
  rejectionOf,
} from '../../src/media/attachment.rules';
import { fitWithin, fileIcon } from '../../src/media/attachment.model';
import { quoteText } from '../../src/components/message.rows';

const MB = 1024 * 1024;

/** A File that says it is `size` bytes without allocating them. */
function fakeFile(name: string, type: string, size: number): File {
  const file = new File(['x'], name, { type });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

describe('attachment rules', () => {
  it('sorts files into kinds by their declared type', () => {
    expect(kindOf('image/png')).toBe('IMAGE');
    expect(kindOf('video/mp4')).toBe('VIDEO');
    expect(kindOf('audio/webm;codecs=opus')).toBe('AUDIO');
    expect(kindOf('application/pdf')).toBe('FILE');
    expect(kindOf('')).toBe('FILE');
    expect(baseContentType('Audio/WebM; codecs=opus')).toBe('audio/webm');
    expect(baseContentType('')).toBe('application/octet-stream');
  });

  it('holds images to 10 MB and other files to 25 MB', () => {
    expect(rejectionOf('a.png', 'image/png', 10 * MB)).toBeNull();
    expect(rejectionOf('a.png', 'image/png', 10 * MB + 1)).toBe('Too large: at most 10 MB');
    expect(rejectionOf('a.mp4', 'video/mp4', 25 * MB)).toBeNull();
    expect(rejectionOf('a.zip', 'application/zip', 25 * MB + 1)).toBe('Too large: at most 25 MB');
    expect(rejectionOf('empty.txt', 'text/plain', 0)).toBe('The file is empty');
  });

  it('refuses what the server refuses whatever it is called: executables, HTML and SVG', () => {
    expect(rejectionOf('setup.exe', 'application/octet-stream', 100)).toBe('This type of file cannot be sent');
    expect(rejectionOf('page.txt', 'text/html', 100)).toBe('This type of file cannot be sent');
    expect(rejectionOf('logo.svg', 'image/svg+xml', 100)).toBe('This type of file cannot be sent');
    expect(rejectionOf('notes.txt', 'text/plain', 100)).toBeNull();
  });

  it('plans the files it can send and says why for the others, up to ten per message', () => {
    const plan = planUploads(
      [fakeFile('a.png', 'image/png', 2000), fakeFile('big.jpg', 'image/jpeg', 11 * MB), fakeFile('b.pdf', '', 10)],
      0,
    );
    expect(plan.accepted.map((f) => [f.filename, f.kind, f.contentType, f.byteSize])).toEqual([
      ['a.png', 'IMAGE', 'image/png', 2000],
      ['b.pdf', 'FILE', 'application/octet-stream', 10],
    ]);
    expect(plan.rejected).toEqual([{ filename: 'big.jpg', reason: 'Too large: at most 10 MB' }]);
    expect(new Set(plan.accepted.map((f) => f.key)).size).toBe(2);

    const many = Array.from({ length: 4 }, (_, i) => fakeFile(`f${i}.txt`, 'text/plain', 5));
    const full = planUploads(many, MAX_FILES_PER_MESSAGE - 2);
    expect(full.accepted).toHaveLength(2);
    expect(full.rejected.map((r) => r.reason)).toEqual([
      'At most 10 files per message',
      'At most 10 files per message',
    ]);
  });

  it('names pasted images after when they were pasted', () => {
    const pasted = pastedName(new File(['x'], 'image.png', { type: 'image/png' }), new Date('2026-11-30T00:12:05Z'));
    expect(pasted.name).toBe('pasted-2026-11-30_00-12-05.png');
    expect(pasted.type).toBe('image/png');
    const named = new File(['x'], 'holiday.jpg', { type: 'image/jpeg' });
    expect(pastedName(named, new Date())).toBe(named);
  });

  it('keeps the space of an image before it loads, never enlarging it', () => {
    expect(fitWithin(1600, 1200, 260, 260)).toEqual({ width: 260, height: 195 });
    expect(fitWithin(100, 50, 260, 260)).toEqual({ width: 100, height: 50 });
    expect(fitWithin(null, 50, 260, 260)).toBeNull();
  });

  it('labels files by type or extension', () => {
    expect(fileIcon('application/pdf', 'x.pdf')).toBe('PDF');
    expect(fileIcon('application/octet-stream', 'x.zip')).toBe('ZIP');
    expect(fileIcon('application/octet-stream', 'x.bin')).toBe('FILE');
  });

  it('quotes a file or a place sent without text by what it is', () => {
    expect(quoteText({ kind: 'MEDIA', text: '' })).toBe('Attachment');
    expect(quoteText({ kind: 'MEDIA', text: 'Our new sign' })).toBe('Our new sign');
    expect(quoteText({ kind: 'LOCATION', text: '' })).toBe('Location');
    expect(quoteText({ kind: 'TEXT', text: null })).toBe('');
  });
});
