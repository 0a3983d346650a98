#!/usr/bin/env bash
# The one test command (`npm test`, run by .ci/run): type check, lint (eslint, prettier, flake8), unit tests, Python checks
# (split parity, smoke runs of the classifier training with export and parity and of the generator training), the question bank, a production
# build, and the browser tests in Debian's chromium. Every stage runs; the last line sums them.
set -uo pipefail
cd "$(dirname "$0")/.."
out=test-results
mkdir -p "$out"
bash scripts/ensure-system.sh || { echo "total: 0 passed, 1 failed"; exit 1; }
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund || { echo "npm ci failed: package.json and package-lock.json must agree (run npm install and commit the lock file)"; echo "total: 0 passed, 1 failed"; exit 1; }
fi

failed_stages=()
stage() { # name, command...
	local name=$1; shift
	echo; echo "=== $name"
	local t0=$SECONDS
	if "$@"; then echo "--- $name ok ($((SECONDS - t0)) s)"; else echo "--- $name FAILED ($((SECONDS - t0)) s)"; failed_stages+=("$name"); fi
}

# Two cores: a light stage runs beside another (its output is printed when both are done), to keep
# the whole run inside CI's 15 minutes; with two Playwright workers a fresh-clone CI took 11.7 min (17.5 with one, in a slower phase).
side_log="$out/side-stages.log"
side_failed="$out/side-failed.txt"
run_side() { # function: runs its stages in the background
	( failed_stages=(); "$@"; printf '%s\n' "${failed_stages[@]}" > "$side_failed" ) > "$side_log" 2>&1 &
	side_pid=$!
}
join_side() {
	wait "$side_pid"
	cat "$side_log"
	local name
	while read -r name; do [ -n "$name" ] && failed_stages+=("$name"); done < "$side_failed"
}
continue_generator() {
	/usr/bin/python3 models/generator/train.py --smoke --init-from "$out/smoke-generator/generator.pt" --d-warmup 6 \
		--channels 8,8,8,8,8 --out "$out/smoke-generator-continued" &&
		/usr/bin/python3 models/generator/tests/same_generator.py "$out/smoke-generator/generator.pt" "$out/smoke-generator-continued/generator.pt"
}
lint_stage() { stage lint npm run --silent lint; }
python_stages() {
	stage split-parity /usr/bin/python3 models/training/test_split.py
	stage python-tests /usr/bin/python3 -m pytest -q -p no:cacheprovider models/training/tests models/generator/tests --junitxml="$out/python.xml"
	stage training-smoke /usr/bin/python3 models/training/train.py --smoke --lab-neutral 16 --out "$out/smoke-model"
	stage training-smoke-adversary /usr/bin/python3 models/training/train.py --smoke --source-adversary 0.5 --adversary-k 2 --out "$out/smoke-model-adversary"
	stage generator-smoke /usr/bin/python3 models/generator/train.py --smoke --snapshot-minutes 0.0001 --out "$out/smoke-generator"
	# a snapshot after every step here: the last one is the generator the run ends with
	stage generator-snapshots /usr/bin/python3 models/generator/tests/same_generator.py \
		"$out/smoke-generator/snapshots/step-000006/generator.pt" "$out/smoke-generator/generator.pt"
	# a resumed run keeps the checkpoint's network, whatever widths the command line gives
	stage generator-resume /usr/bin/python3 models/generator/train.py --smoke --resume --channels 8,8,8,8,8 --out "$out/smoke-generator"
	# a run continued from a shipped generator.pt takes its widths from the file and leaves it untouched while the new
	# discriminator warms up (all 6 smoke steps here)
	stage generator-continue continue_generator
}

run_side lint_stage
stage types npm run --silent check
join_side
run_side python_stages
stage unit npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$out/unit.json"
join_side
stage bank npm run --silent bank
stage build npx --no-install vite build --logLevel warn
PLAYWRIGHT_JSON_OUTPUT_NAME="$out/e2e.json" stage e2e npx --no-install playwright test --reporter=list,json

node scripts/test-summary.mjs "$out" "${failed_stages[@]}"
