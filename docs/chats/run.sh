#!/usr/bin/env bash
# Replays docs/chats/script.txt against a running service and writes the chats verbatim as Markdown (stdout).
#   ./xdai serve &   then   docs/chats/run.sh [URL] > docs/chats/chats.md
# A chat starts at a '# <bot>' line; each following line is one user turn; a blank line ends it.
set -euo pipefail
URL="${1:-http://localhost:8080}"
SCRIPT="$(dirname "$0")/script.txt"
echo "# Chats, verbatim"
echo
echo "Replayed by \`docs/chats/run.sh\` against \`./xdai serve\` on $(date -u +%Y-%m-%d) (embedded model, shipped personas and packs)."
echo "Each reply is followed by its mode (quoted / generated / unknown / fallback) and, for a quoted reply, the knowledge it quotes."
n=0; session=""
while IFS= read -r line || [ -n "$line" ]; do
  if [[ "$line" == "# "* ]]; then
    bot="${line#\# }"; n=$((n + 1))
    session=$(curl -sf -XPOST "$URL/api/sessions" -H 'content-type: application/json' -d "$(jq -cn --arg b "$bot" '{bot:$b}')")
    id=$(jq -r .id <<<"$session")
    printf '\n## %d. %s\n\n' "$n" "$bot"
    printf -- '- **%s**: %s\n' "$bot" "$(jq -r .greeting <<<"$session")"
  elif [[ -z "$line" ]]; then
    continue
  else
    turn=$(curl -sf -XPOST "$URL/api/sessions/$id/turns" -H 'content-type: application/json' -d "$(jq -cn --arg t "$line" '{text:$t}')")
    printf -- '- **user**: %s\n' "$line"
    printf -- '- **%s**: %s  _(%s%s)_\n' "$bot" "$(jq -r .reply <<<"$turn")" "$(jq -r '.grounding.mode | ascii_downcase' <<<"$turn")" \
      "$(jq -r '[.grounding.quoted[] | "\(.id), confidence \(.confidence)"] | if length > 0 then ": " + join("; ") else "" end' <<<"$turn")"
  fi
done < "$SCRIPT"
