import type { GeoLocation } from '../attachments/attachment.model';
import { checkUploadIds } from '../attachments/attachment.service';
import { requireMember } from '../conversations/conversation.writes';
import type { HistoryPage } from '../ports/conversation.store';
import { NotFoundError, ValidationError } from '../shared/errors';
import { codePointLength, FieldErrors, hasForbiddenChars, isId } from '../shared/validate';
import { checkFormat, checkText } from './message-text';
import type { Message } from './message.model';
import { createMessageWriter, type MessageWriterDeps } from './message.writer';

/** Settings of {@link createMessageService}. */
export type MessageServiceDeps = MessageWriterDeps;

const CLIENT_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

/** What `sendMessage` takes. */
export interface SendInput {
  conversationId: string;
  clientMessageId: string;
  text: string;
  format?: string | null;
  replyToId?: string | null;
  threadRootId?: string | null;
  uploadIds?: readonly string[] | null;
  location?: { latitude: number; longitude: number; label?: string | null } | null;
}

/** A window of history: `limit` 1–200, before and/or after a seq. */
export interface HistoryArgs {
  beforeSeq?: number | null;
  afterSeq?: number | null;
  limit: number;
}

function checkWindow(errors: FieldErrors, args: HistoryArgs): void {
  errors.check(
    !Number.isInteger(args.limit) || args.limit < 1 || args.limit > 200,
    'limit',
    'must be between 1 and 200',
  );
  errors.check(args.beforeSeq != null && args.beforeSeq < 1, 'beforeSeq', 'must be at least 1');
  errors.check(args.afterSeq != null && args.afterSeq < 0, 'afterSeq', 'must be at least 0');
}

function checkLocation(errors: FieldErrors, l: SendInput['location']): GeoLocation | null {
  if (!l) return null;
  const ok = (v: number, max: number) => Number.isFinite(v) && Math.abs(v) <= max;
  errors.check(!ok(l.latitude, 90), 'location.latitude', 'must be between -90 and 90');
  errors.check(!ok(l.longitude, 180), 'location.longitude', 'must be between -180 and 180');
  const label = l.label?.trim() || null;
  errors.check(label !== null && codePointLength(label) > 200, 'location.label', 'must be at most 200 characters');
  errors.check(label !== null && hasForbiddenChars(label), 'location.label', 'must not contain control characters');
  return { latitude: l.latitude, longitude: l.longitude, label };
}

/** Sending messages and reading history and threads. */
export function createMessageService(d: MessageServiceDeps) {
  const writer = createMessageWriter(d);
  return {
    async send(viewerId: string, input: SendInput): Promise<Message> {
      const errors = new FieldErrors();
      errors.check(!isId(input.conversationId), 'conversationId', 'must be a valid ID');
      errors.check(
        !CLIENT_ID.test(input.clientMessageId),
        'clientMessageId',
        'must be 1 to 100 characters of A-Z, a-z, 0-9, _ . : -',
      );
      const uploadIds = [...(input.uploadIds ?? [])];
      checkUploadIds(errors, uploadIds);
      const location = checkLocation(errors, input.location);
      errors.check(uploadIds.length > 0 && location !== null, 'location', 'cannot be sent with uploads');
      // Files and places may come without words: the text is then the (empty) caption.
      const bare = (uploadIds.length > 0 || location !== null) && input.text.trim() === '';
      const text = bare ? '' : checkText(errors, input.text);
      const format = checkFormat(errors, input.format);
      const replyToId = input.replyToId ?? null;
      const threadRootId = input.threadRootId ?? null;
      errors.check(replyToId !== null && !isId(replyToId), 'replyToId', 'must be a valid ID');
      errors.check(threadRootId !== null && !isId(threadRootId), 'threadRootId', 'must be a valid ID');
      errors.throwIfAny();
      return writer.write(viewerId, {
        conversationId: input.conversationId,
        clientMessageId: input.clientMessageId,
        text,
        format,
        replyToId,
        threadRootId,
        forwardedFrom: null,
        uploadIds,
        location,
      });
    },

    /** The conversation's timeline (thread replies are in their threads), without what the viewer hid. */
    async history(viewerId: string, args: HistoryArgs & { conversationId: string }): Promise<HistoryPage> {
      const errors = new FieldErrors();
      checkWindow(errors, args);
      errors.throwIfAny();
      if (!isId(args.conversationId)) throw new NotFoundError('Conversation');
      await requireMember(d.store, viewerId, args.conversationId);
      return d.store.history(args.conversationId, { ...args, hiddenFor: viewerId });
    },

    /** The replies in a thread (not the root), ascending; without `afterSeq` the newest `limit`. */
    async thread(viewerId: string, rootMessageId: string, args: HistoryArgs): Promise<HistoryPage> {
      const errors = new FieldErrors();
      checkWindow(errors, args);
      errors.throwIfAny();
      if (!isId(rootMessageId)) throw new NotFoundError('Message');
      const [root] = await d.store.getMessages([rootMessageId]);
      if (!root) throw new NotFoundError('Message');
      await requireMember(d.store, viewerId, root.conversationId).catch(() => {
        throw new NotFoundError('Message');
      });
      if (root.threadRootId) throw new ValidationError({ rootMessageId: 'is a reply in a thread, not its root' });
      return d.store.history(root.conversationId, { ...args, threadRootId: root.id, hiddenFor: viewerId });
    },
  };
}

/** The message service's surface. */
export type MessageService = ReturnType<typeof createMessageService>;
