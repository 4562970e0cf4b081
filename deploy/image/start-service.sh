#!/bin/sh
# The container's command under tini: the service named by SERVICE, started as `npm start` starts it
# (telemetry preloaded before Nest), or the command given as arguments (a job, the development chain).
set -eu
if [ "$#" -gt 0 ]; then
  exec "$@"
fi
case "${SERVICE:-}" in
  gateway | claims | underwriting | billing | fraud | ledger-bridge) ;;
  *)
    echo "SERVICE must be one of gateway, claims, underwriting, billing, fraud, ledger-bridge; got \"${SERVICE:-}\"" >&2
    exit 64
    ;;
esac
exec node --import ./dist/libs/observability/src/preload.js "./dist/services/${SERVICE}/src/main.js"
