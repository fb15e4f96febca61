import { Redis } from 'ioredis';
import type { ChosenStatus } from '@parley/core';
import type { PresenceRecord, PresenceStore } from '@parley/core';

/** Options of {@link createRedisPresenceStore}. */
export interface RedisPresenceStoreOptions {
  url: string;
  /** Key prefix, so several deployments (or test suites) can share one Redis. @default 'parley:presence:' */
  prefix?: string;
  onError?: (err: Error) => void;
}

// Keys: `<p>exp` sorted set of `userId|connectionId` by expiry (ms); `<p>c:<userId>` set of the
// user's live connection ids; `<p>u:<userId>` hash with m (chosen status), t (status text),
// a (last active ms), l (last seen ms), p (last published signature).

const DISCONNECT = `
local removed = redis.call('SREM', KEYS[2], ARGV[2])
redis.call('ZREM', KEYS[1], ARGV[3])
if removed == 1 and redis.call('SCARD', KEYS[2]) == 0 then
  redis.call('HSET', KEYS[3], 'l', ARGV[1])
  return 1
end
return 0`;

// The common case is one ZADD: expiry times move, nothing is added. Members a sweep removed
// meanwhile (ZADD counts them as added) get their set entries back.
const REFRESH = `
local p = ARGV[1]
local n = tonumber(ARGV[3])
local added = 0
if n > 0 then
  local args = {}
  for i = 1, n do
    args[#args + 1] = ARGV[2]
    args[#args + 1] = ARGV[3 + i]
  end
  added = redis.call('ZADD', p .. 'exp', unpack(args))
  if added > 0 then
    for i = 1, n do
      local m = ARGV[3 + i]
      local sep = string.find(m, '|', 1, true)
      redis.call('SADD', p .. 'c:' .. string.sub(m, 1, sep - 1), string.sub(m, sep + 1))
    end
  end
end
local i = 4 + n
while i < #ARGV do
  local key = p .. 'u:' .. ARGV[i]
  local at = tonumber(ARGV[i + 1])
  local cur = tonumber(redis.call('HGET', key, 'a') or '0')
  if at > cur then redis.call('HSET', key, 'a', ARGV[i + 1]) end
  i = i + 2
end
return added`;

const SWEEP = `
local p = ARGV[1]
local expired = redis.call('ZRANGEBYSCORE', p .. 'exp', '-inf', ARGV[2], 'LIMIT', 0, 1000)
local gone = {}
for _, m in ipairs(expired) do
  redis.call('ZREM', p .. 'exp', m)
  local sep = string.find(m, '|', 1, true)
  local user = string.sub(m, 1, sep - 1)
  local key = p .. 'c:' .. user
  if redis.call('SREM', key, string.sub(m, sep + 1)) == 1 and redis.call('SCARD', key) == 0 then
    redis.call('HSET', p .. 'u:' .. user, 'l', ARGV[2])
    gone[#gone + 1] = user
  end
end
return gone`;

const SWAP = `
if redis.call('HGET', KEYS[1], 'p') == ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'p', ARGV[1])
return 1`;

const CHUNK = 2000;

/**
 * {@link PresenceStore} in Redis, shared by every node. A node's heartbeat is one script call that
 * moves its connections' expiry times; any node's sweep removes expired connections atomically, so
 * each user who lost their last connection is reported by exactly one node.
 */
export async function createRedisPresenceStore(o: RedisPresenceStoreOptions): Promise<PresenceStore> {
  const p = o.prefix ?? 'parley:presence:';
  const redis = new Redis(o.url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
  redis.on('error', o.onError ?? (() => undefined));
  redis.defineCommand('presenceDisconnect', { numberOfKeys: 3, lua: DISCONNECT });
  redis.defineCommand('presenceRefresh', { numberOfKeys: 0, lua: REFRESH });
  redis.defineCommand('presenceSweep', { numberOfKeys: 0, lua: SWEEP });
  redis.defineCommand('presenceSwap', { numberOfKeys: 1, lua: SWAP });
  const r = redis as Redis & Record<string, (...args: (string | number)[]) => Promise<unknown>>;
  const member = (userId: string, connectionId: string) => `${userId}|${connectionId}`;

  return {
    async connect(c, now, expiresAt, seed) {
      const m = redis.multi();
      m.zadd(`${p}exp`, expiresAt, member(c.userId, c.connectionId));
      m.sadd(`${p}c:${c.userId}`, c.connectionId);
      m.hset(`${p}u:${c.userId}`, 'a', now);
      if (seed.chosenStatus) m.hset(`${p}u:${c.userId}`, 'm', seed.chosenStatus);
      else m.hdel(`${p}u:${c.userId}`, 'm');
      if (seed.statusText) m.hset(`${p}u:${c.userId}`, 't', seed.statusText);
      else m.hdel(`${p}u:${c.userId}`, 't');
      await m.exec();
    },
    async disconnect(c, now) {
      const res = await r['presenceDisconnect']!(
        `${p}exp`,
        `${p}c:${c.userId}`,
        `${p}u:${c.userId}`,
        now,
        c.connectionId,
        member(c.userId, c.connectionId),
      );
      return res === 1;
    },
    async refresh(connections, expiresAt, active) {
      const calls: Promise<unknown>[] = [];
      for (let i = 0; i < Math.max(connections.length, active.length); i += CHUNK) {
        const conns = connections.slice(i, i + CHUNK);
        const acts = active.slice(i, i + CHUNK);
        calls.push(
          r['presenceRefresh']!(
            p,
            expiresAt,
            conns.length,
            ...conns.map((c) => member(c.userId, c.connectionId)),
            ...acts.flatMap((a) => [a.userId, a.at]),
          ),
        );
      }
      await Promise.all(calls);
    },
    async sweep(now) {
      const gone: string[] = [];
      for (;;) {
        const batch = (await r['presenceSweep']!(p, now)) as string[];
        gone.push(...batch);
        if (batch.length < 1000) return gone;
      }
    },
    async get(userIds) {
      const out = new Map<string, PresenceRecord>();
      if (userIds.length === 0) return out;
      const pipe = redis.pipeline();
      for (const id of userIds) {
        pipe.hmget(`${p}u:${id}`, 'm', 't', 'a', 'l');
        pipe.scard(`${p}c:${id}`);
      }
      const res = (await pipe.exec()) ?? [];
      userIds.forEach((id, i) => {
        const [err1, fields] = res[2 * i] ?? [];
        const [err2, count] = res[2 * i + 1] ?? [];
        if (err1 || err2) throw err1 ?? err2;
        const [m, t, a, l] = fields as (string | null)[];
        if (m == null && t == null && a == null && l == null && !count) return;
        out.set(id, {
          connections: Number(count ?? 0),
          chosenStatus: (m as ChosenStatus | null) ?? null,
          statusText: t ?? null,
          lastActiveAt: a ? Number(a) : null,
          lastSeenAt: l ? Number(l) : null,
        });
      });
      return out;
    },
    async setChosenStatus(userId, status, statusText) {
      const m = redis.multi();
      if (status) m.hset(`${p}u:${userId}`, 'm', status);
      else m.hdel(`${p}u:${userId}`, 'm');
      if (statusText) m.hset(`${p}u:${userId}`, 't', statusText);
      else m.hdel(`${p}u:${userId}`, 't');
      await m.exec();
    },
    async swapPublished(userId, signature) {
      return (await r['presenceSwap']!(`${p}u:${userId}`, signature)) === 1;
    },
    async setFocus(userId, clientId, focus) {
      const key = `${p}f:${userId}`;
      if (!focus) {
        await redis.hdel(key, clientId);
        return;
      }
      // The hash outlives its newest entry by a little, so users who left leave nothing behind.
      await redis
        .multi()
        .hset(key, clientId, `${focus.expiresAt}|${focus.conversationId ?? ''}`)
        .pexpire(key, Math.max(1, focus.expiresAt - Date.now()) + 60_000)
        .exec();
    },
    async focused(userIds, now) {
      const out = new Map<string, (string | null)[]>();
      if (userIds.length === 0) return out;
      const pipe = redis.pipeline();
      for (const id of userIds) pipe.hgetall(`${p}f:${id}`);
      const res = (await pipe.exec()) ?? [];
      userIds.forEach((id, i) => {
        const [err, fields] = res[i] ?? [];
        if (err || !fields) return;
        const live = Object.values(fields as Record<string, string>)
          .map((v) => v.split('|'))
          .filter(([exp]) => Number(exp) > now)
          .map(([, c]) => (c ? c : null));
        if (live.length > 0) out.set(id, live);
      });
      return out;
    },
    async dispose() {
      redis.disconnect();
    },
  };
}
