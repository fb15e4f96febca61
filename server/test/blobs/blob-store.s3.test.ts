import { createS3BlobStore } from '../../src/adapters/blobs/s3-blob.store';
import { startTestS3 } from '../support/s3-server';
import { defineBlobStoreContract } from './blob-store.contract';

defineBlobStoreContract('S3 (s3rver)', async () => {
  const s3 = await startTestS3();
  const store = createS3BlobStore(s3.options);
  return {
    store,
    origin: '',
    // S3 refuses it (Content-Length is a signed header); s3rver does not check signed headers' values.
    lengthUnchecked: 's3rver does not check the signed Content-Length (S3 does; attaching checks the size again)',
    async dispose() {
      store.dispose();
      await s3.stop();
    },
  };
});
