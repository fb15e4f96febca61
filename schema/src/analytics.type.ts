import { Field, Float, Int, ObjectType } from 'type-graphql';

/** One UTC day of usage. */
@ObjectType({ description: 'One UTC day of usage, as the server counted it.' })
export class AnalyticsDay {
  @Field(() => String, { description: 'YYYY-MM-DD (UTC).' })
  day!: string;

  @Field(() => Int, { description: 'Distinct users who made a signed-in request.' })
  activeUsers!: number;

  @Field(() => Int, { description: 'Messages sent.' })
  messages!: number;

  @Field(() => Int, { description: 'Accounts created.' })
  signUps!: number;

  @Field(() => Int, {
    description: 'Most open WebSocket and SSE connections seen (each node samples every 30 s; the sum of their peaks).',
  })
  peakConnections!: number;

  @Field(() => Int, { description: 'GraphQL operations answered.' })
  operations!: number;

  @Field(() => Int, { description: 'Operations answered with at least one error (any code).' })
  errors!: number;

  @Field(() => Int, { description: 'Operations answered with INTERNAL_SERVER_ERROR.' })
  serverErrors!: number;

  @Field(() => Float, { description: '`errors` / `operations`; 0 without operations.' })
  errorRate!: number;

  @Field(() => Int, { description: 'Events delivered to subscriptions (once per event and distinct selection).' })
  deliveries!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Median time from an event being stored to its delivery, in ms (bucket bound); null without events.',
  })
  deliveryP50Ms!: number | null;

  @Field(() => Float, { nullable: true, description: '95th percentile of the same, in ms (bucket bound).' })
  deliveryP95Ms!: number | null;
}

/** Usage over recent days. */
@ObjectType({ description: 'Usage over recent days, from figures Parley keeps in its own database.' })
export class ServerAnalytics {
  @Field(() => Int, { description: 'Open connections on every node now (as of their last report, ≤ 30 s).' })
  connectionsNow!: number;

  @Field(() => [AnalyticsDay], { description: 'One entry per day, oldest first, today last.' })
  days!: AnalyticsDay[];
}
