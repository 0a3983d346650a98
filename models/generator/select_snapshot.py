"""Choose one of a training run's snapshots on the val split (npm run select:generator -- <run folder>).

`train.py --snapshot-minutes N` writes the EMA generator every N minutes to <run>/snapshots/step-<step>/; the end of
the run is <run>/generator.pt. One run's snapshots differ per class as much as separate runs do (run v12 at 100 and
120 minutes: myelocytes 3.8x / 6.5x their floors, then 11.1x / 9.5x), so the snapshot to ship is chosen, not taken
from the end, and chosen without the test images: each candidate is measured against the val split
(`evaluate.py --split val`, its card written as card-val.json beside the generator, reused when already there), the
bank's gate (make_bank.passes_gate, its default thresholds) is applied to each class's val figures, and

  the candidate with the most classes through the gate on val wins; ties go to the smaller geometric mean, over the
  twelve classes, of the worse of the two yardsticks' distance-to-floor ratios.

The test split then measures only the chosen one (`npm run eval:generator -- --generator <chosen>`); the bank's gate
asks a class to pass on that test card and on the chosen snapshot's card-val.json (copied beside the shipped
generator). Prints a table of every candidate; writes <run>/selection.json.
"""
from __future__ import annotations

import argparse
import json
import math
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import evaluate  # noqa: E402
from make_bank import GATE, passes_gate  # noqa: E402


def worst_ratio(m: dict) -> float:
    """The worse of the class's two distance-to-floor ratios (one when the card has no second yardstick)."""
    ratios = [m["frechet"] / max(m["frechet_real_floor"], 1e-9)]
    if "frechet_second" in m:
        ratios.append(m["frechet_second"] / max(m["frechet_second_floor"], 1e-9))
    return max(ratios)


def summarise(card: dict, gate: dict = GATE) -> dict:
    """One candidate's val card reduced to what the choice reads: the classes through the gate and the geometric mean
    of the classes' worst ratios."""
    per = card["per_class"]
    passing = [c for c, m in per.items() if passes_gate(m, **gate)]
    ratios = {c: round(worst_ratio(m), 2) for c, m in per.items()}
    gmean = math.exp(sum(math.log(r) for r in ratios.values()) / len(ratios)) if ratios else float("inf")
    return {"passing": passing, "worst_ratio": ratios, "geometric_mean_ratio": round(gmean, 3),
            "agreement": {c: m["classifier_agreement"] for c, m in per.items()}}


def choose(summaries: dict[str, dict]) -> str:
    """The candidate with the most classes through the gate; ties to the smaller geometric mean ratio, then the name
    (so the choice never depends on the order the folders were listed in)."""
    if not summaries:
        raise ValueError("no candidates to choose from")
    return min(summaries, key=lambda k: (-len(summaries[k]["passing"]), summaries[k]["geometric_mean_ratio"], k))


def candidates(run: pathlib.Path, min_steps: int = 0) -> dict[str, pathlib.Path]:
    """The run's generators: each snapshot with at least min_steps steps, and the end of the run."""
    found = {}
    for p in sorted((run / "snapshots").glob("step-*/generator.pt")):
        if int(p.parent.name.split("-")[1]) >= min_steps:
            found[p.parent.name] = p
    end = run / "generator.pt"
    if end.exists():
        weights = end.read_bytes()
        if not any(p.read_bytes() == weights for p in found.values()):
            found["end"] = end  # unless the last snapshot was written at the very end
    return found


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run", help="the run's --out folder (holds generator.pt and snapshots/)")
    ap.add_argument("--min-steps", type=int, default=0, help="leave out snapshots with fewer steps (saves ~3 min each)")
    ap.add_argument("--train-limit", type=int, default=300, help="passed to evaluate.py (training images per class)")
    ap.add_argument("--data", default=str(evaluate.GD.DATA))
    args = ap.parse_args(argv)
    run = pathlib.Path(args.run)
    found = candidates(run, args.min_steps)
    if not found:
        sys.exit(f"No generator in {run} (generator.pt or snapshots/step-*/generator.pt): train with --snapshot-minutes.")
    summaries = {}
    for name, gen in found.items():
        card_path = gen.parent / "card-val.json"
        if not card_path.exists():
            print(f"== {name}: measuring on val", flush=True)
            evaluate.main(["--generator", str(gen), "--split", "val", "--out", str(card_path),
                           "--train-limit", str(args.train_limit), "--data", args.data])
        card = json.loads(card_path.read_text())
        if card["yardstick"].get("compared_split") != "val":
            sys.exit(f"{card_path} was not measured on val")
        summaries[name] = summarise(card)
    chosen = choose(summaries)
    classes = list(next(iter(summaries.values()))["worst_ratio"])
    print(f"\n{'class':22s}" + "".join(f"{n:>13s}" for n in summaries))
    for c in classes:
        cells = []
        for s in summaries.values():
            mark = "*" if c in s["passing"] else " "
            cells.append(f"{s['worst_ratio'][c]:7.1f}x {100 * s['agreement'][c]:3.0f}{mark}".rjust(13))
        print(f"{c:22s}" + "".join(cells))
    print(f"{'passing (val)':22s}" + "".join(f"{len(s['passing']):>13d}" for s in summaries.values()))
    print(f"{'geometric mean ratio':22s}" + "".join(f"{s['geometric_mean_ratio']:>13.2f}" for s in summaries.values()))
    print("(each cell: the worse yardstick's distance / floor, agreement %; * through the gate)")
    best_per_class = {c: min(summaries, key=lambda k: summaries[k]["worst_ratio"][c]) for c in classes}
    out = {"chosen": chosen, "generator": str(found[chosen]), "rule": __doc__.split("\n\n")[2].strip(),
           "gate": GATE, "candidates": summaries, "best_snapshot_per_class": best_per_class}
    (run / "selection.json").write_text(json.dumps(out, indent=1) + "\n")
    print(f"chosen: {chosen} ({found[chosen]}), {len(summaries[chosen]['passing'])} classes through the gate on val: "
          f"{', '.join(summaries[chosen]['passing']) or 'none'}; wrote {run / 'selection.json'}")


if __name__ == "__main__":
    main()
