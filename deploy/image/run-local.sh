#!/usr/bin/env bash
# Runs one service from the image built by build-local.sh where no container runtime works (the project's
# build machine refuses crun's cgroup and rlimit set-up): the image's filesystem under chroot, in a PID
# namespace of its own so tini is PID 1, as uid 1000, with the image's environment. Run as root.
#   deploy/image/run-local.sh claims PORT=18181 DATABASE_URL=postgres://postgres@127.0.0.1:5432/hc_try_claims BUS_NAMESPACE=try
# Extra arguments are VAR=value settings for the service. Ctrl-C or SIGTERM to this script stops it: the
# signal goes to tini, which forwards it to the service (a graceful drain).
set -euo pipefail
service="${1:?usage: run-local.sh <service> [VAR=value ...]}"
shift
rootfs="${BUILD_LOCAL_DIR:-/tmp/healthclaims-image}/run-rootfs"
rm -rf "$rootfs" && mkdir -p "$rootfs"
container="$(podman create localhost/healthclaims:0.1.0)"
podman export "$container" | tar -x -C "$rootfs"
podman rm "$container" >/dev/null
unshare --pid --fork --kill-child=SIGTERM --mount-proc="$rootfs/proc" \
  chroot --userspec=1000:1000 "$rootfs" /usr/bin/env -i \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin NODE_ENV=production PORT=8080 \
  SERVICE="$service" "$@" \
  sh -c 'cd /app && exec /usr/bin/tini -- /usr/local/bin/start-service' &
outer=$!
# unshare itself does not pass signals on: send them to its child, tini (PID 1 inside).
stop() { pkill -TERM -P "$outer" || true; }
trap stop TERM INT
while kill -0 "$outer" 2>/dev/null; do wait "$outer" || true; done
