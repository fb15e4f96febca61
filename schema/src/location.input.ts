import { Field, Float, InputType } from 'type-graphql';

/** A place to share. */
@InputType({ description: 'A place to share: latitude −90…90, longitude −180…180, an optional label.' })
export class LocationInput {
  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;

  @Field(() => String, { nullable: true, description: 'Up to 200 characters.' })
  label?: string | null;
}
