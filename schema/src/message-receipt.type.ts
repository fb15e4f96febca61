import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DeliveryStatus } from './enums';

/** The receipt of one of the viewer's own messages. */
@ObjectType({ description: 'How far one of the viewer’s own messages got.' })
export class MessageReceipt {
  @Field(() => DeliveryStatus, {
    description:
      'SENT, DELIVERED (to every recipient) or READ (by every recipient); never READ while the viewer’s own read receipts are off.',
  })
  status!: DeliveryStatus;

  @Field(() => Int, { description: 'Recipients with the message on a device.' })
  deliveredCount!: number;

  @Field(() => Int, { description: 'Recipients who read it and share read receipts.' })
  readCount!: number;

  @Field(() => Int, { description: 'Members other than the sender who were in the conversation when it was sent.' })
  recipientCount!: number;
}

/** A member's markers as announced by ReceiptsUpdated; `lastReadSeq` is resolved per viewer. */
@ObjectType({ description: 'A member’s read and delivery markers.' })
export class ReceiptMark {
  @Field(() => ID, { description: 'The member.' })
  userId!: string;

  @Field(() => Int, { description: 'Highest seq delivered to one of the member’s devices.' })
  lastDeliveredSeq!: number;
}
