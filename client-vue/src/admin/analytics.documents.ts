import { graphql } from '../gql';

export const ServerAnalyticsQuery = graphql(`
  query ServerAnalytics($days: Int!) {
    serverAnalytics(days: $days) {
      connectionsNow
      days {
        day
        activeUsers
        messages
        signUps
        peakConnections
        operations
        errors
        serverErrors
        errorRate
        deliveries
        deliveryP50Ms
        deliveryP95Ms
      }
    }
  }
`);
