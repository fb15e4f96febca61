// Test and benchmark helpers other packages may use (the benchmarks drive real nodes with them).
export { codeOf, gql, record, until, wsClient, type GqlResult, type Recorder } from './client';
export { TEST_DATABASE_URL, TEST_REDIS_URL, createTestDatabase } from './databases';
export { startMongoEmulator, type MongoEmulator } from './mongo-server';
export { freePort, spawnNode, type NodeProcess } from './process';
export { signUp, type TestUser } from './users';
export { DEFAULT_LIMITS, attacks, quantile, rawSocket, underAttack, type RawSocket } from './abuse';
export { startTestS3, type TestS3 } from './s3-server';
