#!/bin/sh
# The xdai container's entrypoint: `xdai <command> [options]` as ./xdai runs it (serve, graph-server, keys, import, ...),
# on the JVM of the image, with the image as the project root.
#
# Secrets are files (Compose secrets, Kubernetes secret volumes): for each VAR below, VAR_FILE names a file whose
# content becomes VAR, so no secret has to sit in the environment of the container's definition. For graph-server, the
# graph password is written to the data directory's password file when there is none yet: the server reads it there
# (it generates one otherwise), so the replicas and the server share the one secret.
set -eu

for var in XDAI_GRAPH_PASSWORD XDAI_MODEL_REMOTE_API_KEY; do
  eval "file=\${${var}_FILE:-}"
  if [ -n "$file" ]; then
    [ -r "$file" ] || { echo "xdai: ${var}_FILE=$file is not a readable file" >&2; exit 2; }
    value=$(cat "$file")
    export "$var=$value"
    unset "${var}_FILE"
  fi
done

if [ "${1:-}" = graph-server ] && [ -n "${XDAI_GRAPH_PASSWORD:-}" ]; then
  data="$XDAI_DATA_DIR/graph"
  previous=""
  for arg in "$@"; do
    [ "$previous" = --data ] && data="$arg"
    previous="$arg"
  done
  if [ ! -e "$data/password" ]; then
    mkdir -p "$data"
    (umask 077 && printf '%s\n' "$XDAI_GRAPH_PASSWORD" > "$data/password")
  fi
fi

ROOT=/opt/xdai
# shellcheck disable=SC2086 # XDAI_JAVA_OPTS is a list of options
exec java ${XDAI_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
  -Dxdai-project.root="$ROOT" -jar "$ROOT/app/target/quarkus-app/quarkus-run.jar" "$@"
