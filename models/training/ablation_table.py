"""The ablation table: one row per arm of `ablation.sh` (runs/abl-<arm>/), from the card each arm's run wrote and its
robustness report. Prints markdown; --json writes the same figures.

    /usr/bin/python3 models/training/ablation_table.py [--runs models/training/runs] [--json out.json]
"""
import argparse
import json
import math
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
# the order ablation.sh runs them in; arms it does not know come after, by name
ORDER = ("baseline", "random", "scratch", "no-augmentation", "imagenet-blocks", "no-colour-standardisation", "no-framing",
         "no-stain-illumination", "no-source-adversary", "no-outlier-exposure")


def arm_row(run: pathlib.Path) -> dict | None:
    """The figures of one arm, or None while it has no card and robustness report yet."""
    card_path, rob_path = run / "model" / "card.json", run / "robustness.json"
    if not (card_path.exists() and rob_path.exists()):
        return None
    card = json.loads(card_path.read_text())
    rob = json.loads(rob_path.read_text())
    ev = card["evaluation"]
    shifts = [s for s in rob["shifts"] if s["id"] != "none"]
    scanned = next(s for s in rob["shifts"] if s["id"] == "none")
    worst = min(shifts, key=lambda s: s["macro_f1"])
    mat = ev.get("matek_neutrophils") or {}
    probe = ev.get("source_probe") or {}
    non = rob.get("non_cells") or {}
    return dict(
        arm=run.name.removeprefix("abl-"),
        epochs=card["training"]["epochs"],
        minutes=round(card["training"]["seconds"] / 60, 1),
        val_accuracy=ev["val"]["accuracy"], val_macro_f1=ev["val"]["macro_f1"],
        test_accuracy=ev["test"]["accuracy"], test_macro_f1=ev["test"]["macro_f1"],
        attributes=ev["test"]["mean_attribute_accuracy"], ece=ev["test"]["ece"],
        scanned_macro_f1=scanned["macro_f1"],
        mean_shift_macro_f1=sum(s["macro_f1"] for s in shifts) / len(shifts),
        worst_shift_macro_f1=worst["macro_f1"], worst_shift=worst["id"],
        most_false_myeloblast=max(s["false_myeloblast"] for s in shifts),
        most_false_myeloblast_shift=max(shifts, key=lambda s: s["false_myeloblast"])["id"],
        matek_neutrophils=(mat.get("as_neutrophil"), mat.get("n")),
        source_probe=probe.get("accuracy"),
        non_cells_flagged=(non.get("flagged") if non.get("n") else None),
        per_shift={s["id"]: s["macro_f1"] for s in rob["shifts"]},
    )


def pct(x) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:.1f}%"


def table(rows: list[dict]) -> str:
    head = ("| arm | epochs | val acc | test acc | test macro-F1 | attributes | ECE | mean F1 over shifts | worst shift F1 "
            "| largest drop from as scanned | most non-blasts → blast | Munich neutrophils → neutrophil | source probe "
            "| non-cells flagged |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        got, n = r["matek_neutrophils"]
        lines.append(
            f"| {r['arm']} | {r['epochs']} | {pct(r['val_accuracy'])} | {pct(r['test_accuracy'])} | "
            f"{r['test_macro_f1']:.3f} | {pct(r['attributes'])} | {r['ece']:.3f} | {pct(r['mean_shift_macro_f1'])} | "
            f"{pct(r['worst_shift_macro_f1'])} ({r['worst_shift']}) | "
            f"{100 * (r['scanned_macro_f1'] - r['worst_shift_macro_f1']):.1f} pt | {pct(r['most_false_myeloblast'])} | "
            f"{'–' if n is None else f'{got}/{n}'} | {pct(r['source_probe'])} | {pct(r['non_cells_flagged'])} |")
    shift_ids = list(rows[0]["per_shift"]) if rows else []
    lines += ["", "macro-F1 per shift:", "",
              "| arm | " + " | ".join(shift_ids) + " |", "|---|" + "---|" * len(shift_ids)]
    for r in rows:
        lines.append(f"| {r['arm']} | " + " | ".join(pct(r["per_shift"].get(s)) for s in shift_ids) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", default=str(HERE / "runs"))
    ap.add_argument("--json", default="")
    args = ap.parse_args(argv)
    runs = sorted(pathlib.Path(args.runs).glob("abl-*"),
                  key=lambda p: (ORDER.index(p.name[4:]) if p.name[4:] in ORDER else len(ORDER), p.name))
    read = {p.name: arm_row(p) for p in runs}  # each arm's card and report read once
    rows = [r for r in read.values() if r is not None]
    pending = [name for name, r in read.items() if r is None]
    if not rows:
        print(f"no finished arm under {args.runs} (run npm run ablate:classifier)", file=sys.stderr)
        return 1
    print(table(rows))
    if pending:
        print(f"\nnot finished yet: {', '.join(pending)}")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
