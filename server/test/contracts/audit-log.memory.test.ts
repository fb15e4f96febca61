import { createMemoryAuditLog } from '@parley/core/memory';
import { defineAuditLogContract } from './audit-log.contract';

defineAuditLogContract('memory', async () => ({ log: createMemoryAuditLog(), dispose: async () => undefined }));
