#!/usr/bin/env bash
# Builds the image on a machine that cannot pull base images (no registry but npm's and Debian's) and has no
# Docker engine, as the project's build machine: the base `node:20.20.2-bookworm-slim` is stood in for by a
# Debian bookworm minbase (debootstrap, Debian's packages) with this machine's Node.js and npm, then podman
# builds the Dockerfile unchanged with chroot isolation (no OCI runtime needed). Run as root from the repo.
# The stand-in base carries this machine's CA bundle, so npm works behind a TLS-inspecting proxy; it is a
# local tool image, not for a registry: push images built from the real base.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${BUILD_LOCAL_DIR:-/tmp/healthclaims-image}"
base=localhost/node:20.20.2-bookworm-slim

command -v debootstrap >/dev/null || apt-get install -y --no-install-recommends debootstrap
command -v podman >/dev/null || apt-get install -y --no-install-recommends podman
[ "$(node -v)" = v20.20.2 ] || echo "note: this machine's Node is $(node -v); the stand-in base gets that version" >&2

if ! podman image exists "$base"; then
  rootfs="$work/rootfs"
  [ -e "$rootfs/etc/debian_version" ] || debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian
  cp "$(command -v node)" "$rootfs/usr/local/bin/node"
  mkdir -p "$rootfs/usr/local/lib/node_modules" "$rootfs/usr/local/etc" "$rootfs/etc/ssl/certs"
  rm -rf "$rootfs/usr/local/lib/node_modules/npm"
  cp -a "$(npm root -g)/npm" "$rootfs/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
  echo 'cafile=/etc/ssl/certs/ca-certificates.crt' >"$rootfs/usr/local/etc/npmrc"
  # The official image's user: uid and gid 1000, named node.
  chroot "$rootfs" sh -c 'getent passwd node >/dev/null || (groupadd -g 1000 node && useradd -u 1000 -g node -m node)'
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb
  tar -C "$rootfs" -c . | podman import - "$base"
fi

podman build --isolation=chroot --network=host --build-arg NODE_IMAGE="$base" \
  --build-arg REVISION="$(git rev-parse HEAD)" -t localhost/healthclaims:0.1.0 .
podman image ls localhost/healthclaims
