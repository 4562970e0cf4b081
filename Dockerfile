# One image for every service of the platform. SERVICE (build argument, also an environment variable the
# deployment may override) picks which one the container runs: gateway, claims, underwriting, billing,
# fraud or ledger-bridge. Arguments after the image replace the service, e.g. the stream provisioning
# job's `node dist/scripts/provision-streams.js`; tini stays PID 1 either way.
#   docker build --build-arg VERSION=0.1.0 --build-arg REVISION=$(git rev-parse HEAD) -t healthclaims:0.1.0 .
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Compiles the contracts (solc-js, no download) and the TypeScript.
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE=gateway
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="healthclaims" \
      org.opencontainers.image.description="Health-insurance claims platform: one image, every service (SERVICE)" \
      org.opencontainers.image.source="https://github.com/healthclaims/healthclaims" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="Apache-2.0"
# tini as PID 1: forwards SIGTERM to node (graceful drain of consumers and the outbox relay) and reaps.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    PORT=8080
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
# Read at run time: contract artifacts (ABI, bytecode), the shipped reference tables, the dev chain config.
COPY --from=build /src/services/ledger-bridge/contracts/artifacts ./services/ledger-bridge/contracts/artifacts
COPY libs/reference-data/data ./libs/reference-data/data
COPY services/ledger-bridge/chain/hardhat.config.cjs ./services/ledger-bridge/chain/hardhat.config.cjs
COPY deploy/image/start-service.sh /usr/local/bin/start-service
# The image's `node` user (uid 1000), by number so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 8080
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/start-service"]
