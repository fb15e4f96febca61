// In-memory adapters of core's ports: embedded single-process mode and the unit tests run on them, and
// each passes the same contract suite as its PostgreSQL or Redis counterpart.
export { createMemoryConversationStore } from './conversation.store';
export { createMemoryCredentialStores } from './credential.stores';
export { createMemoryAnalyticsStore } from './analytics.store';
export { createMemoryAuditLog } from './audit.log';
export { createMemoryBlockStore } from './block.store';
export { createMemoryDataExportStore } from './data-export.store';
export { createMemoryEventBus } from './event.bus';
export { createMemoryJobQueue } from './job.queue';
export { createMemoryNotificationStore } from './notification.store';
export { createMemoryPresenceSettingsStore } from './presence-settings.store';
export { createMemoryPresenceStore } from './presence.store';
export { createMemoryReportStore } from './report.store';
export { createMemoryServerRoleStore } from './server-role.store';
export { createMemorySuspensionStore } from './suspension.store';
export { createMemoryUploadStore } from './upload.store';
export { createMemoryUserStore } from './user.store';
