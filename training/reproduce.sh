#!/usr/bin/env bash
# Reproduces models/xdai-glm-small and its int8 build models/xdai-glm-small-int8 (the service's default) from the
# data, in the three stages it was trained in on two CPU cores, then quantises:
#   stage 1: 105 minutes from random weights (peak lr 1.5e-3), not exported;
#   stage 2: 72 minutes more from stage 1's weights (a second cosine schedule, peak lr 6e-4), not exported;
#   stage 3: 72 minutes more from stage 2's weights (a third schedule, the same settings, seed 9), exported to models/;
#   int8:    training/quantize_onnx.py writes models/xdai-glm-small-int8 from the exported model.
# With --stage4, a fourth stage follows stage 3 and is exported to training/runs/stage4/model (not models/): 65 minutes
# with the stage-4 mixture (--mixture stage4), peak lr 5e-4, seed 10. It was trained and not shipped (training/README.md:
# val_corpus 3.99 -> 3.91, val_kdconv 2.85 -> 2.88).
# Other extra arguments (e.g. --data DIR, --threads N) go to every stage. Training is time-boxed, so on a GPU the same
# command sees far more tokens in the same time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY="${PYTHON:-/usr/bin/python3}"
stage4=0; args=()
for a in "$@"; do if [ "$a" = --stage4 ]; then stage4=1; else args+=("$a"); fi; done
set -- ${args[@]+"${args[@]}"}
"$PY" training/train.py --config shipped --run-dir training/runs/stage1 --no-export "$@"
"$PY" training/train.py --config shipped --init training/runs/stage1/ckpt.pt --lr 6e-4 --minutes 72 --seed 8 \
  --run-dir training/runs/stage2 --no-export "$@"
"$PY" training/train.py --config shipped --init training/runs/stage2/ckpt.pt --lr 6e-4 --minutes 72 --seed 9 \
  --run-dir training/runs/stage3 "$@"
"$PY" training/quantize_onnx.py models/xdai-glm-small models/xdai-glm-small-int8
if [ "$stage4" = 1 ]; then
  "$PY" training/train.py --config shipped --mixture stage4 --init training/runs/stage3/ckpt.pt --lr 5e-4 --minutes 65 \
    --seed 10 --run-dir training/runs/stage4 --out training/runs/stage4/model "$@"
  "$PY" training/quantize_onnx.py training/runs/stage4/model training/runs/stage4/model-int8
fi
