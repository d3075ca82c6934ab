#!/usr/bin/env bash
# Installs what deploy/tools/check_manifests.py uses, from PyPI and Debian's packages only, into
# one directory outside the work tree (default: ${TMPDIR:-/tmp}/eorder-deploy-tools, or $1), then
# prints how to run the checks. Idempotent: a second run installs nothing new.
#
#   bash deploy/tools/install-validators.sh && /tmp/eorder-deploy-tools/bin/check-deploy
#
# - PyYAML, kubernetes-validate (Kubernetes API schemas, offline), check-jsonschema (compose-spec)
#   into a virtualenv;
# - promtool, extracted from Debian's prometheus package without installing the server;
# - Debian's docker-compose when no compose is installed (system-wide, as root);
# - kustomize rendering comes from kubectl (present on the project's machines) or kustomize, not here.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
prefix="${1:-${TMPDIR:-/tmp}/eorder-deploy-tools}"

if [ ! -x "$prefix/bin/python" ]; then
  python3 -m venv "$prefix"
fi
"$prefix/bin/pip" install --quiet --disable-pip-version-check \
  'pyyaml>=6' 'kubernetes-validate>=1.30' 'check-jsonschema>=0.29'

if ! command -v promtool >/dev/null && [ ! -x "$prefix/bin/promtool" ]; then
  if command -v apt-get >/dev/null; then
    work="$(mktemp -d)"
    (cd "$work" && apt-get download prometheus >/dev/null 2>&1 || { apt-get update -qq && apt-get download prometheus; })
    dpkg -x "$work"/prometheus_*.deb "$work/root"
    cp "$work/root/usr/bin/promtool" "$prefix/bin/promtool"
    rm -rf "$work"
  else
    echo "install-validators: no apt-get; promtool checks will be skipped" >&2
  fi
fi

# `config -q` on the compose files needs a compose. Without Docker's own plugin, Debian's
# docker-compose (1.29, enough to parse and validate them) from the distribution, as root only and
# without its recommended Docker engine.
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq --no-install-recommends docker-compose >/dev/null 2>&1 \
      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends docker-compose >/dev/null; }
  else
    echo "install-validators: no compose and no root apt-get; compose config checks will be skipped" >&2
  fi
fi

cat >"$prefix/bin/check-deploy" <<EOF
#!/usr/bin/env bash
# Runs deploy/tools/check_manifests.py with the tools of this directory first on PATH.
PATH="$prefix/bin:\$PATH" exec "$prefix/bin/python" "$root/deploy/tools/check_manifests.py" "\$@"
EOF
chmod +x "$prefix/bin/check-deploy"
echo "install-validators: run $prefix/bin/check-deploy"
