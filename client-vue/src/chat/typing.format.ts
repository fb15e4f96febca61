/**
 * "Alice is typing…", "Alice and Bob are typing…", "Alice, Bob and Cat are typing…", and past three people (or
 * when a large group sends only the count) "5 people are typing…".
 */
export function typingText(users: readonly { displayName: string }[], count: number): string {
  const total = Math.max(count, users.length);
  const names = users.map((u) => u.displayName);
  if (total === 0) return '';
  if (names.length === total) {
    if (total === 1) return `${names[0]} is typing…`;
    if (total === 2) return `${names[0]} and ${names[1]} are typing…`;
    if (total === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  }
  return total === 1 ? '1 person is typing…' : `${total} people are typing…`;
}
