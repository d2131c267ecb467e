#!/usr/bin/env bash
# Deploys the flopcast API to Cloudflare Workers, after migrating the Neon database.
#
#   DATABASE_URL='postgres://user:pass@ep-xxx.eu-central-1.aws.neon.tech/flopcast?sslmode=require' \
#   CLOUDFLARE_API_TOKEN=… infra/scripts/deploy.sh [--dry-run]
#
# 1. npm run db:migrate      applies the drizzle migrations in db/drizzle to DATABASE_URL (idempotent)
# 2. wrangler deploy         uploads the Worker described by infra/wrangler.toml
# The Worker reads DATABASE_URL from its own secret store: set it once with
#   npx wrangler secret put DATABASE_URL -c infra/wrangler.toml
# --dry-run skips the migration and bundles the Worker into infra/dist-worker without uploading.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

dry_run=0
for arg in "$@"; do
  case "$arg" in
    --dry-run) dry_run=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "deploy.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

export WRANGLER_SEND_METRICS=false

if [ "$dry_run" = 1 ]; then
  # wrangler bundles the workspace packages from source ([alias] in wrangler.toml): no build needed.
  exec npx wrangler deploy -c infra/wrangler.toml --dry-run --outdir infra/dist-worker
fi

if [ -z "${DATABASE_URL:-}" ]; then
  echo "deploy.sh: DATABASE_URL is not set — refusing to deploy without migrating the database first." >&2
  echo "           export DATABASE_URL='postgres://…neon.tech/…?sslmode=require' and run again." >&2
  exit 2
fi
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "deploy.sh: DATABASE_URL must be a postgres:// connection string" >&2; exit 2 ;;
esac

echo "==> building the migration tool (@flopcast/db and the engine it seeds from)"
npx turbo run build --filter=@flopcast/db

echo "==> migrating the database (npm run db:migrate)"
npm run db:migrate

echo "==> deploying the Worker (wrangler deploy -c infra/wrangler.toml)"
npx wrangler deploy -c infra/wrangler.toml

echo "==> done. Remember: npx wrangler secret put DATABASE_URL -c infra/wrangler.toml (once per environment)."
