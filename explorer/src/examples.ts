/** Ready-made operations, each opened as a tab. */
export const EXAMPLE_TABS = [
  {
    query: `# Sign in: the "Sign in" panel on the left does this for you and keeps the token.
mutation SignIn($input: LogInInput!) {
  logIn(input: $input) {
    accessToken
    refreshToken
    accessTokenExpiresAt
    user { id username displayName }
  }
}
`,
    variables: JSON.stringify({ input: { username: 'alice', password: 'correct horse' } }, null, 2),
  },
  {
    query: `# Your conversations, newest activity first; pass nextCursor as "after" for the next page.
query Conversations($first: Int, $after: ID) {
  conversations(first: $first, after: $after) {
    conversations {
      id
      kind
      title
      lastSeq
      unreadCount
      lastMessage { seq text sender { username } }
    }
    nextCursor
  }
}
`,
    variables: JSON.stringify({ first: 20 }, null, 2),
  },
  {
    query: `# Send a message. Reusing a clientMessageId returns the original message instead of a duplicate.
mutation SendMessage($input: SendMessageInput!) {
  sendMessage(input: $input) {
    id
    seq
    clientMessageId
    text
    createdAt
  }
}
`,
    variables: JSON.stringify(
      { input: { conversationId: '<conversation id>', clientMessageId: 'example-1', text: 'Hello from the explorer' } },
      null,
      2,
    ),
  },
  {
    query: `# Live events of one conversation over WebSocket; afterSeq replays what you missed first.
subscription ConversationEvents($conversationId: ID!, $afterSeq: Int) {
  conversationEvents(conversationId: $conversationId, afterSeq: $afterSeq) {
    __typename
    conversationId
    seq
    ... on MessageAdded { message { id text sender { username } } }
    ... on MessageUpdated { message { id text editedAt deletedAt } }
  }
}
`,
    variables: JSON.stringify({ conversationId: '<conversation id>' }, null, 2),
  },
];
