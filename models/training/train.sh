#!/usr/bin/env bash
# The shipped recipe (npm run train:classifier): one run of train.py — the MobileNetV2 start from nsfwjs@4.4.0
# (fetched with npm pack, checked against its integrity), per-image colour standardisation, all robustness
# augmentations, outlier exposure, the convolutions under bfloat16, and a source adversary on the segmented
# neutrophils of both labs (the Matek ones' training split trained on; their val and test images held out) — for at
# most 80 minutes of training, then selection, calibration, the unfamiliar rule, test, export to models/classifier/
# (or --out) and the card. On a CPU without AVX-512 BF16, pass --precision fp32 (slower steps, fewer epochs).
# Extra flags go to train.py, e.g. `--resume` after an interruption.
set -euo pipefail
cd "$(dirname "$0")/../.."
for a in "$@"; do
  if [ "$a" = "--smoke" ]; then
    echo "train.sh runs the full recipe; for a smoke run use: /usr/bin/python3 models/training/train.py --smoke --out DIR" >&2
    exit 2
  fi
done
exec /usr/bin/python3 models/training/train.py --name shipped --budget-minutes 80 --precision bf16 --source-adversary 0.5 --lab-neutral auto "$@"
