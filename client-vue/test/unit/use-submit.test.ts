import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { useSubmit } from '../../src/composables/useSubmit';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((res) => (resolve = res));
  return { promise, resolve };
}

describe('submitting a form', () => {
  it('is busy while the action runs and says it succeeded', async () => {
    const { busy, error, run } = useSubmit();
    const action = deferred();
    const result = run(() => action.promise);
    expect(busy.value).toBe(true);
    action.resolve();
    expect(await result).toBe(true);
    expect(busy.value).toBe(false);
    expect(error.value).toBe('');
  });

  it('shows the API’s message when the action fails, without throwing', async () => {
    const { busy, error, run } = useSubmit();
    const failed = await run(async () => {
      throw new CombinedGraphQLErrors({
        errors: [{ message: 'A reason is required', extensions: { code: 'BAD_USER_INPUT' } }],
      });
    });
    expect(failed).toBe(false);
    expect(error.value).toBe('A reason is required');
    expect(busy.value).toBe(false);
  });

  it('says the server cannot be reached for anything else', async () => {
    const { error, run } = useSubmit();
    expect(await run(() => Promise.reject(new TypeError('Failed to fetch')))).toBe(false);
    expect(error.value).toBe('Cannot reach the server');
  });

  it('clears the last error when the next attempt starts', async () => {
    const { error, run } = useSubmit();
    await run(() => Promise.reject(new Error('offline')));
    expect(error.value).not.toBe('');
    const retry = deferred();
    const result = run(() => retry.promise);
    expect(error.value).toBe('');
    retry.resolve();
    expect(await result).toBe(true);
    expect(error.value).toBe('');
  });
});
