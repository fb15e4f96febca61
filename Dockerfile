# One Parley API node: the compiled server, which also serves the built PWA and API explorer. With
# DATABASE_URL and REDIS_URL it runs a worker per core (WORKERS). See docker-compose.yml for two nodes.

# Build stage: every dependency, then the PWA, the explorer and the server bundle.
FROM node:24-bookworm-slim AS build
WORKDIR /app
# Manifests first, so the dependency layer is reused when only sources change.
COPY package.json package-lock.json .npmrc ./
COPY core/package.json core/
COPY schema/package.json schema/
COPY resolvers/package.json resolvers/
COPY server/package.json server/
COPY client-vue/package.json client-vue/
COPY bench/package.json bench/
COPY explorer/package.json explorer/
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime stage: the root's production dependencies (what the server bundle imports) and built output.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    DATA_DIR=/data
COPY --from=build /app/package.json /app/package-lock.json /app/.npmrc ./
# server/package.json also makes server/dist ES modules.
COPY --from=build /app/server/package.json server/
# The web apps' dependencies are built into their bundles; the server's workspaces into its own.
# The MongoDB emulator is an optional dependency for the tests only: it has no place in the image.
RUN npm ci --omit=dev --workspaces=false --no-audit --no-fund \
    && rm -rf node_modules/@jongodb \
    && npm cache clean --force \
    && mkdir -p /data \
    && chown node:node /data
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/server/migrations server/migrations
COPY --from=build /app/client-vue/dist client-vue/dist
COPY --from=build /app/explorer/dist explorer/dist

USER node
EXPOSE 4000
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is the container's first process, so `docker stop`'s SIGTERM reaches the server (and every worker).
CMD ["node", "server/dist/main.js"]
