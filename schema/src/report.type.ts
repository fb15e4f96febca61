import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';

/** Why something is reported. */
export enum ReportReason {
  SPAM = 'SPAM',
  HARASSMENT = 'HARASSMENT',
  HATE = 'HATE',
  VIOLENCE = 'VIOLENCE',
  SEXUAL = 'SEXUAL',
  SELF_HARM = 'SELF_HARM',
  OTHER = 'OTHER',
}
registerEnumType(ReportReason, { name: 'ReportReason', description: 'Why a message or user is reported.' });

export enum ReportStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}
registerEnumType(ReportStatus, { name: 'ReportStatus', description: 'Whether an administrator has closed a report.' });

export enum ReportOutcome {
  DISMISSED = 'DISMISSED',
  ACTIONED = 'ACTIONED',
}
registerEnumType(ReportOutcome, {
  name: 'ReportOutcome',
  description: 'What an administrator decided: nothing to do, or action taken (say which in the reason).',
});

@ObjectType({ description: 'A file of a reported message, by name (the file itself stays where it is).' })
export class ReportedFile {
  @Field(() => String)
  kind!: string;

  @Field(() => String)
  filename!: string;
}

/** The message as it was when reported. */
@ObjectType({ description: 'A reported message as it was when reported: deleting the message does not change this.' })
export class ReportedMessage {
  @Field(() => ID)
  messageId!: string;

  @Field(() => ID)
  conversationId!: string;

  @Field(() => String, { nullable: true })
  text!: string | null;

  @Field(() => [ReportedFile])
  attachments!: ReportedFile[];

  @Field(() => DateTimeScalar)
  sentAt!: string;
}

@ObjectType({ description: 'How a report was closed.' })
export class ReportResolution {
  @Field(() => ReportOutcome)
  outcome!: ReportOutcome;

  @Field(() => ID, { description: 'The administrator who closed it.' })
  by!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => DateTimeScalar)
  at!: string;
}

/** A report in the moderation queue; its users and context are resolved by ReportResolver. */
@ObjectType({ description: 'A report of a message or a user, for server administrators.' })
export class Report {
  @Field(() => ID)
  id!: string;

  @Field(() => ReportReason)
  reason!: ReportReason;

  @Field(() => String, { nullable: true, description: 'What the reporter added.' })
  note!: string | null;

  @Field(() => ReportedMessage, {
    nullable: true,
    description: 'The reported message as it was; null for a report of a user.',
  })
  message!: ReportedMessage | null;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => ReportStatus)
  status!: ReportStatus;

  @Field(() => ReportResolution, { nullable: true })
  resolution!: ReportResolution | null;
}

/** A suspension or ban of a user. */
@ObjectType({ description: 'A user kept out of the server by an administrator.' })
export class Suspension {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it ends; null for a ban.' })
  until!: string | null;

  @Field(() => String)
  reason!: string;

  @Field(() => DateTimeScalar)
  at!: string;
}

export enum AppealStatus {
  OPEN = 'OPEN',
  UPHELD = 'UPHELD',
  LIFTED = 'LIFTED',
}
registerEnumType(AppealStatus, {
  name: 'AppealStatus',
  description: 'Waiting, or decided: the suspension kept (UPHELD) or ended (LIFTED).',
});

@ObjectType({ description: 'How an appeal was decided.' })
export class AppealDecision {
  @Field(() => ID, { description: 'The administrator who decided (never the one who suspended).' })
  by!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => DateTimeScalar)
  at!: string;
}

/** A suspended user's appeal. */
@ObjectType({ description: 'A suspended user’s appeal, for server administrators.' })
export class Appeal {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => String)
  note!: string;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => AppealStatus)
  status!: AppealStatus;

  @Field(() => AppealDecision, { nullable: true })
  decision!: AppealDecision | null;

  @Field(() => Suspension, { nullable: true, description: 'The suspension appealed.' })
  suspension!: Suspension | null;
}
