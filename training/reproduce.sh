#!/usr/bin/env bash
# Reproduces models/xdai-glm-small from the data, in the two stages it was trained in on two CPU cores:
#   stage 1: 105 minutes from random weights (peak lr 1.5e-3), not exported;
#   stage 2: 72 minutes more from stage 1's weights (a second cosine schedule, peak lr 6e-4), exported to models/.
# Extra arguments (e.g. --data DIR, --threads N) go to both stages. Training is time-boxed, so on a GPU the same
# command sees far more tokens in the same time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY="${PYTHON:-/usr/bin/python3}"
"$PY" training/train.py --config shipped --run-dir training/runs/stage1 --no-export "$@"
"$PY" training/train.py --config shipped --init training/runs/stage1/ckpt.pt --lr 6e-4 --minutes 72 --seed 8 \
  --run-dir training/runs/stage2 "$@"
