import { computed, nextTick, ref, toValue, type MaybeRefOrGetter, type Ref } from 'vue';
import { applyMention, matchMembers, mentionQuery, type MentionCandidate } from './mention.complete';

/**
 * The composer's `@` autocomplete: follows the `@word` before the caret of `field`, offers the members it
 * matches, and replaces the word with the picked `@username`. The text field keeps the focus throughout.
 */
export function useMentionAutocomplete(
  field: Ref<HTMLTextAreaElement | null>,
  text: Ref<string>,
  members: MaybeRefOrGetter<readonly MentionCandidate[]>,
  meId: MaybeRefOrGetter<string | null>,
  onStart: () => void,
) {
  const mention = ref<{ start: number; query: string } | null>(null);
  const active = ref(0);
  const suggestions = computed(() =>
    mention.value ? matchMembers(toValue(members), mention.value.query, toValue(meId)) : [],
  );

  function read(): void {
    const el = field.value;
    const next = el ? mentionQuery(text.value, el.selectionStart ?? text.value.length) : null;
    // The members list may need fetching: say so once, when an @ starts.
    if (next && !mention.value) onStart();
    if (next?.query !== mention.value?.query) active.value = 0;
    mention.value = next;
  }

  async function pick(member: MentionCandidate): Promise<void> {
    const el = field.value;
    if (!mention.value || !el) return;
    const at = el.selectionStart ?? text.value.length;
    const next = applyMention(text.value, mention.value.start, at, member.username);
    text.value = next.text;
    mention.value = null;
    await nextTick();
    el.focus();
    el.setSelectionRange(next.caret, next.caret);
  }

  /** Arrow keys move, Enter or Tab picks, Escape closes; true when the key was for the list. */
  function onKeydown(event: KeyboardEvent): boolean {
    const count = suggestions.value.length;
    if (count === 0) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      active.value = (active.value + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
    } else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey) {
      const member = suggestions.value[active.value];
      if (member) void pick(member);
    } else if (event.key === 'Escape') {
      mention.value = null;
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  return { suggestions, active, read, pick, onKeydown, close: () => (mention.value = null) };
}
