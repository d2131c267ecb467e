#!/usr/bin/env bash
# flopcast plan check for any CI system (the GitHub Actions version is flopcast-plan-check.yml beside this file).
#
#   BASE_REF=origin/main infra/ci/flopcast-plan-check.sh [PATHS...]
#
# Runs `flopcast diff` between the merge-base of BASE_REF and HEAD, prints the table to the job log, writes the
# PR-comment markdown to $COMMENT_FILE (default flopcast-comment.md; it starts with the hidden marker
# <!-- flopcast-plan-check --> so a bot can find and update its previous comment) and, when COMMENT_CMD is set,
# runs it with the markdown file as its only argument (e.g. a script calling your code host's API).
#
# Environment:
#   BASE_REF       ref to compare against (default origin/main); must be fetched (no shallow clone)
#   HEAD_REF       ref with the changes (default HEAD)
#   FLOPCAST       how to run flopcast (default "npx flopcast")
#   FLOPCAST_API   optional API URL (--api); FLOPCAST_API_KEY is passed through by flopcast itself
#   FLOPCAST_CONFIG optional budget file (--config); default flopcast.yml in the working directory
#   COMMENT_FILE   where the markdown goes (default flopcast-comment.md)
#   COMMENT_CMD    optional command to post the comment
#
# Exit code: flopcast's — 0 ok, 1 a budget rule is broken, 2 usage error / invalid plan or config, 3 internal error.
set -uo pipefail

base_ref="${BASE_REF:-origin/main}"
head_ref="${HEAD_REF:-HEAD}"
comment_file="${COMMENT_FILE:-flopcast-comment.md}"
read -r -a flopcast <<<"${FLOPCAST:-npx flopcast}"

args=(diff --base-ref "$base_ref" --head-ref "$head_ref")
[ -n "${FLOPCAST_API:-}" ] && args+=(--api "$FLOPCAST_API")
[ -n "${FLOPCAST_CONFIG:-}" ] && args+=(--config "$FLOPCAST_CONFIG")
args+=("$@")

if ! git rev-parse --verify --quiet "${base_ref}^{commit}" >/dev/null; then
  echo "flopcast-plan-check: base ref '$base_ref' is not available; fetch it first (git fetch origin <branch>, no --depth=1)" >&2
  exit 2
fi

# Human-readable table in the log (exit code checked from the markdown run below).
NO_COLOR="${NO_COLOR:-1}" "${flopcast[@]}" "${args[@]}" --format table
"${flopcast[@]}" "${args[@]}" --format markdown >"$comment_file"
code=$?

if [ "$code" -ge 2 ]; then
  echo "flopcast-plan-check: flopcast failed with exit code $code (2 = bad input, 3 = internal error)" >&2
  exit "$code"
fi

if [ -n "${COMMENT_CMD:-}" ]; then
  # shellcheck disable=SC2086
  $COMMENT_CMD "$comment_file" || echo "flopcast-plan-check: posting the comment failed (continuing)" >&2
fi

if [ "$code" -eq 1 ]; then
  echo "flopcast-plan-check: a budget rule is broken (see $comment_file)" >&2
fi
exit "$code"
