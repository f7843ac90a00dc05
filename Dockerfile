# syntax=docker/dockerfile:1
# One image for the gateway (the default command) and the worker
# (`node dist/apps/worker/src/main.js`). Nothing is downloaded at start-up: the Prisma client is
# generated at build time and migrations are applied at start through the WebAssembly schema
# engine bundled in node_modules, so the image runs in air-gapped clusters.

FROM node:24-slim AS build
WORKDIR /app
ENV CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
# Dependencies first, so they stay cached while the sources change; postinstall generates the
# Prisma client from prisma/schema.prisma.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build --silent \
  && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:24-slim
ENV NODE_ENV=production \
    CONFIG_FILE_PATH=/app/config.yaml \
    SWITCHYARD_DATA_DIR=/app/.switchyard/pglite \
    PORT=4000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY config.yaml ./config.yaml
# The embedded database (no DATABASE_URL) and the spend spool (Redis down) live under /app/.switchyard.
RUN mkdir -p /app/.switchyard && chown node:node /app/.switchyard
USER node
EXPOSE 4000 9091
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health/liveness').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/gateway/src/main.js"]
