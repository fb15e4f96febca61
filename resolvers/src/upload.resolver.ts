import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type * as domain from '@parley/core';
import { ValidationError } from '@parley/core';
import { Attachment, CreateUploadInput, Message, Upload } from '@parley/schema';
import { viewerOf, type Context } from './context';

function attachmentsOf(ctx: Context) {
  const service = ctx.services.attachments;
  if (!service) throw new ValidationError({ uploadIds: 'attachments are not enabled on this server' });
  return service;
}

/** Uploading files, and the files of a message with their signed URLs. */
@Resolver(() => Message)
export class UploadResolver {
  @Authorized()
  @Mutation(() => Upload, {
    description:
      'Announces a file to upload: returns where to send its bytes (`uploadUrl`, `method`, `headers`), valid for an hour. Attach it with `sendMessage(input: { uploadIds })`. BAD_USER_INPUT for a size over the limit (25 MiB, images 10 MiB by default) or a malformed name or type; the real type is checked from the bytes when attached.',
  })
  async createUpload(@Arg('input', () => CreateUploadInput) input: CreateUploadInput, @Ctx() ctx: Context) {
    const { url, ...grant } = await attachmentsOf(ctx).createUpload(viewerOf(ctx).userId, input);
    return { ...grant, uploadUrl: url };
  }

  // The URLs are signed per hour, not per viewer: every member who may read the message gets the same ones.
  @FieldResolver(() => [Attachment], {
    description: 'On a MEDIA message, its files in the order sent; empty once deleted.',
  })
  async attachments(@Root() m: domain.Message, @Ctx() ctx: Context) {
    if (m.attachments.length === 0) return [];
    const service = attachmentsOf(ctx);
    return Promise.all(m.attachments.map(async (a) => ({ ...a, ...(await service.urls(a)) })));
  }
}
