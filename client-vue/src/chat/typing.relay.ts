import { apollo } from '../apollo/apollo.client';
import { SetTypingMutation } from './typing.documents';

/**
 * Sends the viewer's typing state for the open conversation. The stop goes to the conversation the start went
 * to, so it reaches it even after a switch.
 */
export function typingRelay(openId: () => string): (typing: boolean) => void {
  let typingIn: string | null = null;
  return (value) => {
    const conversationId = value ? openId() : typingIn;
    typingIn = value ? openId() : null;
    if (!conversationId) return;
    apollo.mutate({ mutation: SetTypingMutation, variables: { conversationId, typing: value } }).catch(() => undefined);
  };
}
