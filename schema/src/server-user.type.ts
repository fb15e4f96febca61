import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';
import { Suspension } from './report.type';

export enum ServerRole {
  USER = 'USER',
  ADMIN = 'ADMIN',
}
registerEnumType(ServerRole, {
  name: 'ServerRole',
  description: 'A user’s role on this server.',
  valuesConfig: {
    USER: { description: 'Uses the server.' },
    ADMIN: { description: 'Moderates: reports, suspensions, appeals, roles, the audit log and analytics.' },
  },
});

/** A user as server administrators see them. */
@ObjectType({ description: 'A user as server administrators see them.' })
export class ServerUser {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  username!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => DateTimeScalar, { description: 'When they signed up.' })
  createdAt!: Date;

  @Field(() => ServerRole)
  serverRole!: ServerRole;

  @Field(() => Boolean, {
    description: 'An administrator through the server’s configuration (ADMIN_USERNAMES): the role cannot be changed.',
  })
  roleFromConfig!: boolean;

  @Field(() => Suspension, { nullable: true, description: 'The suspension or ban in force, if any.' })
  suspension!: Suspension | null;
}
