import { describe, expect, it } from 'vitest';
import { operationNameFor } from './operation-name';

describe('the operation name sent with a tab', () => {
  it('keeps a name the document defines, and drops one it does not (a tab just switched to)', () => {
    expect(operationNameFor('query A { me { id } } query B { me { id } }', 'B')).toBe('B');
    expect(operationNameFor('query Conversations { me { id } }', 'SignIn')).toBeUndefined();
    expect(operationNameFor('{ me { id } }', null)).toBeUndefined();
    expect(operationNameFor('query {', 'X')).toBe('X');
  });
});
