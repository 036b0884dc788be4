#!/usr/bin/env bash
# The Docker part of CI (.ci/run calls it; run it as root on a Debian machine):
#   1. installs docker.io, debootstrap and docker-compose from Debian when missing;
#   2. starts its own dockerd (own socket, data root and containerd namespace; no bridge, no
#      iptables: every container here uses the host network) unless `docker info` already works,
#      and stops it at the end by its PID;
#   3. makes sure node:24-slim and postgres:17 exist (scripts/docker-bases.sh: stand-ins from Debian
#      packages where Docker Hub cannot be reached);
#   4. builds the image (jasque:ci) and prints its size;
#   5. runs test/docker/*.test.ts with JASQUE_DOCKER_REQUIRED=1, so a missing engine or image fails
#      instead of skipping, and ends with the test runner's summary.
# Env: JASQUE_DOCKER_DATA (the engine's data root, default /var/lib/jasque-ci-docker: kept between
# runs as a cache of base images and layers; delete it for a cold run).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/sbin:/sbin"
started=$(date +%s)
elapsed() { echo "$(($(date +%s) - started)) s"; }

echo "== docker: Debian packages"
packages=()
command -v dockerd >/dev/null 2>&1 || packages+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || packages+=(debootstrap)
command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1 || packages+=(docker-compose)
if [ "${#packages[@]}" -gt 0 ]; then
  echo "installing ${packages[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}" >/dev/null
fi

echo "== docker: engine"
state=/run/jasque-ci-docker
dockerd_pid=
stop_engine() {
  local status=$?
  if [ -n "$dockerd_pid" ]; then
    echo "== docker: stopping dockerd (pid $dockerd_pid)"
    kill -TERM "$dockerd_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$dockerd_pid" 2>/dev/null || true
    wait "$dockerd_pid" 2>/dev/null || true
    # dockerd leaves the host network namespace bind-mounted in its exec root.
    umount "$state/exec/netns/default" 2>/dev/null || true
  fi
  echo "== docker: done in $(elapsed)"
  exit "$status"
}
trap stop_engine EXIT
if docker info >/dev/null 2>&1; then
  echo "using the running engine${DOCKER_HOST:+ at $DOCKER_HOST}"
else
  mkdir -p "$state"
  export DOCKER_HOST="unix://$state/docker.sock"
  dockerd --host "$DOCKER_HOST" --pidfile "$state/dockerd.pid" --exec-root "$state/exec" \
    --data-root "${JASQUE_DOCKER_DATA:-/var/lib/jasque-ci-docker}" \
    --bridge none --iptables=false --ip6tables=false --ip-masq=false \
    --containerd-namespace jasque-ci --containerd-plugins-namespace jasque-ci-plugins \
    >"$state/dockerd.log" 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { tail -n 30 "$state/dockerd.log" >&2; exit 1; }
  echo "dockerd $(docker version --format '{{.Server.Version}}') started (pid $dockerd_pid)"
fi

echo "== docker: base images"
scripts/docker-bases.sh

echo "== docker: build jasque:ci"
build_started=$(date +%s)
previous=$(docker image inspect --format '{{.Id}}' jasque:ci 2>/dev/null || true)
docker build --network host --quiet --tag jasque:ci . >/dev/null
# The previous build would pile up, untagged, in the kept data root. (No `image prune`: it would
# also drop the untagged build and deps stages that the next build reuses as its cache.)
if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect --format '{{.Id}}' jasque:ci)" ]; then
  docker image rm "$previous" >/dev/null 2>&1 || true
fi
echo "built in $(($(date +%s) - build_started)) s; image size: $(docker image inspect --format '{{.Size}}' jasque:ci | awk '{printf "%.0f MB", $1 / 1e6}')"

echo "== docker: tests (test/docker)"
JASQUE_DOCKER_IMAGE=jasque:ci JASQUE_DOCKER_REQUIRED=1 \
  node --test --test-concurrency=1 "test/docker/*.test.ts"
