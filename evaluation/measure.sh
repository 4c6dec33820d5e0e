#!/usr/bin/env bash
# Measures what docs/results.md reports and rewrites that page (and docs/img/*.png) from the saved results.
#
#   evaluation/measure.sh                 everything: eval runs, benchmarks, JMH, then the page
#   evaluation/measure.sh eval bench      only some parts (calibrate, answer, eval, ablations, bench, standalone, load,
#                                         jmh), then the page; calibrate rewrites the shipped answer calibration, answer
#                                         is the first runs of eval (quoted answers, the reranker)
#   evaluation/measure.sh page            only rewrite the page from evaluation/results/*.json
#
# Each run's last output line (its --json object) is saved as evaluation/results/<name>.json; a run that fails
# leaves the previous file alone. `load` needs a running service: XDAI_URL (default http://127.0.0.1:8080).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$ROOT/evaluation/results"
mkdir -p "$RESULTS"
cd "$ROOT" # relative paths in the recorded commands
. "$ROOT/.mvn/jdk.sh" # the Maven steps below need a JDK >= 21 too
parts=("$@"); [ ${#parts[@]} -eq 0 ] && parts=(eval bench standalone jmh)
STANDALONE=("$ROOT/mvnw" -B -q -f "$ROOT/evaluation/pom.xml" -Pbench compile exec:java)
failed=0

save() { # save NAME COMMAND...: runs the command, keeps its last line if it is a JSON object
  local name="$1"; shift
  local tmp; tmp="$(mktemp)"
  echo "measure: $*" >&2
  if "$@" > "$tmp" && tail -n1 "$tmp" | grep -q '^{.*}$'; then
    tail -n1 "$tmp" > "$RESULTS/$name.json"
  else
    echo "measure: FAILED ($name); keeping any earlier result" >&2
    failed=1
  fi
  rm -f "$tmp"
}

for part in "${parts[@]}"; do
  case "$part" in
    calibrate) # the answer confidence and the reply ranking, fitted on the conversations the model was trained on, never the held-out ones
      TRAIN="$(mktemp -d)"
      /usr/bin/python3 training/write_heldout.py --split train --out "$TRAIN" >&2 || { failed=1; continue; }
      "$ROOT/xdai" eval kdconv --data "$TRAIN" --mode retrieved --samples 100000 --dump "$TRAIN/dump.jsonl" >&2 || { failed=1; continue; }
      save answer-calibration "$ROOT/xdai" eval calibrate --dump "$TRAIN/dump.jsonl" \
        --write dialogue/src/main/resources/dev/xdai/dialogue/answer/answer-confidence.properties --json
      # the chit-chat reply ranking: candidate features of 600 turns of the same conversations, then the fit
      "$ROOT/xdai" eval rerank --data "$TRAIN" --samples 600 --seed 7 --dump "$TRAIN/rerank.jsonl" >&2 || { failed=1; continue; }
      "$ROOT/xdai" eval rerank --fit "$TRAIN/rerank.jsonl" \
        --write dialogue/src/main/resources/dev/xdai/dialogue/rank/reply-rank.properties >&2 || failed=1
      rm -rf "$TRAIN" ;;
    answer|eval) # all 354 held-out samples, as the service answers (quoted answers, the guard), then the model alone
      H=(--data training/heldout)
      DUMP="$(mktemp)"
      save eval-retrieved-all "$ROOT/xdai" eval kdconv "${H[@]}" --mode retrieved --samples 400 --dump "$DUMP" --json
      save answer-curve-heldout "$ROOT/xdai" eval calibrate --curve --dump "$DUMP" --json
      rm -f "$DUMP"
      save eval-retrieved-all-no-quote "$ROOT/xdai" eval kdconv "${H[@]}" --mode retrieved --samples 400 --no-quote --json
      save eval-retrieved-all-model-alone "$ROOT/xdai" eval kdconv "${H[@]}" --mode retrieved --samples 400 --no-quote --no-guard --json
      save eval-oracle-all "$ROOT/xdai" eval kdconv "${H[@]}" --mode oracle --samples 400 --json
      save eval-oracle-all-no-quote "$ROOT/xdai" eval kdconv "${H[@]}" --mode oracle --samples 400 --no-quote --json
      save rerank-heldout "$ROOT/xdai" eval rerank "${H[@]}" --json
      [ "$part" = answer ] && continue
      # model quality on the held-out conversations (never trained on); knowledge recall on all of KdConv dev too
      save eval-oracle "$ROOT/xdai" eval kdconv "${H[@]}" --mode oracle --samples 200 --json
      # the model's own greedy choices, as the reference probe was measured
      save eval-oracle-no-copy-bias "$ROOT/xdai" eval kdconv "${H[@]}" --mode oracle --samples 200 --no-copy-bias --json
      save eval-none "$ROOT/xdai" eval kdconv "${H[@]}" --mode none --samples 200 --json
      # as users get it: the service's sampling (temperature, top-k, penalties), seeded per sample
      save eval-oracle-sampling "$ROOT/xdai" eval kdconv "${H[@]}" --mode oracle --samples 200 --sampling --json
      save eval-none-sampling "$ROOT/xdai" eval kdconv "${H[@]}" --mode none --samples 200 --sampling --json
      save eval-retrieved "$ROOT/xdai" eval kdconv "${H[@]}" --mode retrieved --samples 200 --json
      save eval-retrieved-dev "$ROOT/xdai" eval kdconv --mode retrieved --json
      save eval-retrieved-100 "$ROOT/xdai" eval kdconv "${H[@]}" --mode retrieved --samples 100 --json
      save eval-retrieved-100-inverse-prompting "$ROOT/xdai" eval kdconv "${H[@]}" --mode retrieved --samples 100 --inverse-prompting --json ;;
    ablations)
      for switch in no-history-selection no-knowledge no-background inverse-prompting no-persona relevance-order \
          no-copy-bias; do
        save "eval-retrieved-$switch" "$ROOT/xdai" eval kdconv --data training/heldout --mode retrieved --samples 200 "--$switch" --json
      done ;;
    bench) # needs the app's live components
      save bench-pipeline "$ROOT/xdai" bench pipeline --json
      # steady state: the graph server's JIT warm, a pause between a session's turns as a person would leave
      save bench-pipeline-steady "$ROOT/xdai" bench pipeline --warmup 600 --turns 600 --pause-ms 100 --json
      save bench-import "$ROOT/xdai" bench import --json ;;
    standalone) # builds what it measures (decode: the embedded model in models/): runs without the app
      save bench-retrieval "${STANDALONE[@]}" "-Dbench.args=retrieval --qa 1000,10000,100000 --json"
      save bench-embed "${STANDALONE[@]}" "-Dbench.args=embed --json"
      save bench-decode "${STANDALONE[@]}" "-Dbench.args=decode --json" ;;
    load)
      save bench-load "$ROOT/xdai" bench load --url "${XDAI_URL:-http://127.0.0.1:8080}" --sessions 4 --seconds 30 --json ;;
    jmh)
      (cd "$ROOT" && ./mvnw -B -q -f evaluation/pom.xml -Pjmh test-compile exec:exec) || { echo "measure: FAILED (jmh)" >&2; failed=1; } ;;
    page) ;;
    *) echo "measure: unknown part '$part' (calibrate, answer, eval, ablations, bench, standalone, load, jmh, page)" >&2; exit 2 ;;
  esac
done

(cd "$ROOT" && ./mvnw -B -q -f evaluation/pom.xml -Presults compile exec:java) || exit 1
exit "$failed"
