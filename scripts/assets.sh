#!/usr/bin/env bash
# The console's browser assets: htmx, Vega, Vega-Lite, vega-embed and Swagger UI, installed from
# the npm registry at the versions package-lock.json pins, then copied into the package's static
# folder (git-ignored) so that they are served locally: nothing is fetched from a CDN at run time.
# Runs `npm ci` only when the lock file changed since the last copy.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=src/corridor/console/static/vendor
stamp=$dest/.lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$dest/htmx.min.js" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is missing: scripts/system-deps.sh installs it" >&2; exit 1
fi
echo "installing console assets from the npm registry (package-lock.json)"
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
mkdir -p "$dest/swagger-ui"
cp node_modules/htmx.org/dist/htmx.min.js "$dest/"
cp node_modules/vega/build/vega.min.js "$dest/"
cp node_modules/vega-lite/build/vega-lite.min.js "$dest/"
cp node_modules/vega-embed/build/vega-embed.min.js "$dest/"
for f in swagger-ui-bundle.js swagger-ui.css favicon-32x32.png; do
  cp "node_modules/swagger-ui-dist/$f" "$dest/swagger-ui/"
done
for pkg in htmx.org vega vega-lite vega-embed swagger-ui-dist; do
  node -e "const p=require('./node_modules/$pkg/package.json');console.log(p.name+' '+p.version+' '+(p.license||''))"
done > "$dest/VERSIONS.txt"
echo "$want" > "$stamp"
