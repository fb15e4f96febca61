// type-graphql's decorators read design-time metadata: load the polyfill before any type is declared.
import 'reflect-metadata';

export * from './access-token.type';
export * from './auth-payload.type';
export * from './conversation-event.type';
export * from './conversation-page.type';
export * from './conversation.type';
export * from './create-group.input';
export * from './created-access-token.type';
export * from './date-time.scalar';
export * from './enums';
export * from './forward-info.type';
export * from './log-in.input';
export * from './member.type';
export * from './message-page.type';
export * from './message-receipt.type';
export * from './message-search.type';
export * from './message.type';
export * from './reaction-group.type';
export * from './send-message.input';
export * from './sign-up.input';
export * from './update-conversation.input';
export * from './thread-summary.type';
export * from './update-profile.input';
export * from './user.type';
export * from './presence.type';
export * from './typing-event.type';
export * from './per-viewer';
