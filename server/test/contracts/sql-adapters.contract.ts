import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { createPgAccessTokenStore } from '../../src/adapters/postgres/access-token.store';
import { createPgAnalyticsStore } from '../../src/adapters/postgres/analytics.store';
import { createPgAuditLog } from '../../src/adapters/postgres/audit.log';
import { createPgBlockStore } from '../../src/adapters/postgres/block.store';
import { createPgNotificationStore } from '../../src/adapters/postgres/notification.store';
import { createPgDataExportStore } from '../../src/adapters/postgres/data-export.store';
import { createPgReportStore } from '../../src/adapters/postgres/report.store';
import { createPgServerRoleStore } from '../../src/adapters/postgres/server-role.store';
import { createPgSuspensionStore } from '../../src/adapters/postgres/suspension.store';
import { createPgConversationStore } from '../../src/adapters/postgres/conversation.store';
import { createPgPresenceSettingsStore } from '../../src/adapters/postgres/presence-settings.store';
import { createPgSessionStore } from '../../src/adapters/postgres/session.store';
import { createPgUploadStore } from '../../src/adapters/postgres/upload.store';
import { createPgUserStore } from '../../src/adapters/postgres/user.store';
import { defineAccessTokenStoreContract } from './access-token-store.contract';
import { defineAnalyticsStoreContract } from './analytics-store.contract';
import { defineAuditLogContract } from './audit-log.contract';
import { defineBlockStoreContract } from './block-store.contract';
import { defineNotificationStoreContract } from './notification-store.contract';
import { defineDataExportStoreContract } from './data-export-store.contract';
import { defineReportStoreContract } from './report-store.contract';
import { defineServerRoleStoreContract } from './server-role-store.contract';
import { defineSuspensionStoreContract } from './suspension-store.contract';
import { defineConversationStoreContract } from './conversation-store.contract';
import { defineDatabaseContract } from './database.contract';
import { defineGroupCommitContract } from './group-commit.contract';
import { definePresenceSettingsStoreContract } from './presence-settings-store.contract';
import { defineSessionStoreContract } from './session-store.contract';
import { sharedSql, type SqlFixture } from './support/sql';
import { defineUploadStoreContract } from './upload-store.contract';
import { defineUserStoreContract } from './user-store.contract';

/** Every PostgreSQL adapter held to its port's contract, on one database of `open`'s kind. */
export function defineSqlAdapterContracts(name: string, open: () => Promise<SqlFixture>): void {
  const sql = sharedSql(open);
  afterAll(() => sql.dispose());
  // The suites share the database; each suite's own dispose leaves it open.
  const keep = async () => undefined;
  defineDatabaseContract(name, async () => (await sql.get()).db, name !== 'PGlite');
  defineGroupCommitContract(name, () => sql.get(), name === 'PGlite' ? 'one' : 'many');
  defineConversationStoreContract(name, async () => {
    const f = await sql.get();
    return { store: createPgConversationStore(f.db), createUser: f.createUser, dispose: keep };
  });
  defineUserStoreContract(name, async () => ({ store: createPgUserStore((await sql.get()).db), dispose: keep }));
  defineSessionStoreContract(name, async () => {
    const f = await sql.get();
    return { store: createPgSessionStore(f.db), createUser: f.createUser, dispose: keep };
  });
  defineAccessTokenStoreContract(name, async () => {
    const f = await sql.get();
    return {
      store: createPgAccessTokenStore(f.db),
      sessions: createPgSessionStore(f.db),
      createUser: f.createUser,
      dispose: keep,
    };
  });
  definePresenceSettingsStoreContract(name, async () => {
    const { db } = await sql.get();
    return {
      store: createPgPresenceSettingsStore(db),
      users: createPgUserStore(db),
      conversations: createPgConversationStore(db),
      dispose: keep,
    };
  });
  defineBlockStoreContract(name, async () => {
    const f = await sql.get();
    return { store: createPgBlockStore(f.db), createUser: f.createUser, dispose: keep };
  });
  defineUploadStoreContract(name, async () => {
    const f = await sql.get();
    return { store: createPgUploadStore(f.db), createUser: f.createUser, dispose: keep };
  });
  defineAuditLogContract(
    name,
    async () => {
      const { db } = await sql.get();
      return { log: createPgAuditLog(db), sql: (text: string) => db.query(text), dispose: keep };
    },
    true,
  );
  defineReportStoreContract(name, async () => {
    const f = await sql.get();
    return { store: createPgReportStore(f.db), createUser: f.createUser, dispose: keep };
  });
  defineSuspensionStoreContract(name, async () => {
    const f = await sql.get();
    return { store: createPgSuspensionStore(f.db), createUser: f.createUser, dispose: keep };
  });
  defineServerRoleStoreContract(name, async () => {
    const f = await sql.get();
    return { store: createPgServerRoleStore(f.db), createUser: f.createUser, dispose: keep };
  });
  defineAnalyticsStoreContract(name, async () => ({
    store: createPgAnalyticsStore((await sql.get()).db),
    dispose: keep,
  }));
  defineDataExportStoreContract(name, async () => {
    const f = await sql.get();
    return { store: createPgDataExportStore(f.db), createUser: f.createUser, dispose: keep };
  });
  defineNotificationStoreContract(name, async () => {
    const f = await sql.get();
    const conversations = createPgConversationStore(f.db);
    return {
      store: createPgNotificationStore(f.db),
      createUser: f.createUser,
      async createConversation(memberIds) {
        const id = randomUUID();
        await conversations.create(
          { id, kind: 'GROUP', title: 't', description: null, createdAt: new Date().toISOString(), directKey: null },
          memberIds.map((userId) => ({ userId, role: 'MEMBER' as const })),
          async () => undefined,
        );
        return id;
      },
      dispose: keep,
    };
  });
}
