#!/usr/bin/env bash
# Reproduces models/xdai-glm-small and its int8 build models/xdai-glm-small-int8 (the service's default) from the
# data, in the stages it was trained in on two CPU cores, then quantises:
#   stage 1: 105 minutes from random weights (peak lr 1.5e-3), not exported;
#   stage 2: 72 minutes more from stage 1's weights (a second cosine schedule, peak lr 6e-4), not exported;
#   stage 3: 72 minutes more from stage 2's weights (a third schedule, the same settings, seed 9), not exported;
#   stage 4: 65 minutes more from stage 3's weights with the stage-4 mixture (--mixture stage4: KdConv down to 0.28,
#            quoted answers and curated medical answers, more plain dialogue), peak lr 5e-4, seed 10, exported to models/;
#   int8:    training/quantize_onnx.py writes models/xdai-glm-small-int8 from the exported model.
# Until stage 4 is evaluated and shipped, models/ holds stage 3 (MODEL_CARD.md): to rebuild that one, stop after stage 3
# and run `training/export_onnx.py training/runs/stage3/ckpt.pt models/xdai-glm-small 400`, then quantise.
# Extra arguments (e.g. --data DIR, --threads N) go to every stage. Training is time-boxed, so on a GPU the same
# command sees far more tokens in the same time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY="${PYTHON:-/usr/bin/python3}"
"$PY" training/train.py --config shipped --run-dir training/runs/stage1 --no-export "$@"
"$PY" training/train.py --config shipped --init training/runs/stage1/ckpt.pt --lr 6e-4 --minutes 72 --seed 8 \
  --run-dir training/runs/stage2 --no-export "$@"
"$PY" training/train.py --config shipped --init training/runs/stage2/ckpt.pt --lr 6e-4 --minutes 72 --seed 9 \
  --run-dir training/runs/stage3 --no-export "$@"
"$PY" training/train.py --config shipped --mixture stage4 --init training/runs/stage3/ckpt.pt --lr 5e-4 --minutes 65 \
  --seed 10 --run-dir training/runs/stage4 "$@"
"$PY" training/quantize_onnx.py models/xdai-glm-small models/xdai-glm-small-int8
