# One image for every Inlet service: docker-compose.yml picks each service's bin with `command:`.
# Kafka and PostgreSQL run in their own containers, so no Java or database here.
FROM node:20-bookworm-slim

# Everything under /app belongs to the unprivileged `node` user: the demo site builds its pages
# on first start, and ./data holds each service's spool, local log and state (a new named volume
# mounted there takes this owner).
RUN mkdir -p /app/data && chown -R node:node /app
WORKDIR /app
USER node

# What `npm ci` needs, copied first so the dependency layer is rebuilt only when these change:
# the lockfile, every workspace's package.json (npm ci refuses a lockfile whose workspaces are
# missing) and patches/ (the postinstall's patch-package applies them).
COPY --chown=node:node package.json package-lock.json ./
COPY --chown=node:node patches/ patches/
COPY --chown=node:node schemas/package.json schemas/
COPY --chown=node:node streams/package.json streams/
COPY --chown=node:node sdk-core/package.json sdk-core/
COPY --chown=node:node sdk-web/package.json sdk-web/
COPY --chown=node:node sdk-node/package.json sdk-node/
COPY --chown=node:node gateway/package.json gateway/
COPY --chown=node:node collectors/package.json collectors/
COPY --chown=node:node simulators/package.json simulators/
COPY --chown=node:node processor/package.json processor/
COPY --chown=node:node demo-site/package.json demo-site/
COPY --chown=node:node bench/package.json bench/
COPY --chown=node:node scripts/package.json scripts/
RUN npm ci --no-audit --no-fund && npm cache clean --force

COPY --chown=node:node . .

# The bins run their TypeScript through tsx (no build step).
ENV PATH=/app/node_modules/.bin:$PATH

CMD ["inlet-gateway", "--help"]
