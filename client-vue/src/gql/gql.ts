/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query IsServerAdmin {\n    isServerAdmin\n  }\n": typeof types.IsServerAdminDocument,
    "\n  fragment AdminUser on User {\n    id\n    username\n    displayName\n  }\n": typeof types.AdminUserFragmentDoc,
    "\n  query ModerationQueue($status: ReportStatus!, $first: Int!, $before: ID) {\n    moderationQueue(status: $status, first: $first, before: $before) {\n      id\n      createdAt\n      reason\n      note\n      status\n      reporter {\n        ...AdminUser\n      }\n      targetUser {\n        ...AdminUser\n      }\n      message {\n        messageId\n        conversationId\n        conversationKind\n        sentAt\n        text\n        attachments {\n          filename\n          kind\n        }\n      }\n      context {\n        id\n        seq\n        createdAt\n        deletedAt\n        kind\n        text\n        sender {\n          ...AdminUser\n        }\n        attachments {\n          filename\n        }\n      }\n      resolution {\n        outcome\n        reason\n        at\n        by\n      }\n    }\n  }\n": typeof types.ModerationQueueDocument,
    "\n  mutation ResolveReport($reportId: ID!, $outcome: ReportOutcome!, $reason: String!) {\n    resolveReport(reportId: $reportId, outcome: $outcome, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.ResolveReportDocument,
    "\n  mutation DeleteMessageAsAdmin($messageId: ID!, $reason: String!) {\n    deleteMessageAsAdmin(messageId: $messageId, reason: $reason)\n  }\n": typeof types.DeleteMessageAsAdminDocument,
    "\n  mutation RemoveMemberAsAdmin($conversationId: ID!, $userId: ID!, $reason: String!) {\n    removeMemberAsAdmin(conversationId: $conversationId, userId: $userId, reason: $reason)\n  }\n": typeof types.RemoveMemberAsAdminDocument,
    "\n  mutation SuspendUser($userId: ID!, $hours: Int, $reason: String!) {\n    suspendUser(userId: $userId, hours: $hours, reason: $reason) {\n      id\n      userId\n      at\n      until\n      reason\n    }\n  }\n": typeof types.SuspendUserDocument,
    "\n  mutation LiftSuspension($userId: ID!, $reason: String!) {\n    liftSuspension(userId: $userId, reason: $reason)\n  }\n": typeof types.LiftSuspensionDocument,
    "\n  query SuspensionAppeals($status: AppealStatus!, $first: Int!) {\n    suspensionAppeals(status: $status, first: $first) {\n      id\n      userId\n      user {\n        id\n        username\n        displayName\n      }\n      note\n      createdAt\n      status\n      suspension {\n        id\n        at\n        until\n        reason\n      }\n      decision {\n        at\n        by\n        reason\n      }\n    }\n  }\n": typeof types.SuspensionAppealsDocument,
    "\n  mutation DecideAppeal($appealId: ID!, $lift: Boolean!, $reason: String!) {\n    decideAppeal(appealId: $appealId, lift: $lift, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.DecideAppealDocument,
    "\n  query AuditLog(\n    $action: AuditAction\n    $actorId: ID\n    $actorUsername: String\n    $targetId: String\n    $since: DateTime\n    $until: DateTime\n    $first: Int!\n    $before: ID\n  ) {\n    auditLog(\n      action: $action\n      actorId: $actorId\n      actorUsername: $actorUsername\n      targetId: $targetId\n      since: $since\n      until: $until\n      first: $first\n      before: $before\n    ) {\n      id\n      at\n      action\n      actorId\n      targetId\n      ip\n      details\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query ServerAnalytics($days: Int!) {\n    serverAnalytics(days: $days) {\n      connectionsNow\n      days {\n        day\n        activeUsers\n        messages\n        signUps\n        peakConnections\n        operations\n        errors\n        serverErrors\n        errorRate\n        deliveries\n        deliveryP50Ms\n        deliveryP95Ms\n      }\n    }\n  }\n": typeof types.ServerAnalyticsDocument,
    "\n  fragment ServerUserRow on ServerUser {\n    id\n    username\n    displayName\n    createdAt\n    serverRole\n    roleFromConfig\n    suspension {\n      id\n      at\n      until\n      reason\n    }\n  }\n": typeof types.ServerUserRowFragmentDoc,
    "\n  query ServerUsers($query: String!, $first: Int!) {\n    serverUsers(query: $query, first: $first) {\n      ...ServerUserRow\n    }\n  }\n": typeof types.ServerUsersDocument,
    "\n  mutation SetServerRole($userId: ID!, $role: ServerRole!, $reason: String!) {\n    setServerRole(userId: $userId, role: $role, reason: $reason) {\n      ...ServerUserRow\n    }\n  }\n": typeof types.SetServerRoleDocument,
    "\n  fragment BlockedUser on User {\n    id\n    username\n    displayName\n    blockedByMe\n  }\n": typeof types.BlockedUserFragmentDoc,
    "\n  query BlockedUsers {\n    blockedUsers {\n      ...BlockedUser\n    }\n  }\n": typeof types.BlockedUsersDocument,
    "\n  mutation BlockUser($userId: ID!) {\n    blockUser(userId: $userId) {\n      ...BlockedUser\n    }\n  }\n": typeof types.BlockUserDocument,
    "\n  mutation UnblockUser($userId: ID!) {\n    unblockUser(userId: $userId) {\n      ...BlockedUser\n    }\n  }\n": typeof types.UnblockUserDocument,
    "\n  query ChatHeader($id: ID!) {\n    conversation(id: $id) {\n      ...ConversationListItem\n    }\n  }\n": typeof types.ChatHeaderDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      ...MessageItem\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  mutation MarkRead($conversationId: ID!, $seq: Int!) {\n    markRead(conversationId: $conversationId, seq: $seq) {\n      conversationId\n      lastReadSeq\n      user {\n        id\n      }\n    }\n  }\n": typeof types.MarkReadDocument,
    "\n  mutation MarkDelivered($conversationId: ID!, $seq: Int!) {\n    markDelivered(conversationId: $conversationId, seq: $seq) {\n      conversationId\n      lastDeliveredSeq\n      user {\n        id\n      }\n    }\n  }\n": typeof types.MarkDeliveredDocument,
    "\n  query MentionMembers($id: ID!) {\n    conversation(id: $id) {\n      id\n      members(first: 200) {\n        conversationId\n        user {\n          id\n          username\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.MentionMembersDocument,
    "\n  mutation EditMessage($messageId: ID!, $text: String!) {\n    editMessage(messageId: $messageId, text: $text) {\n      ...MessageItem\n    }\n  }\n": typeof types.EditMessageDocument,
    "\n  mutation DeleteMessage($messageId: ID!, $forEveryone: Boolean!) {\n    deleteMessage(messageId: $messageId, forEveryone: $forEveryone) {\n      ...MessageItem\n    }\n  }\n": typeof types.DeleteMessageDocument,
    "\n  mutation AddReaction($messageId: ID!, $emoji: String!) {\n    addReaction(messageId: $messageId, emoji: $emoji) {\n      ...MessageItem\n    }\n  }\n": typeof types.AddReactionDocument,
    "\n  mutation RemoveReaction($messageId: ID!, $emoji: String!) {\n    removeReaction(messageId: $messageId, emoji: $emoji) {\n      ...MessageItem\n    }\n  }\n": typeof types.RemoveReactionDocument,
    "\n  mutation ForwardMessage($messageId: ID!, $conversationIds: [ID!]!) {\n    forwardMessage(messageId: $messageId, conversationIds: $conversationIds) {\n      ...MessageItem\n    }\n  }\n": typeof types.ForwardMessageDocument,
    "\n  mutation ReportMessage($messageId: ID!, $reason: ReportReason!, $note: String) {\n    reportMessage(messageId: $messageId, reason: $reason, note: $note)\n  }\n": typeof types.ReportMessageDocument,
    "\n  fragment MessageReceiptOnly on Message {\n    receipt {\n      status\n      deliveredCount\n      readCount\n      recipientCount\n    }\n  }\n": typeof types.MessageReceiptOnlyFragmentDoc,
    "\n  query MessageReceipts($conversationId: ID!, $afterSeq: Int!) {\n    messages(conversationId: $conversationId, afterSeq: $afterSeq, limit: 200) {\n      messages {\n        id\n        ...MessageReceiptOnly\n      }\n    }\n  }\n": typeof types.MessageReceiptsDocument,
    "\n  query ThreadReceipts($rootMessageId: ID!, $afterSeq: Int!) {\n    thread(rootMessageId: $rootMessageId, afterSeq: $afterSeq, limit: 200) {\n      messages {\n        id\n        ...MessageReceiptOnly\n      }\n    }\n  }\n": typeof types.ThreadReceiptsDocument,
    "\n  query Thread($rootMessageId: ID!, $afterSeq: Int, $limit: Int!) {\n    thread(rootMessageId: $rootMessageId, afterSeq: $afterSeq, limit: $limit) {\n      messages {\n        ...MessageItem\n      }\n      hasMoreBefore\n      hasMoreAfter\n    }\n  }\n": typeof types.ThreadDocument,
    "\n  subscription Typing($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      conversationId\n      count\n      users {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.TypingDocument,
    "\n  mutation SetTyping($conversationId: ID!, $typing: Boolean!) {\n    setTyping(conversationId: $conversationId, typing: $typing)\n  }\n": typeof types.SetTypingDocument,
    "\n  fragment ConversationListItem on Conversation {\n    id\n    kind\n    title\n    createdAt\n    lastActivityAt\n    lastSeq\n    unreadCount\n    unreadMentionCount\n    memberCount\n    effectiveRetentionDays\n    myMembership {\n      conversationId\n      role\n      notificationLevel\n      mutedUntil\n      user {\n        id\n      }\n    }\n    lastMessage {\n      id\n      seq\n      text\n      kind\n      createdAt\n      deletedAt\n      format\n      sender {\n        id\n        displayName\n      }\n    }\n    members(first: 3) {\n      conversationId\n      user {\n        id\n        username\n        displayName\n        presence {\n          ...PresenceFields\n        }\n      }\n    }\n  }\n": typeof types.ConversationListItemFragmentDoc,
    "\n  fragment GroupMember on Member {\n    conversationId\n    role\n    joinedAt\n    user {\n      id\n      username\n      displayName\n    }\n  }\n": typeof types.GroupMemberFragmentDoc,
    "\n  mutation SetRetention($conversationId: ID!, $days: Int) {\n    setRetention(conversationId: $conversationId, days: $days) {\n      id\n      retentionDays\n      effectiveRetentionDays\n    }\n  }\n": typeof types.SetRetentionDocument,
    "\n  fragment AttachmentFields on Attachment {\n    id\n    kind\n    filename\n    contentType\n    byteSize\n    url\n    thumbnailUrl\n    width\n    height\n    durationMs\n  }\n": typeof types.AttachmentFieldsFragmentDoc,
    "\n  fragment MessageContent on Message {\n    id\n    conversationId\n    seq\n    clientMessageId\n    kind\n    text\n    format\n    createdAt\n    editedAt\n    deletedAt\n    threadRootId\n    sender {\n      id\n      username\n      displayName\n    }\n    replyTo {\n      id\n      seq\n      kind\n      text\n      deletedAt\n      threadRootId\n      sender {\n        id\n        displayName\n      }\n    }\n    mentions {\n      id\n      username\n    }\n    reactions {\n      emoji\n      count\n      users(first: 10) {\n        id\n        displayName\n      }\n    }\n    forwardedFrom {\n      originalSenderName\n      originalSentAt\n    }\n    attachments {\n      ...AttachmentFields\n    }\n    location {\n      ...LocationFields\n    }\n    thread {\n      replyCount\n      lastReplyAt\n      participants(first: 3) {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.MessageContentFragmentDoc,
    "\n  fragment MessageItem on Message {\n    ...MessageContent\n    reactions {\n      reactedByMe\n    }\n    receipt {\n      status\n      deliveredCount\n      readCount\n      recipientCount\n    }\n  }\n": typeof types.MessageItemFragmentDoc,
    "\n  fragment LocationFields on Location {\n    latitude\n    longitude\n    label\n  }\n": typeof types.LocationFieldsFragmentDoc,
    "\n  mutation ExportMyData {\n    exportMyData {\n      id\n      status\n    }\n  }\n": typeof types.ExportMyDataDocument,
    "\n  query MyDataExport {\n    myDataExport {\n      id\n      status\n      url\n      byteSize\n    }\n  }\n": typeof types.MyDataExportDocument,
    "\n  mutation DeleteMyAccount($password: String!) {\n    deleteMyAccount(password: $password)\n  }\n": typeof types.DeleteMyAccountDocument,
    "\n  query MessageReaders($messageId: ID!) {\n    messageReaders(messageId: $messageId, first: 200) {\n      conversationId\n      lastReadSeq\n      user {\n        id\n        displayName\n        username\n      }\n    }\n  }\n": typeof types.MessageReadersDocument,
    "\n  fragment SearchHit on MessageSearchHit {\n    snippet\n    message {\n      id\n      conversationId\n      seq\n      threadRootId\n      createdAt\n      sender {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.SearchHitFragmentDoc,
    "\n  query SearchMessages($query: String!, $conversationId: ID, $after: String) {\n    searchMessages(query: $query, conversationId: $conversationId, first: 20, after: $after) {\n      hits {\n        ...SearchHit\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": typeof types.SearchMessagesDocument,
    "\n  fragment UserSearchResult on User {\n    id\n    username\n    displayName\n  }\n": typeof types.UserSearchResultFragmentDoc,
    "\n  query SearchUsers($query: String!) {\n    searchUsers(query: $query, first: 20) {\n      ...UserSearchResult\n    }\n  }\n": typeof types.SearchUsersDocument,
    "\n  fragment EventMember on Member {\n    conversationId\n    role\n    joinedAt\n    user {\n      id\n      username\n      displayName\n    }\n  }\n": typeof types.EventMemberFragmentDoc,
    "\n  fragment EventConversation on Conversation {\n    id\n    title\n    description\n    memberCount\n    lastActivityAt\n    retentionDays\n    effectiveRetentionDays\n  }\n": typeof types.EventConversationFragmentDoc,
    "\n  fragment ConversationEventFields on ConversationEvent {\n    __typename\n    conversationId\n    seq\n    ... on MessageAdded {\n      message {\n        ...MessageContent\n      }\n    }\n    ... on MessageUpdated {\n      message {\n        ...MessageContent\n      }\n    }\n    ... on MemberJoined {\n      member {\n        ...EventMember\n      }\n    }\n    ... on MemberUpdated {\n      member {\n        ...EventMember\n      }\n    }\n    ... on MemberLeft {\n      user {\n        id\n      }\n    }\n    ... on ConversationUpdated {\n      conversation {\n        ...EventConversation\n      }\n    }\n  }\n": typeof types.ConversationEventFieldsFragmentDoc,
    "\n  subscription ConversationEvents($conversationId: ID!, $afterSeq: Int) {\n    conversationEvents(conversationId: $conversationId, afterSeq: $afterSeq) {\n      ...ConversationEventFields\n    }\n  }\n": typeof types.ConversationEventsDocument,
    "\n  subscription InboxEvents {\n    inboxEvents {\n      ...ConversationEventFields\n    }\n  }\n": typeof types.InboxEventsDocument,
    "\n  query Messages($conversationId: ID!, $beforeSeq: Int, $afterSeq: Int, $limit: Int) {\n    messages(conversationId: $conversationId, beforeSeq: $beforeSeq, afterSeq: $afterSeq, limit: $limit) {\n      messages {\n        ...MessageItem\n      }\n      hasMoreBefore\n      hasMoreAfter\n    }\n  }\n": typeof types.MessagesDocument,
    "\n  query MessageWindow($conversationId: ID!) {\n    messages(conversationId: $conversationId) {\n      messages {\n        id\n        seq\n      }\n      hasMoreBefore\n      hasMoreAfter\n    }\n  }\n": typeof types.MessageWindowDocument,
    "\n  query Conversations {\n    conversations(first: 100) {\n      conversations {\n        ...ConversationListItem\n      }\n    }\n  }\n": typeof types.ConversationsDocument,
    "\n  fragment ConversationSummary on Conversation {\n    id\n    lastSeq\n    unreadCount\n    unreadMentionCount\n  }\n": typeof types.ConversationSummaryFragmentDoc,
    "\n  query PollConversationEvents($conversationId: ID!, $afterSeq: Int!, $waitMs: Int!) {\n    pollConversationEvents(conversationId: $conversationId, afterSeq: $afterSeq, waitMs: $waitMs) {\n      events {\n        ...ConversationEventFields\n      }\n      lastSeq\n    }\n  }\n": typeof types.PollConversationEventsDocument,
    "\n  query PollInboxEvents($cursor: String, $waitMs: Int!) {\n    pollInboxEvents(cursor: $cursor, waitMs: $waitMs) {\n      cursor\n      events {\n        ...ConversationEventFields\n      }\n    }\n  }\n": typeof types.PollInboxEventsDocument,
    "\n  fragment RoleNoticeMember on Member {\n    conversationId\n    role\n    user {\n      id\n    }\n  }\n": typeof types.RoleNoticeMemberFragmentDoc,
    "\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      id\n      uploadUrl\n      method\n      headers {\n        name\n        value\n      }\n      expiresAt\n    }\n  }\n": typeof types.CreateUploadDocument,
    "\n  fragment MessageMedia on Message {\n    id\n    attachments {\n      ...AttachmentFields\n    }\n  }\n": typeof types.MessageMediaFragmentDoc,
    "\n  query MessageMedia($conversationId: ID!, $beforeSeq: Int!) {\n    messages(conversationId: $conversationId, beforeSeq: $beforeSeq, limit: 1) {\n      messages {\n        ...MessageMedia\n      }\n    }\n  }\n": typeof types.MessageMediaDocument,
    "\n  query NotificationSettings {\n    notificationSettings {\n      ...NotificationSettingsFields\n    }\n  }\n": typeof types.NotificationSettingsDocument,
    "\n  fragment NotificationSettingsFields on NotificationSettings {\n    showPreviews\n    emailFallback\n    emailAddress\n    locale\n    quietHours {\n      start\n      end\n      timeZone\n    }\n  }\n": typeof types.NotificationSettingsFieldsFragmentDoc,
    "\n  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      ...NotificationSettingsFields\n    }\n  }\n": typeof types.UpdateNotificationSettingsDocument,
    "\n  query VapidPublicKey {\n    vapidPublicKey\n  }\n": typeof types.VapidPublicKeyDocument,
    "\n  mutation RegisterPushSubscription($input: PushSubscriptionInput!) {\n    registerPushSubscription(input: $input)\n  }\n": typeof types.RegisterPushSubscriptionDocument,
    "\n  mutation UnregisterPushSubscription($endpoint: String!) {\n    unregisterPushSubscription(endpoint: $endpoint)\n  }\n": typeof types.UnregisterPushSubscriptionDocument,
    "\n  mutation SetNotificationLevel($conversationId: ID!, $level: NotificationLevel!, $mutedUntil: DateTime) {\n    setNotificationLevel(conversationId: $conversationId, level: $level, mutedUntil: $mutedUntil) {\n      conversationId\n      user {\n        id\n      }\n      notificationLevel\n      mutedUntil\n    }\n  }\n": typeof types.SetNotificationLevelDocument,
    "\n  mutation ReportFocus($clientId: String!, $visible: Boolean!, $conversationId: ID) {\n    reportFocus(clientId: $clientId, visible: $visible, conversationId: $conversationId)\n  }\n": typeof types.ReportFocusDocument,
    "\n  query MyPresence {\n    me {\n      id\n      presence {\n        ...PresenceFields\n      }\n    }\n  }\n": typeof types.MyPresenceDocument,
    "\n  fragment PresenceFields on Presence {\n    status\n    lastSeenAt\n    statusText\n  }\n": typeof types.PresenceFieldsFragmentDoc,
    "\n  subscription PresenceChanges($userIds: [ID!]!) {\n    presence(userIds: $userIds) {\n      userId\n      presence {\n        ...PresenceFields\n      }\n    }\n  }\n": typeof types.PresenceChangesDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      accessToken\n      refreshToken\n      accessTokenExpiresAt\n      user {\n        id\n        username\n        displayName\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation LogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      accessToken\n      refreshToken\n      accessTokenExpiresAt\n      user {\n        id\n        username\n        displayName\n      }\n    }\n  }\n": typeof types.LogInDocument,
    "\n  query ConversationInfo($id: ID!) {\n    conversation(id: $id) {\n      id\n      kind\n      title\n      description\n      memberCount\n      lastSeq\n      retentionDays\n      effectiveRetentionDays\n      myMembership {\n        conversationId\n        role\n        user {\n          id\n        }\n      }\n      members(first: 200) {\n        ...GroupMember\n      }\n    }\n  }\n": typeof types.ConversationInfoDocument,
    "\n  mutation AddMembers($conversationId: ID!, $userIds: [ID!]!) {\n    addMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n      memberCount\n    }\n  }\n": typeof types.AddMembersDocument,
    "\n  mutation RemoveMember($conversationId: ID!, $userId: ID!) {\n    removeMember(conversationId: $conversationId, userId: $userId) {\n      id\n      memberCount\n    }\n  }\n": typeof types.RemoveMemberDocument,
    "\n  mutation UpdateConversation($input: UpdateConversationInput!) {\n    updateConversation(input: $input) {\n      id\n      title\n      description\n    }\n  }\n": typeof types.UpdateConversationDocument,
    "\n  mutation SetMemberRole($conversationId: ID!, $userId: ID!, $role: MemberRole!) {\n    setMemberRole(conversationId: $conversationId, userId: $userId, role: $role) {\n      ...GroupMember\n    }\n  }\n": typeof types.SetMemberRoleDocument,
    "\n  mutation LeaveConversation($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n": typeof types.LeaveConversationDocument,
    "\n  mutation LogOut {\n    logOut\n  }\n": typeof types.LogOutDocument,
    "\n  mutation OpenDirectConversation($userId: ID!) {\n    openDirectConversation(userId: $userId) {\n      ...ConversationListItem\n    }\n  }\n": typeof types.OpenDirectConversationDocument,
    "\n  mutation CreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) {\n      ...ConversationListItem\n    }\n  }\n": typeof types.CreateGroupDocument,
    "\n  query MySettings {\n    me {\n      id\n      username\n      displayName\n      presence {\n        ...PresenceFields\n      }\n      privacy {\n        presenceVisibility\n        lastSeenVisibility\n        readReceipts\n      }\n    }\n  }\n": typeof types.MySettingsDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      username\n      displayName\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation SetPresence($status: PresenceStatus!, $statusText: String) {\n    setPresence(status: $status, statusText: $statusText) {\n      ...PresenceFields\n    }\n  }\n": typeof types.SetPresenceDocument,
    "\n  mutation UpdatePrivacy($presenceVisibility: Visibility!, $lastSeenVisibility: Visibility!, $readReceipts: Boolean) {\n    updatePrivacy(\n      presenceVisibility: $presenceVisibility\n      lastSeenVisibility: $lastSeenVisibility\n      readReceipts: $readReceipts\n    ) {\n      presenceVisibility\n      lastSeenVisibility\n      readReceipts\n    }\n  }\n": typeof types.UpdatePrivacyDocument,
};
const documents: Documents = {
    "\n  query IsServerAdmin {\n    isServerAdmin\n  }\n": types.IsServerAdminDocument,
    "\n  fragment AdminUser on User {\n    id\n    username\n    displayName\n  }\n": types.AdminUserFragmentDoc,
    "\n  query ModerationQueue($status: ReportStatus!, $first: Int!, $before: ID) {\n    moderationQueue(status: $status, first: $first, before: $before) {\n      id\n      createdAt\n      reason\n      note\n      status\n      reporter {\n        ...AdminUser\n      }\n      targetUser {\n        ...AdminUser\n      }\n      message {\n        messageId\n        conversationId\n        conversationKind\n        sentAt\n        text\n        attachments {\n          filename\n          kind\n        }\n      }\n      context {\n        id\n        seq\n        createdAt\n        deletedAt\n        kind\n        text\n        sender {\n          ...AdminUser\n        }\n        attachments {\n          filename\n        }\n      }\n      resolution {\n        outcome\n        reason\n        at\n        by\n      }\n    }\n  }\n": types.ModerationQueueDocument,
    "\n  mutation ResolveReport($reportId: ID!, $outcome: ReportOutcome!, $reason: String!) {\n    resolveReport(reportId: $reportId, outcome: $outcome, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.ResolveReportDocument,
    "\n  mutation DeleteMessageAsAdmin($messageId: ID!, $reason: String!) {\n    deleteMessageAsAdmin(messageId: $messageId, reason: $reason)\n  }\n": types.DeleteMessageAsAdminDocument,
    "\n  mutation RemoveMemberAsAdmin($conversationId: ID!, $userId: ID!, $reason: String!) {\n    removeMemberAsAdmin(conversationId: $conversationId, userId: $userId, reason: $reason)\n  }\n": types.RemoveMemberAsAdminDocument,
    "\n  mutation SuspendUser($userId: ID!, $hours: Int, $reason: String!) {\n    suspendUser(userId: $userId, hours: $hours, reason: $reason) {\n      id\n      userId\n      at\n      until\n      reason\n    }\n  }\n": types.SuspendUserDocument,
    "\n  mutation LiftSuspension($userId: ID!, $reason: String!) {\n    liftSuspension(userId: $userId, reason: $reason)\n  }\n": types.LiftSuspensionDocument,
    "\n  query SuspensionAppeals($status: AppealStatus!, $first: Int!) {\n    suspensionAppeals(status: $status, first: $first) {\n      id\n      userId\n      user {\n        id\n        username\n        displayName\n      }\n      note\n      createdAt\n      status\n      suspension {\n        id\n        at\n        until\n        reason\n      }\n      decision {\n        at\n        by\n        reason\n      }\n    }\n  }\n": types.SuspensionAppealsDocument,
    "\n  mutation DecideAppeal($appealId: ID!, $lift: Boolean!, $reason: String!) {\n    decideAppeal(appealId: $appealId, lift: $lift, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.DecideAppealDocument,
    "\n  query AuditLog(\n    $action: AuditAction\n    $actorId: ID\n    $actorUsername: String\n    $targetId: String\n    $since: DateTime\n    $until: DateTime\n    $first: Int!\n    $before: ID\n  ) {\n    auditLog(\n      action: $action\n      actorId: $actorId\n      actorUsername: $actorUsername\n      targetId: $targetId\n      since: $since\n      until: $until\n      first: $first\n      before: $before\n    ) {\n      id\n      at\n      action\n      actorId\n      targetId\n      ip\n      details\n    }\n  }\n": types.AuditLogDocument,
    "\n  query ServerAnalytics($days: Int!) {\n    serverAnalytics(days: $days) {\n      connectionsNow\n      days {\n        day\n        activeUsers\n        messages\n        signUps\n        peakConnections\n        operations\n        errors\n        serverErrors\n        errorRate\n        deliveries\n        deliveryP50Ms\n        deliveryP95Ms\n      }\n    }\n  }\n": types.ServerAnalyticsDocument,
    "\n  fragment ServerUserRow on ServerUser {\n    id\n    username\n    displayName\n    createdAt\n    serverRole\n    roleFromConfig\n    suspension {\n      id\n      at\n      until\n      reason\n    }\n  }\n": types.ServerUserRowFragmentDoc,
    "\n  query ServerUsers($query: String!, $first: Int!) {\n    serverUsers(query: $query, first: $first) {\n      ...ServerUserRow\n    }\n  }\n": types.ServerUsersDocument,
    "\n  mutation SetServerRole($userId: ID!, $role: ServerRole!, $reason: String!) {\n    setServerRole(userId: $userId, role: $role, reason: $reason) {\n      ...ServerUserRow\n    }\n  }\n": types.SetServerRoleDocument,
    "\n  fragment BlockedUser on User {\n    id\n    username\n    displayName\n    blockedByMe\n  }\n": types.BlockedUserFragmentDoc,
    "\n  query BlockedUsers {\n    blockedUsers {\n      ...BlockedUser\n    }\n  }\n": types.BlockedUsersDocument,
    "\n  mutation BlockUser($userId: ID!) {\n    blockUser(userId: $userId) {\n      ...BlockedUser\n    }\n  }\n": types.BlockUserDocument,
    "\n  mutation UnblockUser($userId: ID!) {\n    unblockUser(userId: $userId) {\n      ...BlockedUser\n    }\n  }\n": types.UnblockUserDocument,
    "\n  query ChatHeader($id: ID!) {\n    conversation(id: $id) {\n      ...ConversationListItem\n    }\n  }\n": types.ChatHeaderDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      ...MessageItem\n    }\n  }\n": types.SendMessageDocument,
    "\n  mutation MarkRead($conversationId: ID!, $seq: Int!) {\n    markRead(conversationId: $conversationId, seq: $seq) {\n      conversationId\n      lastReadSeq\n      user {\n        id\n      }\n    }\n  }\n": types.MarkReadDocument,
    "\n  mutation MarkDelivered($conversationId: ID!, $seq: Int!) {\n    markDelivered(conversationId: $conversationId, seq: $seq) {\n      conversationId\n      lastDeliveredSeq\n      user {\n        id\n      }\n    }\n  }\n": types.MarkDeliveredDocument,
    "\n  query MentionMembers($id: ID!) {\n    conversation(id: $id) {\n      id\n      members(first: 200) {\n        conversationId\n        user {\n          id\n          username\n          displayName\n        }\n      }\n    }\n  }\n": types.MentionMembersDocument,
    "\n  mutation EditMessage($messageId: ID!, $text: String!) {\n    editMessage(messageId: $messageId, text: $text) {\n      ...MessageItem\n    }\n  }\n": types.EditMessageDocument,
    "\n  mutation DeleteMessage($messageId: ID!, $forEveryone: Boolean!) {\n    deleteMessage(messageId: $messageId, forEveryone: $forEveryone) {\n      ...MessageItem\n    }\n  }\n": types.DeleteMessageDocument,
    "\n  mutation AddReaction($messageId: ID!, $emoji: String!) {\n    addReaction(messageId: $messageId, emoji: $emoji) {\n      ...MessageItem\n    }\n  }\n": types.AddReactionDocument,
    "\n  mutation RemoveReaction($messageId: ID!, $emoji: String!) {\n    removeReaction(messageId: $messageId, emoji: $emoji) {\n      ...MessageItem\n    }\n  }\n": types.RemoveReactionDocument,
    "\n  mutation ForwardMessage($messageId: ID!, $conversationIds: [ID!]!) {\n    forwardMessage(messageId: $messageId, conversationIds: $conversationIds) {\n      ...MessageItem\n    }\n  }\n": types.ForwardMessageDocument,
    "\n  mutation ReportMessage($messageId: ID!, $reason: ReportReason!, $note: String) {\n    reportMessage(messageId: $messageId, reason: $reason, note: $note)\n  }\n": types.ReportMessageDocument,
    "\n  fragment MessageReceiptOnly on Message {\n    receipt {\n      status\n      deliveredCount\n      readCount\n      recipientCount\n    }\n  }\n": types.MessageReceiptOnlyFragmentDoc,
    "\n  query MessageReceipts($conversationId: ID!, $afterSeq: Int!) {\n    messages(conversationId: $conversationId, afterSeq: $afterSeq, limit: 200) {\n      messages {\n        id\n        ...MessageReceiptOnly\n      }\n    }\n  }\n": types.MessageReceiptsDocument,
    "\n  query ThreadReceipts($rootMessageId: ID!, $afterSeq: Int!) {\n    thread(rootMessageId: $rootMessageId, afterSeq: $afterSeq, limit: 200) {\n      messages {\n        id\n        ...MessageReceiptOnly\n      }\n    }\n  }\n": types.ThreadReceiptsDocument,
    "\n  query Thread($rootMessageId: ID!, $afterSeq: Int, $limit: Int!) {\n    thread(rootMessageId: $rootMessageId, afterSeq: $afterSeq, limit: $limit) {\n      messages {\n        ...MessageItem\n      }\n      hasMoreBefore\n      hasMoreAfter\n    }\n  }\n": types.ThreadDocument,
    "\n  subscription Typing($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      conversationId\n      count\n      users {\n        id\n        displayName\n      }\n    }\n  }\n": types.TypingDocument,
    "\n  mutation SetTyping($conversationId: ID!, $typing: Boolean!) {\n    setTyping(conversationId: $conversationId, typing: $typing)\n  }\n": types.SetTypingDocument,
    "\n  fragment ConversationListItem on Conversation {\n    id\n    kind\n    title\n    createdAt\n    lastActivityAt\n    lastSeq\n    unreadCount\n    unreadMentionCount\n    memberCount\n    effectiveRetentionDays\n    myMembership {\n      conversationId\n      role\n      notificationLevel\n      mutedUntil\n      user {\n        id\n      }\n    }\n    lastMessage {\n      id\n      seq\n      text\n      kind\n      createdAt\n      deletedAt\n      format\n      sender {\n        id\n        displayName\n      }\n    }\n    members(first: 3) {\n      conversationId\n      user {\n        id\n        username\n        displayName\n        presence {\n          ...PresenceFields\n        }\n      }\n    }\n  }\n": types.ConversationListItemFragmentDoc,
    "\n  fragment GroupMember on Member {\n    conversationId\n    role\n    joinedAt\n    user {\n      id\n      username\n      displayName\n    }\n  }\n": types.GroupMemberFragmentDoc,
    "\n  mutation SetRetention($conversationId: ID!, $days: Int) {\n    setRetention(conversationId: $conversationId, days: $days) {\n      id\n      retentionDays\n      effectiveRetentionDays\n    }\n  }\n": types.SetRetentionDocument,
    "\n  fragment AttachmentFields on Attachment {\n    id\n    kind\n    filename\n    contentType\n    byteSize\n    url\n    thumbnailUrl\n    width\n    height\n    durationMs\n  }\n": types.AttachmentFieldsFragmentDoc,
    "\n  fragment MessageContent on Message {\n    id\n    conversationId\n    seq\n    clientMessageId\n    kind\n    text\n    format\n    createdAt\n    editedAt\n    deletedAt\n    threadRootId\n    sender {\n      id\n      username\n      displayName\n    }\n    replyTo {\n      id\n      seq\n      kind\n      text\n      deletedAt\n      threadRootId\n      sender {\n        id\n        displayName\n      }\n    }\n    mentions {\n      id\n      username\n    }\n    reactions {\n      emoji\n      count\n      users(first: 10) {\n        id\n        displayName\n      }\n    }\n    forwardedFrom {\n      originalSenderName\n      originalSentAt\n    }\n    attachments {\n      ...AttachmentFields\n    }\n    location {\n      ...LocationFields\n    }\n    thread {\n      replyCount\n      lastReplyAt\n      participants(first: 3) {\n        id\n        displayName\n      }\n    }\n  }\n": types.MessageContentFragmentDoc,
    "\n  fragment MessageItem on Message {\n    ...MessageContent\n    reactions {\n      reactedByMe\n    }\n    receipt {\n      status\n      deliveredCount\n      readCount\n      recipientCount\n    }\n  }\n": types.MessageItemFragmentDoc,
    "\n  fragment LocationFields on Location {\n    latitude\n    longitude\n    label\n  }\n": types.LocationFieldsFragmentDoc,
    "\n  mutation ExportMyData {\n    exportMyData {\n      id\n      status\n    }\n  }\n": types.ExportMyDataDocument,
    "\n  query MyDataExport {\n    myDataExport {\n      id\n      status\n      url\n      byteSize\n    }\n  }\n": types.MyDataExportDocument,
    "\n  mutation DeleteMyAccount($password: String!) {\n    deleteMyAccount(password: $password)\n  }\n": types.DeleteMyAccountDocument,
    "\n  query MessageReaders($messageId: ID!) {\n    messageReaders(messageId: $messageId, first: 200) {\n      conversationId\n      lastReadSeq\n      user {\n        id\n        displayName\n        username\n      }\n    }\n  }\n": types.MessageReadersDocument,
    "\n  fragment SearchHit on MessageSearchHit {\n    snippet\n    message {\n      id\n      conversationId\n      seq\n      threadRootId\n      createdAt\n      sender {\n        id\n        displayName\n      }\n    }\n  }\n": types.SearchHitFragmentDoc,
    "\n  query SearchMessages($query: String!, $conversationId: ID, $after: String) {\n    searchMessages(query: $query, conversationId: $conversationId, first: 20, after: $after) {\n      hits {\n        ...SearchHit\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": types.SearchMessagesDocument,
    "\n  fragment UserSearchResult on User {\n    id\n    username\n    displayName\n  }\n": types.UserSearchResultFragmentDoc,
    "\n  query SearchUsers($query: String!) {\n    searchUsers(query: $query, first: 20) {\n      ...UserSearchResult\n    }\n  }\n": types.SearchUsersDocument,
    "\n  fragment EventMember on Member {\n    conversationId\n    role\n    joinedAt\n    user {\n      id\n      username\n      displayName\n    }\n  }\n": types.EventMemberFragmentDoc,
    "\n  fragment EventConversation on Conversation {\n    id\n    title\n    description\n    memberCount\n    lastActivityAt\n    retentionDays\n    effectiveRetentionDays\n  }\n": types.EventConversationFragmentDoc,
    "\n  fragment ConversationEventFields on ConversationEvent {\n    __typename\n    conversationId\n    seq\n    ... on MessageAdded {\n      message {\n        ...MessageContent\n      }\n    }\n    ... on MessageUpdated {\n      message {\n        ...MessageContent\n      }\n    }\n    ... on MemberJoined {\n      member {\n        ...EventMember\n      }\n    }\n    ... on MemberUpdated {\n      member {\n        ...EventMember\n      }\n    }\n    ... on MemberLeft {\n      user {\n        id\n      }\n    }\n    ... on ConversationUpdated {\n      conversation {\n        ...EventConversation\n      }\n    }\n  }\n": types.ConversationEventFieldsFragmentDoc,
    "\n  subscription ConversationEvents($conversationId: ID!, $afterSeq: Int) {\n    conversationEvents(conversationId: $conversationId, afterSeq: $afterSeq) {\n      ...ConversationEventFields\n    }\n  }\n": types.ConversationEventsDocument,
    "\n  subscription InboxEvents {\n    inboxEvents {\n      ...ConversationEventFields\n    }\n  }\n": types.InboxEventsDocument,
    "\n  query Messages($conversationId: ID!, $beforeSeq: Int, $afterSeq: Int, $limit: Int) {\n    messages(conversationId: $conversationId, beforeSeq: $beforeSeq, afterSeq: $afterSeq, limit: $limit) {\n      messages {\n        ...MessageItem\n      }\n      hasMoreBefore\n      hasMoreAfter\n    }\n  }\n": types.MessagesDocument,
    "\n  query MessageWindow($conversationId: ID!) {\n    messages(conversationId: $conversationId) {\n      messages {\n        id\n        seq\n      }\n      hasMoreBefore\n      hasMoreAfter\n    }\n  }\n": types.MessageWindowDocument,
    "\n  query Conversations {\n    conversations(first: 100) {\n      conversations {\n        ...ConversationListItem\n      }\n    }\n  }\n": types.ConversationsDocument,
    "\n  fragment ConversationSummary on Conversation {\n    id\n    lastSeq\n    unreadCount\n    unreadMentionCount\n  }\n": types.ConversationSummaryFragmentDoc,
    "\n  query PollConversationEvents($conversationId: ID!, $afterSeq: Int!, $waitMs: Int!) {\n    pollConversationEvents(conversationId: $conversationId, afterSeq: $afterSeq, waitMs: $waitMs) {\n      events {\n        ...ConversationEventFields\n      }\n      lastSeq\n    }\n  }\n": types.PollConversationEventsDocument,
    "\n  query PollInboxEvents($cursor: String, $waitMs: Int!) {\n    pollInboxEvents(cursor: $cursor, waitMs: $waitMs) {\n      cursor\n      events {\n        ...ConversationEventFields\n      }\n    }\n  }\n": types.PollInboxEventsDocument,
    "\n  fragment RoleNoticeMember on Member {\n    conversationId\n    role\n    user {\n      id\n    }\n  }\n": types.RoleNoticeMemberFragmentDoc,
    "\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      id\n      uploadUrl\n      method\n      headers {\n        name\n        value\n      }\n      expiresAt\n    }\n  }\n": types.CreateUploadDocument,
    "\n  fragment MessageMedia on Message {\n    id\n    attachments {\n      ...AttachmentFields\n    }\n  }\n": types.MessageMediaFragmentDoc,
    "\n  query MessageMedia($conversationId: ID!, $beforeSeq: Int!) {\n    messages(conversationId: $conversationId, beforeSeq: $beforeSeq, limit: 1) {\n      messages {\n        ...MessageMedia\n      }\n    }\n  }\n": types.MessageMediaDocument,
    "\n  query NotificationSettings {\n    notificationSettings {\n      ...NotificationSettingsFields\n    }\n  }\n": types.NotificationSettingsDocument,
    "\n  fragment NotificationSettingsFields on NotificationSettings {\n    showPreviews\n    emailFallback\n    emailAddress\n    locale\n    quietHours {\n      start\n      end\n      timeZone\n    }\n  }\n": types.NotificationSettingsFieldsFragmentDoc,
    "\n  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      ...NotificationSettingsFields\n    }\n  }\n": types.UpdateNotificationSettingsDocument,
    "\n  query VapidPublicKey {\n    vapidPublicKey\n  }\n": types.VapidPublicKeyDocument,
    "\n  mutation RegisterPushSubscription($input: PushSubscriptionInput!) {\n    registerPushSubscription(input: $input)\n  }\n": types.RegisterPushSubscriptionDocument,
    "\n  mutation UnregisterPushSubscription($endpoint: String!) {\n    unregisterPushSubscription(endpoint: $endpoint)\n  }\n": types.UnregisterPushSubscriptionDocument,
    "\n  mutation SetNotificationLevel($conversationId: ID!, $level: NotificationLevel!, $mutedUntil: DateTime) {\n    setNotificationLevel(conversationId: $conversationId, level: $level, mutedUntil: $mutedUntil) {\n      conversationId\n      user {\n        id\n      }\n      notificationLevel\n      mutedUntil\n    }\n  }\n": types.SetNotificationLevelDocument,
    "\n  mutation ReportFocus($clientId: String!, $visible: Boolean!, $conversationId: ID) {\n    reportFocus(clientId: $clientId, visible: $visible, conversationId: $conversationId)\n  }\n": types.ReportFocusDocument,
    "\n  query MyPresence {\n    me {\n      id\n      presence {\n        ...PresenceFields\n      }\n    }\n  }\n": types.MyPresenceDocument,
    "\n  fragment PresenceFields on Presence {\n    status\n    lastSeenAt\n    statusText\n  }\n": types.PresenceFieldsFragmentDoc,
    "\n  subscription PresenceChanges($userIds: [ID!]!) {\n    presence(userIds: $userIds) {\n      userId\n      presence {\n        ...PresenceFields\n      }\n    }\n  }\n": types.PresenceChangesDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      accessToken\n      refreshToken\n      accessTokenExpiresAt\n      user {\n        id\n        username\n        displayName\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation LogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      accessToken\n      refreshToken\n      accessTokenExpiresAt\n      user {\n        id\n        username\n        displayName\n      }\n    }\n  }\n": types.LogInDocument,
    "\n  query ConversationInfo($id: ID!) {\n    conversation(id: $id) {\n      id\n      kind\n      title\n      description\n      memberCount\n      lastSeq\n      retentionDays\n      effectiveRetentionDays\n      myMembership {\n        conversationId\n        role\n        user {\n          id\n        }\n      }\n      members(first: 200) {\n        ...GroupMember\n      }\n    }\n  }\n": types.ConversationInfoDocument,
    "\n  mutation AddMembers($conversationId: ID!, $userIds: [ID!]!) {\n    addMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n      memberCount\n    }\n  }\n": types.AddMembersDocument,
    "\n  mutation RemoveMember($conversationId: ID!, $userId: ID!) {\n    removeMember(conversationId: $conversationId, userId: $userId) {\n      id\n      memberCount\n    }\n  }\n": types.RemoveMemberDocument,
    "\n  mutation UpdateConversation($input: UpdateConversationInput!) {\n    updateConversation(input: $input) {\n      id\n      title\n      description\n    }\n  }\n": types.UpdateConversationDocument,
    "\n  mutation SetMemberRole($conversationId: ID!, $userId: ID!, $role: MemberRole!) {\n    setMemberRole(conversationId: $conversationId, userId: $userId, role: $role) {\n      ...GroupMember\n    }\n  }\n": types.SetMemberRoleDocument,
    "\n  mutation LeaveConversation($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n": types.LeaveConversationDocument,
    "\n  mutation LogOut {\n    logOut\n  }\n": types.LogOutDocument,
    "\n  mutation OpenDirectConversation($userId: ID!) {\n    openDirectConversation(userId: $userId) {\n      ...ConversationListItem\n    }\n  }\n": types.OpenDirectConversationDocument,
    "\n  mutation CreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) {\n      ...ConversationListItem\n    }\n  }\n": types.CreateGroupDocument,
    "\n  query MySettings {\n    me {\n      id\n      username\n      displayName\n      presence {\n        ...PresenceFields\n      }\n      privacy {\n        presenceVisibility\n        lastSeenVisibility\n        readReceipts\n      }\n    }\n  }\n": types.MySettingsDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      username\n      displayName\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation SetPresence($status: PresenceStatus!, $statusText: String) {\n    setPresence(status: $status, statusText: $statusText) {\n      ...PresenceFields\n    }\n  }\n": types.SetPresenceDocument,
    "\n  mutation UpdatePrivacy($presenceVisibility: Visibility!, $lastSeenVisibility: Visibility!, $readReceipts: Boolean) {\n    updatePrivacy(\n      presenceVisibility: $presenceVisibility\n      lastSeenVisibility: $lastSeenVisibility\n      readReceipts: $readReceipts\n    ) {\n      presenceVisibility\n      lastSeenVisibility\n      readReceipts\n    }\n  }\n": types.UpdatePrivacyDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsServerAdmin {\n    isServerAdmin\n  }\n"): (typeof documents)["\n  query IsServerAdmin {\n    isServerAdmin\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminUser on User {\n    id\n    username\n    displayName\n  }\n"): (typeof documents)["\n  fragment AdminUser on User {\n    id\n    username\n    displayName\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModerationQueue($status: ReportStatus!, $first: Int!, $before: ID) {\n    moderationQueue(status: $status, first: $first, before: $before) {\n      id\n      createdAt\n      reason\n      note\n      status\n      reporter {\n        ...AdminUser\n      }\n      targetUser {\n        ...AdminUser\n      }\n      message {\n        messageId\n        conversationId\n        conversationKind\n        sentAt\n        text\n        attachments {\n          filename\n          kind\n        }\n      }\n      context {\n        id\n        seq\n        createdAt\n        deletedAt\n        kind\n        text\n        sender {\n          ...AdminUser\n        }\n        attachments {\n          filename\n        }\n      }\n      resolution {\n        outcome\n        reason\n        at\n        by\n      }\n    }\n  }\n"): (typeof documents)["\n  query ModerationQueue($status: ReportStatus!, $first: Int!, $before: ID) {\n    moderationQueue(status: $status, first: $first, before: $before) {\n      id\n      createdAt\n      reason\n      note\n      status\n      reporter {\n        ...AdminUser\n      }\n      targetUser {\n        ...AdminUser\n      }\n      message {\n        messageId\n        conversationId\n        conversationKind\n        sentAt\n        text\n        attachments {\n          filename\n          kind\n        }\n      }\n      context {\n        id\n        seq\n        createdAt\n        deletedAt\n        kind\n        text\n        sender {\n          ...AdminUser\n        }\n        attachments {\n          filename\n        }\n      }\n      resolution {\n        outcome\n        reason\n        at\n        by\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveReport($reportId: ID!, $outcome: ReportOutcome!, $reason: String!) {\n    resolveReport(reportId: $reportId, outcome: $outcome, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ResolveReport($reportId: ID!, $outcome: ReportOutcome!, $reason: String!) {\n    resolveReport(reportId: $reportId, outcome: $outcome, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMessageAsAdmin($messageId: ID!, $reason: String!) {\n    deleteMessageAsAdmin(messageId: $messageId, reason: $reason)\n  }\n"): (typeof documents)["\n  mutation DeleteMessageAsAdmin($messageId: ID!, $reason: String!) {\n    deleteMessageAsAdmin(messageId: $messageId, reason: $reason)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveMemberAsAdmin($conversationId: ID!, $userId: ID!, $reason: String!) {\n    removeMemberAsAdmin(conversationId: $conversationId, userId: $userId, reason: $reason)\n  }\n"): (typeof documents)["\n  mutation RemoveMemberAsAdmin($conversationId: ID!, $userId: ID!, $reason: String!) {\n    removeMemberAsAdmin(conversationId: $conversationId, userId: $userId, reason: $reason)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SuspendUser($userId: ID!, $hours: Int, $reason: String!) {\n    suspendUser(userId: $userId, hours: $hours, reason: $reason) {\n      id\n      userId\n      at\n      until\n      reason\n    }\n  }\n"): (typeof documents)["\n  mutation SuspendUser($userId: ID!, $hours: Int, $reason: String!) {\n    suspendUser(userId: $userId, hours: $hours, reason: $reason) {\n      id\n      userId\n      at\n      until\n      reason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LiftSuspension($userId: ID!, $reason: String!) {\n    liftSuspension(userId: $userId, reason: $reason)\n  }\n"): (typeof documents)["\n  mutation LiftSuspension($userId: ID!, $reason: String!) {\n    liftSuspension(userId: $userId, reason: $reason)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SuspensionAppeals($status: AppealStatus!, $first: Int!) {\n    suspensionAppeals(status: $status, first: $first) {\n      id\n      userId\n      user {\n        id\n        username\n        displayName\n      }\n      note\n      createdAt\n      status\n      suspension {\n        id\n        at\n        until\n        reason\n      }\n      decision {\n        at\n        by\n        reason\n      }\n    }\n  }\n"): (typeof documents)["\n  query SuspensionAppeals($status: AppealStatus!, $first: Int!) {\n    suspensionAppeals(status: $status, first: $first) {\n      id\n      userId\n      user {\n        id\n        username\n        displayName\n      }\n      note\n      createdAt\n      status\n      suspension {\n        id\n        at\n        until\n        reason\n      }\n      decision {\n        at\n        by\n        reason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideAppeal($appealId: ID!, $lift: Boolean!, $reason: String!) {\n    decideAppeal(appealId: $appealId, lift: $lift, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation DecideAppeal($appealId: ID!, $lift: Boolean!, $reason: String!) {\n    decideAppeal(appealId: $appealId, lift: $lift, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog(\n    $action: AuditAction\n    $actorId: ID\n    $actorUsername: String\n    $targetId: String\n    $since: DateTime\n    $until: DateTime\n    $first: Int!\n    $before: ID\n  ) {\n    auditLog(\n      action: $action\n      actorId: $actorId\n      actorUsername: $actorUsername\n      targetId: $targetId\n      since: $since\n      until: $until\n      first: $first\n      before: $before\n    ) {\n      id\n      at\n      action\n      actorId\n      targetId\n      ip\n      details\n    }\n  }\n"): (typeof documents)["\n  query AuditLog(\n    $action: AuditAction\n    $actorId: ID\n    $actorUsername: String\n    $targetId: String\n    $since: DateTime\n    $until: DateTime\n    $first: Int!\n    $before: ID\n  ) {\n    auditLog(\n      action: $action\n      actorId: $actorId\n      actorUsername: $actorUsername\n      targetId: $targetId\n      since: $since\n      until: $until\n      first: $first\n      before: $before\n    ) {\n      id\n      at\n      action\n      actorId\n      targetId\n      ip\n      details\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServerAnalytics($days: Int!) {\n    serverAnalytics(days: $days) {\n      connectionsNow\n      days {\n        day\n        activeUsers\n        messages\n        signUps\n        peakConnections\n        operations\n        errors\n        serverErrors\n        errorRate\n        deliveries\n        deliveryP50Ms\n        deliveryP95Ms\n      }\n    }\n  }\n"): (typeof documents)["\n  query ServerAnalytics($days: Int!) {\n    serverAnalytics(days: $days) {\n      connectionsNow\n      days {\n        day\n        activeUsers\n        messages\n        signUps\n        peakConnections\n        operations\n        errors\n        serverErrors\n        errorRate\n        deliveries\n        deliveryP50Ms\n        deliveryP95Ms\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ServerUserRow on ServerUser {\n    id\n    username\n    displayName\n    createdAt\n    serverRole\n    roleFromConfig\n    suspension {\n      id\n      at\n      until\n      reason\n    }\n  }\n"): (typeof documents)["\n  fragment ServerUserRow on ServerUser {\n    id\n    username\n    displayName\n    createdAt\n    serverRole\n    roleFromConfig\n    suspension {\n      id\n      at\n      until\n      reason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServerUsers($query: String!, $first: Int!) {\n    serverUsers(query: $query, first: $first) {\n      ...ServerUserRow\n    }\n  }\n"): (typeof documents)["\n  query ServerUsers($query: String!, $first: Int!) {\n    serverUsers(query: $query, first: $first) {\n      ...ServerUserRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetServerRole($userId: ID!, $role: ServerRole!, $reason: String!) {\n    setServerRole(userId: $userId, role: $role, reason: $reason) {\n      ...ServerUserRow\n    }\n  }\n"): (typeof documents)["\n  mutation SetServerRole($userId: ID!, $role: ServerRole!, $reason: String!) {\n    setServerRole(userId: $userId, role: $role, reason: $reason) {\n      ...ServerUserRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BlockedUser on User {\n    id\n    username\n    displayName\n    blockedByMe\n  }\n"): (typeof documents)["\n  fragment BlockedUser on User {\n    id\n    username\n    displayName\n    blockedByMe\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BlockedUsers {\n    blockedUsers {\n      ...BlockedUser\n    }\n  }\n"): (typeof documents)["\n  query BlockedUsers {\n    blockedUsers {\n      ...BlockedUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BlockUser($userId: ID!) {\n    blockUser(userId: $userId) {\n      ...BlockedUser\n    }\n  }\n"): (typeof documents)["\n  mutation BlockUser($userId: ID!) {\n    blockUser(userId: $userId) {\n      ...BlockedUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnblockUser($userId: ID!) {\n    unblockUser(userId: $userId) {\n      ...BlockedUser\n    }\n  }\n"): (typeof documents)["\n  mutation UnblockUser($userId: ID!) {\n    unblockUser(userId: $userId) {\n      ...BlockedUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChatHeader($id: ID!) {\n    conversation(id: $id) {\n      ...ConversationListItem\n    }\n  }\n"): (typeof documents)["\n  query ChatHeader($id: ID!) {\n    conversation(id: $id) {\n      ...ConversationListItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      ...MessageItem\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      ...MessageItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkRead($conversationId: ID!, $seq: Int!) {\n    markRead(conversationId: $conversationId, seq: $seq) {\n      conversationId\n      lastReadSeq\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MarkRead($conversationId: ID!, $seq: Int!) {\n    markRead(conversationId: $conversationId, seq: $seq) {\n      conversationId\n      lastReadSeq\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkDelivered($conversationId: ID!, $seq: Int!) {\n    markDelivered(conversationId: $conversationId, seq: $seq) {\n      conversationId\n      lastDeliveredSeq\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MarkDelivered($conversationId: ID!, $seq: Int!) {\n    markDelivered(conversationId: $conversationId, seq: $seq) {\n      conversationId\n      lastDeliveredSeq\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MentionMembers($id: ID!) {\n    conversation(id: $id) {\n      id\n      members(first: 200) {\n        conversationId\n        user {\n          id\n          username\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MentionMembers($id: ID!) {\n    conversation(id: $id) {\n      id\n      members(first: 200) {\n        conversationId\n        user {\n          id\n          username\n          displayName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditMessage($messageId: ID!, $text: String!) {\n    editMessage(messageId: $messageId, text: $text) {\n      ...MessageItem\n    }\n  }\n"): (typeof documents)["\n  mutation EditMessage($messageId: ID!, $text: String!) {\n    editMessage(messageId: $messageId, text: $text) {\n      ...MessageItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMessage($messageId: ID!, $forEveryone: Boolean!) {\n    deleteMessage(messageId: $messageId, forEveryone: $forEveryone) {\n      ...MessageItem\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteMessage($messageId: ID!, $forEveryone: Boolean!) {\n    deleteMessage(messageId: $messageId, forEveryone: $forEveryone) {\n      ...MessageItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddReaction($messageId: ID!, $emoji: String!) {\n    addReaction(messageId: $messageId, emoji: $emoji) {\n      ...MessageItem\n    }\n  }\n"): (typeof documents)["\n  mutation AddReaction($messageId: ID!, $emoji: String!) {\n    addReaction(messageId: $messageId, emoji: $emoji) {\n      ...MessageItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveReaction($messageId: ID!, $emoji: String!) {\n    removeReaction(messageId: $messageId, emoji: $emoji) {\n      ...MessageItem\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveReaction($messageId: ID!, $emoji: String!) {\n    removeReaction(messageId: $messageId, emoji: $emoji) {\n      ...MessageItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ForwardMessage($messageId: ID!, $conversationIds: [ID!]!) {\n    forwardMessage(messageId: $messageId, conversationIds: $conversationIds) {\n      ...MessageItem\n    }\n  }\n"): (typeof documents)["\n  mutation ForwardMessage($messageId: ID!, $conversationIds: [ID!]!) {\n    forwardMessage(messageId: $messageId, conversationIds: $conversationIds) {\n      ...MessageItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportMessage($messageId: ID!, $reason: ReportReason!, $note: String) {\n    reportMessage(messageId: $messageId, reason: $reason, note: $note)\n  }\n"): (typeof documents)["\n  mutation ReportMessage($messageId: ID!, $reason: ReportReason!, $note: String) {\n    reportMessage(messageId: $messageId, reason: $reason, note: $note)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageReceiptOnly on Message {\n    receipt {\n      status\n      deliveredCount\n      readCount\n      recipientCount\n    }\n  }\n"): (typeof documents)["\n  fragment MessageReceiptOnly on Message {\n    receipt {\n      status\n      deliveredCount\n      readCount\n      recipientCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageReceipts($conversationId: ID!, $afterSeq: Int!) {\n    messages(conversationId: $conversationId, afterSeq: $afterSeq, limit: 200) {\n      messages {\n        id\n        ...MessageReceiptOnly\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessageReceipts($conversationId: ID!, $afterSeq: Int!) {\n    messages(conversationId: $conversationId, afterSeq: $afterSeq, limit: 200) {\n      messages {\n        id\n        ...MessageReceiptOnly\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ThreadReceipts($rootMessageId: ID!, $afterSeq: Int!) {\n    thread(rootMessageId: $rootMessageId, afterSeq: $afterSeq, limit: 200) {\n      messages {\n        id\n        ...MessageReceiptOnly\n      }\n    }\n  }\n"): (typeof documents)["\n  query ThreadReceipts($rootMessageId: ID!, $afterSeq: Int!) {\n    thread(rootMessageId: $rootMessageId, afterSeq: $afterSeq, limit: 200) {\n      messages {\n        id\n        ...MessageReceiptOnly\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Thread($rootMessageId: ID!, $afterSeq: Int, $limit: Int!) {\n    thread(rootMessageId: $rootMessageId, afterSeq: $afterSeq, limit: $limit) {\n      messages {\n        ...MessageItem\n      }\n      hasMoreBefore\n      hasMoreAfter\n    }\n  }\n"): (typeof documents)["\n  query Thread($rootMessageId: ID!, $afterSeq: Int, $limit: Int!) {\n    thread(rootMessageId: $rootMessageId, afterSeq: $afterSeq, limit: $limit) {\n      messages {\n        ...MessageItem\n      }\n      hasMoreBefore\n      hasMoreAfter\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Typing($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      conversationId\n      count\n      users {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription Typing($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      conversationId\n      count\n      users {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTyping($conversationId: ID!, $typing: Boolean!) {\n    setTyping(conversationId: $conversationId, typing: $typing)\n  }\n"): (typeof documents)["\n  mutation SetTyping($conversationId: ID!, $typing: Boolean!) {\n    setTyping(conversationId: $conversationId, typing: $typing)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConversationListItem on Conversation {\n    id\n    kind\n    title\n    createdAt\n    lastActivityAt\n    lastSeq\n    unreadCount\n    unreadMentionCount\n    memberCount\n    effectiveRetentionDays\n    myMembership {\n      conversationId\n      role\n      notificationLevel\n      mutedUntil\n      user {\n        id\n      }\n    }\n    lastMessage {\n      id\n      seq\n      text\n      kind\n      createdAt\n      deletedAt\n      format\n      sender {\n        id\n        displayName\n      }\n    }\n    members(first: 3) {\n      conversationId\n      user {\n        id\n        username\n        displayName\n        presence {\n          ...PresenceFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ConversationListItem on Conversation {\n    id\n    kind\n    title\n    createdAt\n    lastActivityAt\n    lastSeq\n    unreadCount\n    unreadMentionCount\n    memberCount\n    effectiveRetentionDays\n    myMembership {\n      conversationId\n      role\n      notificationLevel\n      mutedUntil\n      user {\n        id\n      }\n    }\n    lastMessage {\n      id\n      seq\n      text\n      kind\n      createdAt\n      deletedAt\n      format\n      sender {\n        id\n        displayName\n      }\n    }\n    members(first: 3) {\n      conversationId\n      user {\n        id\n        username\n        displayName\n        presence {\n          ...PresenceFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GroupMember on Member {\n    conversationId\n    role\n    joinedAt\n    user {\n      id\n      username\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment GroupMember on Member {\n    conversationId\n    role\n    joinedAt\n    user {\n      id\n      username\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetRetention($conversationId: ID!, $days: Int) {\n    setRetention(conversationId: $conversationId, days: $days) {\n      id\n      retentionDays\n      effectiveRetentionDays\n    }\n  }\n"): (typeof documents)["\n  mutation SetRetention($conversationId: ID!, $days: Int) {\n    setRetention(conversationId: $conversationId, days: $days) {\n      id\n      retentionDays\n      effectiveRetentionDays\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AttachmentFields on Attachment {\n    id\n    kind\n    filename\n    contentType\n    byteSize\n    url\n    thumbnailUrl\n    width\n    height\n    durationMs\n  }\n"): (typeof documents)["\n  fragment AttachmentFields on Attachment {\n    id\n    kind\n    filename\n    contentType\n    byteSize\n    url\n    thumbnailUrl\n    width\n    height\n    durationMs\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageContent on Message {\n    id\n    conversationId\n    seq\n    clientMessageId\n    kind\n    text\n    format\n    createdAt\n    editedAt\n    deletedAt\n    threadRootId\n    sender {\n      id\n      username\n      displayName\n    }\n    replyTo {\n      id\n      seq\n      kind\n      text\n      deletedAt\n      threadRootId\n      sender {\n        id\n        displayName\n      }\n    }\n    mentions {\n      id\n      username\n    }\n    reactions {\n      emoji\n      count\n      users(first: 10) {\n        id\n        displayName\n      }\n    }\n    forwardedFrom {\n      originalSenderName\n      originalSentAt\n    }\n    attachments {\n      ...AttachmentFields\n    }\n    location {\n      ...LocationFields\n    }\n    thread {\n      replyCount\n      lastReplyAt\n      participants(first: 3) {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment MessageContent on Message {\n    id\n    conversationId\n    seq\n    clientMessageId\n    kind\n    text\n    format\n    createdAt\n    editedAt\n    deletedAt\n    threadRootId\n    sender {\n      id\n      username\n      displayName\n    }\n    replyTo {\n      id\n      seq\n      kind\n      text\n      deletedAt\n      threadRootId\n      sender {\n        id\n        displayName\n      }\n    }\n    mentions {\n      id\n      username\n    }\n    reactions {\n      emoji\n      count\n      users(first: 10) {\n        id\n        displayName\n      }\n    }\n    forwardedFrom {\n      originalSenderName\n      originalSentAt\n    }\n    attachments {\n      ...AttachmentFields\n    }\n    location {\n      ...LocationFields\n    }\n    thread {\n      replyCount\n      lastReplyAt\n      participants(first: 3) {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageItem on Message {\n    ...MessageContent\n    reactions {\n      reactedByMe\n    }\n    receipt {\n      status\n      deliveredCount\n      readCount\n      recipientCount\n    }\n  }\n"): (typeof documents)["\n  fragment MessageItem on Message {\n    ...MessageContent\n    reactions {\n      reactedByMe\n    }\n    receipt {\n      status\n      deliveredCount\n      readCount\n      recipientCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LocationFields on Location {\n    latitude\n    longitude\n    label\n  }\n"): (typeof documents)["\n  fragment LocationFields on Location {\n    latitude\n    longitude\n    label\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportMyData {\n    exportMyData {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ExportMyData {\n    exportMyData {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyDataExport {\n    myDataExport {\n      id\n      status\n      url\n      byteSize\n    }\n  }\n"): (typeof documents)["\n  query MyDataExport {\n    myDataExport {\n      id\n      status\n      url\n      byteSize\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMyAccount($password: String!) {\n    deleteMyAccount(password: $password)\n  }\n"): (typeof documents)["\n  mutation DeleteMyAccount($password: String!) {\n    deleteMyAccount(password: $password)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageReaders($messageId: ID!) {\n    messageReaders(messageId: $messageId, first: 200) {\n      conversationId\n      lastReadSeq\n      user {\n        id\n        displayName\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessageReaders($messageId: ID!) {\n    messageReaders(messageId: $messageId, first: 200) {\n      conversationId\n      lastReadSeq\n      user {\n        id\n        displayName\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SearchHit on MessageSearchHit {\n    snippet\n    message {\n      id\n      conversationId\n      seq\n      threadRootId\n      createdAt\n      sender {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment SearchHit on MessageSearchHit {\n    snippet\n    message {\n      id\n      conversationId\n      seq\n      threadRootId\n      createdAt\n      sender {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchMessages($query: String!, $conversationId: ID, $after: String) {\n    searchMessages(query: $query, conversationId: $conversationId, first: 20, after: $after) {\n      hits {\n        ...SearchHit\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"): (typeof documents)["\n  query SearchMessages($query: String!, $conversationId: ID, $after: String) {\n    searchMessages(query: $query, conversationId: $conversationId, first: 20, after: $after) {\n      hits {\n        ...SearchHit\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserSearchResult on User {\n    id\n    username\n    displayName\n  }\n"): (typeof documents)["\n  fragment UserSearchResult on User {\n    id\n    username\n    displayName\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchUsers($query: String!) {\n    searchUsers(query: $query, first: 20) {\n      ...UserSearchResult\n    }\n  }\n"): (typeof documents)["\n  query SearchUsers($query: String!) {\n    searchUsers(query: $query, first: 20) {\n      ...UserSearchResult\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EventMember on Member {\n    conversationId\n    role\n    joinedAt\n    user {\n      id\n      username\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment EventMember on Member {\n    conversationId\n    role\n    joinedAt\n    user {\n      id\n      username\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EventConversation on Conversation {\n    id\n    title\n    description\n    memberCount\n    lastActivityAt\n    retentionDays\n    effectiveRetentionDays\n  }\n"): (typeof documents)["\n  fragment EventConversation on Conversation {\n    id\n    title\n    description\n    memberCount\n    lastActivityAt\n    retentionDays\n    effectiveRetentionDays\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConversationEventFields on ConversationEvent {\n    __typename\n    conversationId\n    seq\n    ... on MessageAdded {\n      message {\n        ...MessageContent\n      }\n    }\n    ... on MessageUpdated {\n      message {\n        ...MessageContent\n      }\n    }\n    ... on MemberJoined {\n      member {\n        ...EventMember\n      }\n    }\n    ... on MemberUpdated {\n      member {\n        ...EventMember\n      }\n    }\n    ... on MemberLeft {\n      user {\n        id\n      }\n    }\n    ... on ConversationUpdated {\n      conversation {\n        ...EventConversation\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ConversationEventFields on ConversationEvent {\n    __typename\n    conversationId\n    seq\n    ... on MessageAdded {\n      message {\n        ...MessageContent\n      }\n    }\n    ... on MessageUpdated {\n      message {\n        ...MessageContent\n      }\n    }\n    ... on MemberJoined {\n      member {\n        ...EventMember\n      }\n    }\n    ... on MemberUpdated {\n      member {\n        ...EventMember\n      }\n    }\n    ... on MemberLeft {\n      user {\n        id\n      }\n    }\n    ... on ConversationUpdated {\n      conversation {\n        ...EventConversation\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConversationEvents($conversationId: ID!, $afterSeq: Int) {\n    conversationEvents(conversationId: $conversationId, afterSeq: $afterSeq) {\n      ...ConversationEventFields\n    }\n  }\n"): (typeof documents)["\n  subscription ConversationEvents($conversationId: ID!, $afterSeq: Int) {\n    conversationEvents(conversationId: $conversationId, afterSeq: $afterSeq) {\n      ...ConversationEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription InboxEvents {\n    inboxEvents {\n      ...ConversationEventFields\n    }\n  }\n"): (typeof documents)["\n  subscription InboxEvents {\n    inboxEvents {\n      ...ConversationEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Messages($conversationId: ID!, $beforeSeq: Int, $afterSeq: Int, $limit: Int) {\n    messages(conversationId: $conversationId, beforeSeq: $beforeSeq, afterSeq: $afterSeq, limit: $limit) {\n      messages {\n        ...MessageItem\n      }\n      hasMoreBefore\n      hasMoreAfter\n    }\n  }\n"): (typeof documents)["\n  query Messages($conversationId: ID!, $beforeSeq: Int, $afterSeq: Int, $limit: Int) {\n    messages(conversationId: $conversationId, beforeSeq: $beforeSeq, afterSeq: $afterSeq, limit: $limit) {\n      messages {\n        ...MessageItem\n      }\n      hasMoreBefore\n      hasMoreAfter\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageWindow($conversationId: ID!) {\n    messages(conversationId: $conversationId) {\n      messages {\n        id\n        seq\n      }\n      hasMoreBefore\n      hasMoreAfter\n    }\n  }\n"): (typeof documents)["\n  query MessageWindow($conversationId: ID!) {\n    messages(conversationId: $conversationId) {\n      messages {\n        id\n        seq\n      }\n      hasMoreBefore\n      hasMoreAfter\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conversations {\n    conversations(first: 100) {\n      conversations {\n        ...ConversationListItem\n      }\n    }\n  }\n"): (typeof documents)["\n  query Conversations {\n    conversations(first: 100) {\n      conversations {\n        ...ConversationListItem\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConversationSummary on Conversation {\n    id\n    lastSeq\n    unreadCount\n    unreadMentionCount\n  }\n"): (typeof documents)["\n  fragment ConversationSummary on Conversation {\n    id\n    lastSeq\n    unreadCount\n    unreadMentionCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PollConversationEvents($conversationId: ID!, $afterSeq: Int!, $waitMs: Int!) {\n    pollConversationEvents(conversationId: $conversationId, afterSeq: $afterSeq, waitMs: $waitMs) {\n      events {\n        ...ConversationEventFields\n      }\n      lastSeq\n    }\n  }\n"): (typeof documents)["\n  query PollConversationEvents($conversationId: ID!, $afterSeq: Int!, $waitMs: Int!) {\n    pollConversationEvents(conversationId: $conversationId, afterSeq: $afterSeq, waitMs: $waitMs) {\n      events {\n        ...ConversationEventFields\n      }\n      lastSeq\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PollInboxEvents($cursor: String, $waitMs: Int!) {\n    pollInboxEvents(cursor: $cursor, waitMs: $waitMs) {\n      cursor\n      events {\n        ...ConversationEventFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query PollInboxEvents($cursor: String, $waitMs: Int!) {\n    pollInboxEvents(cursor: $cursor, waitMs: $waitMs) {\n      cursor\n      events {\n        ...ConversationEventFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RoleNoticeMember on Member {\n    conversationId\n    role\n    user {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment RoleNoticeMember on Member {\n    conversationId\n    role\n    user {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      id\n      uploadUrl\n      method\n      headers {\n        name\n        value\n      }\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      id\n      uploadUrl\n      method\n      headers {\n        name\n        value\n      }\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageMedia on Message {\n    id\n    attachments {\n      ...AttachmentFields\n    }\n  }\n"): (typeof documents)["\n  fragment MessageMedia on Message {\n    id\n    attachments {\n      ...AttachmentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageMedia($conversationId: ID!, $beforeSeq: Int!) {\n    messages(conversationId: $conversationId, beforeSeq: $beforeSeq, limit: 1) {\n      messages {\n        ...MessageMedia\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessageMedia($conversationId: ID!, $beforeSeq: Int!) {\n    messages(conversationId: $conversationId, beforeSeq: $beforeSeq, limit: 1) {\n      messages {\n        ...MessageMedia\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationSettings {\n    notificationSettings {\n      ...NotificationSettingsFields\n    }\n  }\n"): (typeof documents)["\n  query NotificationSettings {\n    notificationSettings {\n      ...NotificationSettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationSettingsFields on NotificationSettings {\n    showPreviews\n    emailFallback\n    emailAddress\n    locale\n    quietHours {\n      start\n      end\n      timeZone\n    }\n  }\n"): (typeof documents)["\n  fragment NotificationSettingsFields on NotificationSettings {\n    showPreviews\n    emailFallback\n    emailAddress\n    locale\n    quietHours {\n      start\n      end\n      timeZone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      ...NotificationSettingsFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      ...NotificationSettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VapidPublicKey {\n    vapidPublicKey\n  }\n"): (typeof documents)["\n  query VapidPublicKey {\n    vapidPublicKey\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterPushSubscription($input: PushSubscriptionInput!) {\n    registerPushSubscription(input: $input)\n  }\n"): (typeof documents)["\n  mutation RegisterPushSubscription($input: PushSubscriptionInput!) {\n    registerPushSubscription(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnregisterPushSubscription($endpoint: String!) {\n    unregisterPushSubscription(endpoint: $endpoint)\n  }\n"): (typeof documents)["\n  mutation UnregisterPushSubscription($endpoint: String!) {\n    unregisterPushSubscription(endpoint: $endpoint)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetNotificationLevel($conversationId: ID!, $level: NotificationLevel!, $mutedUntil: DateTime) {\n    setNotificationLevel(conversationId: $conversationId, level: $level, mutedUntil: $mutedUntil) {\n      conversationId\n      user {\n        id\n      }\n      notificationLevel\n      mutedUntil\n    }\n  }\n"): (typeof documents)["\n  mutation SetNotificationLevel($conversationId: ID!, $level: NotificationLevel!, $mutedUntil: DateTime) {\n    setNotificationLevel(conversationId: $conversationId, level: $level, mutedUntil: $mutedUntil) {\n      conversationId\n      user {\n        id\n      }\n      notificationLevel\n      mutedUntil\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportFocus($clientId: String!, $visible: Boolean!, $conversationId: ID) {\n    reportFocus(clientId: $clientId, visible: $visible, conversationId: $conversationId)\n  }\n"): (typeof documents)["\n  mutation ReportFocus($clientId: String!, $visible: Boolean!, $conversationId: ID) {\n    reportFocus(clientId: $clientId, visible: $visible, conversationId: $conversationId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPresence {\n    me {\n      id\n      presence {\n        ...PresenceFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyPresence {\n    me {\n      id\n      presence {\n        ...PresenceFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PresenceFields on Presence {\n    status\n    lastSeenAt\n    statusText\n  }\n"): (typeof documents)["\n  fragment PresenceFields on Presence {\n    status\n    lastSeenAt\n    statusText\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PresenceChanges($userIds: [ID!]!) {\n    presence(userIds: $userIds) {\n      userId\n      presence {\n        ...PresenceFields\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription PresenceChanges($userIds: [ID!]!) {\n    presence(userIds: $userIds) {\n      userId\n      presence {\n        ...PresenceFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      accessToken\n      refreshToken\n      accessTokenExpiresAt\n      user {\n        id\n        username\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      accessToken\n      refreshToken\n      accessTokenExpiresAt\n      user {\n        id\n        username\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      accessToken\n      refreshToken\n      accessTokenExpiresAt\n      user {\n        id\n        username\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      accessToken\n      refreshToken\n      accessTokenExpiresAt\n      user {\n        id\n        username\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationInfo($id: ID!) {\n    conversation(id: $id) {\n      id\n      kind\n      title\n      description\n      memberCount\n      lastSeq\n      retentionDays\n      effectiveRetentionDays\n      myMembership {\n        conversationId\n        role\n        user {\n          id\n        }\n      }\n      members(first: 200) {\n        ...GroupMember\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConversationInfo($id: ID!) {\n    conversation(id: $id) {\n      id\n      kind\n      title\n      description\n      memberCount\n      lastSeq\n      retentionDays\n      effectiveRetentionDays\n      myMembership {\n        conversationId\n        role\n        user {\n          id\n        }\n      }\n      members(first: 200) {\n        ...GroupMember\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddMembers($conversationId: ID!, $userIds: [ID!]!) {\n    addMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n      memberCount\n    }\n  }\n"): (typeof documents)["\n  mutation AddMembers($conversationId: ID!, $userIds: [ID!]!) {\n    addMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n      memberCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveMember($conversationId: ID!, $userId: ID!) {\n    removeMember(conversationId: $conversationId, userId: $userId) {\n      id\n      memberCount\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveMember($conversationId: ID!, $userId: ID!) {\n    removeMember(conversationId: $conversationId, userId: $userId) {\n      id\n      memberCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateConversation($input: UpdateConversationInput!) {\n    updateConversation(input: $input) {\n      id\n      title\n      description\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateConversation($input: UpdateConversationInput!) {\n    updateConversation(input: $input) {\n      id\n      title\n      description\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMemberRole($conversationId: ID!, $userId: ID!, $role: MemberRole!) {\n    setMemberRole(conversationId: $conversationId, userId: $userId, role: $role) {\n      ...GroupMember\n    }\n  }\n"): (typeof documents)["\n  mutation SetMemberRole($conversationId: ID!, $userId: ID!, $role: MemberRole!) {\n    setMemberRole(conversationId: $conversationId, userId: $userId, role: $role) {\n      ...GroupMember\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveConversation($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n"): (typeof documents)["\n  mutation LeaveConversation($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogOut {\n    logOut\n  }\n"): (typeof documents)["\n  mutation LogOut {\n    logOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenDirectConversation($userId: ID!) {\n    openDirectConversation(userId: $userId) {\n      ...ConversationListItem\n    }\n  }\n"): (typeof documents)["\n  mutation OpenDirectConversation($userId: ID!) {\n    openDirectConversation(userId: $userId) {\n      ...ConversationListItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) {\n      ...ConversationListItem\n    }\n  }\n"): (typeof documents)["\n  mutation CreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) {\n      ...ConversationListItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySettings {\n    me {\n      id\n      username\n      displayName\n      presence {\n        ...PresenceFields\n      }\n      privacy {\n        presenceVisibility\n        lastSeenVisibility\n        readReceipts\n      }\n    }\n  }\n"): (typeof documents)["\n  query MySettings {\n    me {\n      id\n      username\n      displayName\n      presence {\n        ...PresenceFields\n      }\n      privacy {\n        presenceVisibility\n        lastSeenVisibility\n        readReceipts\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      username\n      displayName\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      username\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPresence($status: PresenceStatus!, $statusText: String) {\n    setPresence(status: $status, statusText: $statusText) {\n      ...PresenceFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetPresence($status: PresenceStatus!, $statusText: String) {\n    setPresence(status: $status, statusText: $statusText) {\n      ...PresenceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePrivacy($presenceVisibility: Visibility!, $lastSeenVisibility: Visibility!, $readReceipts: Boolean) {\n    updatePrivacy(\n      presenceVisibility: $presenceVisibility\n      lastSeenVisibility: $lastSeenVisibility\n      readReceipts: $readReceipts\n    ) {\n      presenceVisibility\n      lastSeenVisibility\n      readReceipts\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePrivacy($presenceVisibility: Visibility!, $lastSeenVisibility: Visibility!, $readReceipts: Boolean) {\n    updatePrivacy(\n      presenceVisibility: $presenceVisibility\n      lastSeenVisibility: $lastSeenVisibility\n      readReceipts: $readReceipts\n    ) {\n      presenceVisibility\n      lastSeenVisibility\n      readReceipts\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;