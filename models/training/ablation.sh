#!/usr/bin/env bash
# The recipe's ablation: the shipped recipe, and the same with one thing changed, each trained for the same short
# wall-time budget from the same seed, then selected, calibrated, tested and exported as usual, and run through the
# robustness benchmark. Equal budgets keep the arms comparable; they are far shorter than the shipped 80 minutes,
# so the figures rank the measures, they are not the shipped model's.
#
#   npm run ablate:classifier                        # every arm, ABLATION_MINUTES (default 12) of training each
#   npm run ablate:classifier -- baseline scratch    # only these arms
#   /usr/bin/python3 models/training/ablation_table.py   # the table, from runs/abl-*/
#
# Arms already finished are skipped and an interrupted one resumes, so it can be run again after a stop.
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes="${ABLATION_MINUTES:-12}"
per_class="${ABLATION_PER_CLASS:-20}"
all=(baseline random scratch no-augmentation imagenet-blocks no-colour-standardisation no-framing no-stain-illumination
     no-source-adversary no-outlier-exposure)
arms=("$@")
[ ${#arms[@]} -eq 0 ] && arms=("${all[@]}")
every="framing,stain,illumination,resolution,jpeg,focus,noise"

flags_for() {
  case "$1" in
    baseline) echo "" ;;
    random) echo "--start random" ;;
    scratch) echo "--start scratch" ;;
    imagenet-blocks) echo "--start imagenet-blocks" ;;
    no-augmentation) echo "--measures=" ;;
    no-colour-standardisation) echo "--no-colour-standardisation" ;;
    no-framing) echo "--measures=${every/framing,/}" ;;
    no-stain-illumination) echo "--measures=framing,resolution,jpeg,focus,noise" ;;
    no-source-adversary) echo "--source-adversary 0" ;;
    no-outlier-exposure) echo "--outliers 0" ;;
    *) echo "unknown arm: $1 (arms: ${all[*]})" >&2; return 2 ;;
  esac
}

runs=models/training/runs
for arm in "${arms[@]}"; do
  flags=$(flags_for "$arm")
  dir="$runs/abl-$arm"
  if [ ! -f "$dir/model/card.json" ]; then
    resume=""
    [ -f "$dir/last.pt" ] && resume="--resume"
    echo "== $arm: training $minutes min ($flags) $resume"
    # shellcheck disable=SC2086
    /usr/bin/python3 models/training/train.py --name "abl-$arm" --out "$dir/model" --budget-minutes "$minutes" \
      --precision bf16 --source-adversary 0.5 --views 1 $flags $resume
  fi
  if [ ! -f "$dir/robustness.json" ]; then
    echo "== $arm: robustness benchmark ($per_class a class)"
    npx --no-install tsx scripts/eval-robustness.ts --model "$dir/model" --per-class "$per_class" --out "$dir/robustness.json"
  fi
done
/usr/bin/python3 models/training/ablation_table.py
