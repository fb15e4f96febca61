import { onBeforeUnmount, ref, toRaw } from 'vue';
import { pastedName, planUploads, type DraftFile, type RejectedFile } from './attachment.rules';

/**
 * The files chosen for the next message (picked, pasted or dropped), the ones refused with their reasons, and a
 * short-lived notice line for what went wrong beside them (a denied microphone or location).
 */
export function useAttachmentDraft(enabled: () => boolean) {
  const files = ref<DraftFile[]>([]);
  const rejected = ref<RejectedFile[]>([]);
  const notice = ref('');
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  onBeforeUnmount(() => clearTimeout(noticeTimer));

  function say(message: string): void {
    clearTimeout(noticeTimer);
    notice.value = message;
    noticeTimer = setTimeout(() => (notice.value = ''), 6000);
  }

  function add(list: readonly File[]): void {
    if (!enabled() || list.length === 0) return;
    const plan = planUploads(list, files.value.length);
    files.value = [...files.value, ...plan.accepted];
    rejected.value = plan.rejected;
  }

  // Images pasted from the clipboard are attached; pasted text stays text.
  function onPaste(event: ClipboardEvent): void {
    const pasted = [...(event.clipboardData?.files ?? [])];
    if (!enabled() || pasted.length === 0) return;
    if (!event.clipboardData?.getData('text/plain')) event.preventDefault();
    const now = new Date();
    add(pasted.map((file) => pastedName(file, now)));
  }

  function remove(key: string): void {
    files.value = files.value.filter((f) => f.key !== key);
  }

  /** Hands the files over to be sent and starts the next message empty. */
  function take(): DraftFile[] {
    // Plain objects: the outbox stores them in IndexedDB, which cannot clone Vue's proxies.
    const taken = files.value.map((file) => ({ ...toRaw(file) }));
    files.value = [];
    rejected.value = [];
    return taken;
  }

  /** One file to send on its own (a voice message), or null after saying why it cannot be sent. */
  function single(file: File): DraftFile | null {
    const plan = planUploads([file], 0);
    const refused = plan.rejected[0];
    if (refused) say(`${refused.filename}: ${refused.reason}`);
    return plan.accepted[0] ?? null;
  }

  return { files, rejected, notice, say, add, onPaste, remove, take, single };
}
