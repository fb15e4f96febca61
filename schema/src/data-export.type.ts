import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';

export enum DataExportStatus {
  PENDING = 'PENDING',
  READY = 'READY',
  FAILED = 'FAILED',
}
registerEnumType(DataExportStatus, { name: 'DataExportStatus', description: 'Whether a data export is ready.' });

/** A copy of the viewer's data. */
@ObjectType({
  description:
    'A copy of the viewer’s data (profile, conversations, own messages and reactions) as JSON, prepared in the background.',
})
export class DataExport {
  @Field(() => ID)
  id!: string;

  @Field(() => DataExportStatus)
  status!: DataExportStatus;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  readyAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Where to download it once READY: a link valid for an hour.' })
  url!: string | null;

  @Field(() => Int, { nullable: true })
  byteSize!: number | null;
}
