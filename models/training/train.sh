#!/usr/bin/env bash
# The shipped recipe, two runs, 100 min of training in all on 2 CPU cores:
#   stage 1: from scratch at 160 px for 80 min (runs/stage1/), training only;
#   stage 2: continues from stage 1's EMA weights for 19.5 min with a fresh, lower LR cycle (1e-3), less
#            weight decay (0.01) and half-strength colour/blur/noise augmentation (the model underfits), then
#            selects, calibrates, tests and exports to models/classifier/ (or --out).
# Extra flags go to both stages, e.g. `--resume` after an interruption (a finished stage 1 is not redone).
set -euo pipefail
cd "$(dirname "$0")/../.."
for a in "$@"; do
  if [ "$a" = "--smoke" ]; then
    echo "train.sh runs the full recipe; for a smoke run use: /usr/bin/python3 models/training/train_classifier.py --smoke --out DIR" >&2
    exit 2
  fi
done
PY=/usr/bin/python3
TRAIN=models/training/train_classifier.py
"$PY" "$TRAIN" --name stage1 --size 160 --budget-minutes 80 --train-only "$@"
"$PY" "$TRAIN" --name stage2 --init stage1 --size 160 --lr 1e-3 --wd 0.01 --aug-strength 0.5 --budget-minutes 19.5 "$@"
