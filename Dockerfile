# One Parley API node (it also serves the built PWA). See docker-compose.yml for a two-node setup.
FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    DATA_DIR=/data

# Manifests first, so dependency layers are reused when only sources change.
COPY package.json package-lock.json .npmrc ./
COPY core/package.json core/
COPY schema/package.json schema/
COPY resolvers/package.json resolvers/
COPY server/package.json server/
COPY client-vue/package.json client-vue/
COPY bench/package.json bench/
COPY explorer/package.json explorer/
# Dev dependencies are needed to build the PWA and the API explorer.
RUN npm ci --include=dev --no-audit --no-fund

COPY . .
RUN npm run build \
    && mkdir -p /data \
    && chown node:node /data

USER node
EXPOSE 4000
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "start"]
