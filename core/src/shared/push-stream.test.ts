import { describe, expect, it } from 'vitest';
import { PushStream } from './push-stream';

describe('PushStream piped to a consumer', () => {
  function piped<T>(stream: PushStream<T>) {
    const seen: unknown[] = [];
    stream.pipe({ push: (v) => seen.push(v), end: (err) => seen.push(err ?? 'end') });
    return seen;
  }

  it('hands over what was queued, then each value as it is pushed, then the end', () => {
    let closed = 0;
    const s = new PushStream<number>(() => closed++);
    s.push(1);
    s.push(2);
    const seen = piped(s);
    expect(seen).toEqual([1, 2]);
    s.push(3);
    s.end();
    s.push(4);
    expect(seen).toEqual([1, 2, 3, 'end']);
    expect(closed).toBe(1);
  });

  it('reports a failure once, also one that came before piping, and closes the stream', () => {
    let closed = 0;
    const s = new PushStream<number>(() => closed++);
    s.push(1);
    s.fail(new Error('lost'));
    expect(piped(s)).toEqual([1, new Error('lost')]);
    s.fail(new Error('again'));
    expect(closed).toBe(1);
  });

  it('sends nothing after it is returned (the subscriber left), not even the end', async () => {
    const s = new PushStream<number>();
    const seen = piped(s);
    s.push(1);
    await s.return();
    s.push(2);
    s.end();
    expect(seen).toEqual([1]);
  });
});
