-- Up Migration

-- Usage figures per UTC day: counters every node adds to, and peaks (the larger value is kept).
CREATE TABLE analytics_daily (
  day date NOT NULL,
  metric text NOT NULL,
  value double precision NOT NULL,
  PRIMARY KEY (day, metric)
);

-- Users active on a day, each once: distinct counts stay right across nodes.
CREATE TABLE analytics_active_users (
  day date NOT NULL,
  user_id uuid NOT NULL,
  PRIMARY KEY (day, user_id)
);

-- Each node's open connections as last reported; nodes not heard from lately are left out.
CREATE TABLE analytics_nodes (
  node_id text PRIMARY KEY,
  connections integer NOT NULL,
  seen_at timestamptz NOT NULL
);

-- Down Migration
DROP TABLE analytics_nodes;
DROP TABLE analytics_active_users;
DROP TABLE analytics_daily;
