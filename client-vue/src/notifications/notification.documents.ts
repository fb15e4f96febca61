import { graphql } from '../gql';

export const NotificationSettingsQuery = graphql(`
  query NotificationSettings {
    notificationSettings {
      ...NotificationSettingsFields
    }
  }
`);

graphql(`
  fragment NotificationSettingsFields on NotificationSettings {
    showPreviews
    emailFallback
    emailAddress
    locale
    quietHours {
      start
      end
      timeZone
    }
  }
`);

export const UpdateNotificationSettingsMutation = graphql(`
  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {
    updateNotificationSettings(input: $input) {
      ...NotificationSettingsFields
    }
  }
`);

export const VapidPublicKeyQuery = graphql(`
  query VapidPublicKey {
    vapidPublicKey
  }
`);

export const RegisterPushMutation = graphql(`
  mutation RegisterPushSubscription($input: PushSubscriptionInput!) {
    registerPushSubscription(input: $input)
  }
`);

export const UnregisterPushMutation = graphql(`
  mutation UnregisterPushSubscription($endpoint: String!) {
    unregisterPushSubscription(endpoint: $endpoint)
  }
`);

export const SetNotificationLevelMutation = graphql(`
  mutation SetNotificationLevel($conversationId: ID!, $level: NotificationLevel!, $mutedUntil: DateTime) {
    setNotificationLevel(conversationId: $conversationId, level: $level, mutedUntil: $mutedUntil) {
      conversationId
      user {
        id
      }
      notificationLevel
      mutedUntil
    }
  }
`);

export const ReportFocusMutation = graphql(`
  mutation ReportFocus($clientId: String!, $visible: Boolean!, $conversationId: ID) {
    reportFocus(clientId: $clientId, visible: $visible, conversationId: $conversationId)
  }
`);
