"""Render models/classifier/README.md (the human model card) from models/classifier/card.json.

    /usr/bin/python3 models/training/write_model_readme.py [card.json] [README.md]
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def unfamiliar_words(unf):
    """The card's unfamiliar rule in one clause."""
    parts = {"mahalanobis": "the tied-covariance Mahalanobis distance of the neck features to the nearest class mean "
                            "(divided by the dimension)",
             "energy": "the energy -logsumexp(class logits)",
             "msp": "minus the largest class probability (the network was trained with outlier exposure)"}
    if unf["method"] == "mahalanobis-tied":
        return parts["mahalanobis"]
    comps = unf.get("components", [])
    said = " and ".join(parts[k] for k in comps)
    return said + (", each standardised on augmented val cells, the larger taken" if len(comps) > 1 else
                   ", standardised on augmented val cells")


def pct(x):
    return f"{100 * x:.1f}%"


def main():
    card_path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "models" / "classifier" / "card.json"
    out_path = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else card_path.parent / "README.md"
    c = json.loads(card_path.read_text())
    ev, tr, inp = c["evaluation"], c["training"], c["input"]
    val, test = ev["val"], ev["test"]
    held = ev["matek_neutrophils"]
    probe = ev.get("source_probe")
    unf = c.get("unfamiliar")
    rob = None
    adversary = next((st["source_adversary"] for st in tr.get("stages", []) if st.get("source_adversary")), None)
    held_words = " (val and test splits, not trained on)" if adversary else " (held out of training)"
    rob_path = card_path.parent / "robustness.json"
    if rob_path.exists():
        rob = json.loads(rob_path.read_text())
    targets = [
        ("accuracy (12 classes)", pct(test["accuracy"]), pct(val["accuracy"]), "≥ 94%", test["accuracy"] >= 0.94),
        ("macro-F1", f"{test['macro_f1']:.3f}", f"{val['macro_f1']:.3f}", "≥ 0.93", test["macro_f1"] >= 0.93),
        ("mean attribute accuracy (11 WBCAtt)", pct(test.get("mean_attribute_accuracy", 0)),
         pct(val.get("mean_attribute_accuracy", 0)), "≥ 94%", test.get("mean_attribute_accuracy", 0) >= 0.94),
        ("ECE (15 bins, after temperature)", f"{test['ece']:.3f}", f"{val['ece']:.3f}", "≤ 0.05", test["ece"] <= 0.05),
        ("Matek segmented neutrophils → band/segmented" + (held_words if held.get("held_out") else ""),
         f"{pct(held['rate'])} ({held['as_neutrophil']}/{held['n']})", "", "≥ 95%", held["rate"] >= 0.95),
        ("ONNX size", f"{c['model_bytes'] / 1e6:.1f} MB", "", "≤ 15 MB", c["model_bytes"] <= 15e6),
    ]
    if rob:
        worst = min(rob["shifts"], key=lambda r: r["macro_f1"])
        blast = max(r["false_myeloblast"] for r in rob["shifts"])
        targets += [
            (f"robustness: worst macro-F1 over {len(rob['shifts'])} shifts ({worst['id']})", pct(worst["macro_f1"]), "", "≥ 85%",
             worst["macro_f1"] >= 0.85),
            ("robustness: largest share of non-blasts called myeloblast", pct(blast), "", "≤ 2%", blast <= 0.02),
        ]
        if rob.get("non_cells"):
            targets.append(("pictures that are not white cells, flagged unfamiliar", pct(rob["non_cells"]["flagged"]), "",
                            "≥ 95%", rob["non_cells"]["flagged"] >= 0.95))
    lines = [
        "# Leukodex white-blood-cell classifier",
        "",
        f"`model.onnx` ({c['model_bytes'] / 1e6:.1f} MB) + `card.json` (the machine-readable card, validated by "
        "`src/lib/classifier/card.ts`). Generated from the card by `models/training/write_model_readme.py`.",
        "",
        "**Courseware aid, not a diagnostic device.** It suggests a cell class and morphology attributes to help "
        "learners practise; it must not be used to diagnose or to report on patient samples.",
        "",
        "## Data and split",
        "",
        "- **PBC** (Acevedo et al. 2020, CC BY 4.0): normal-donor peripheral blood, CellaVision DM96, May–Grünwald–Giemsa, "
        "320×320 crops; with **WBCAtt** morphology attributes (Tsutsui et al. 2023, MIT) for the mature WBC types.",
        "- **Matek AML** (Matek et al. 2019, CC BY-NC 4.0): myeloblasts and same-stain segmented neutrophils, other lab/scanner/stain."
        + ((" The Matek neutrophils of the training split are trained on, against a source adversary (below); those of the "
            "val and test splits are held out of training and selection: they test whether the model learnt the cell or the lab."
            if adversary else
            " The Matek neutrophils are held out of training and selection: they test whether the model learnt the cell or the lab.")
           if held.get("held_out") else ""),
        "- Split: deterministic hash split shared with the app (`models/training/split.py`, 70/15/15 train/val/test). "
        "Trained on train only; epoch selection and temperature on val; all numbers below are on test "
        "(the app drills only on test images).",
        "",
        "| split | " + " | ".join(c["classes"]) + " |",
        "|---|" + "---|" * len(c["classes"]),
    ]
    for sp in ("train", "val", "test"):
        lines.append(f"| {sp} | " + " | ".join(str(tr["counts"][sp].get(k, 0)) for k in c["classes"]) + " |")
    lines += [
        "",
        "## Model",
        "",
        f"- {c['architecture']}.",
        f"- Input: {inp['size']}×{inp['size']} RGB, NCHW float32, centre-square crop, area resize, "
        f"x = (pixel/255 − {inp['mean']}) / {inp['std']} (`models/training/preprocess.py`).",
        (f"- Pretrained start: {c['pretrained']['package']}@{c['pretrained']['version']} ({c['pretrained']['licence']}; "
         f"{c['pretrained']['blocks']} blocks), used only to initialise training, never loaded by the app: "
         f"{c['pretrained']['description']}" if c.get("pretrained") else "- No pretrained weights: trained from random initialisation."),
        f"- Outputs: `{c['outputs']['class_probs']}` [N, {len(c['classes'])}] = softmax(logits / T), "
        f"T = {c['temperature']:.3f}; `{c['outputs']['attribute_probs']}` [N, "
        f"{sum(len(a['values']) for a in c['attributes'])}] = per-attribute softmax blocks in card order.",
        f"- Training: {tr['epochs']} epochs, {tr['seconds'] / 60:.0f} min on 2 shared CPU cores, seed {tr['seed']}"
        + (", in stages, each continuing from the previous one with a fresh LR cycle: "
           + ", then ".join(f"{st['epochs']} epochs / {st['seconds'] / 60:.0f} min at {st['size']} px"
                            + (f" (augmentation strength {st['aug_strength']:g})" if st.get("aug_strength", 1) != 1 else "")
                            for st in tr["stages"]) if len(tr.get("stages", [])) > 1 else "")
        + ". "
        "Augmentation: " + "; ".join(tr["augmentation"]) + ".",
        "- Command: `npm run train:classifier` (see `models/training/README.md`).",
        "",
        *([f"- Unfamiliar images: `{c['outputs'].get('unfamiliar_score')}` [N] is " + unfamiliar_words(unf)
           + f"; above {unf['threshold']:.2f} (the {unf['quantile']:.1%} quantile over augmented val cells) the app "
           f"shows no answer. Val flagged {pct(unf['val_flagged'])}, augmented val {pct(unf['val_augmented_flagged'])}, "
           f"random noise {pct(unf['noise_flagged'])}"
           + (f", generated non-cell pictures {pct(unf['generated_non_cells_flagged'])} of {unf.get('generated_non_cells')}"
              if 'generated_non_cells_flagged' in unf else "") + "."]
          if unf else []),
        *([f"- Source probe: a logistic regression on the neck features (as the heads read them) tells PBC from Matek "
           f"segmented neutrophils with {pct(probe['accuracy'])} cross-validated accuracy on {probe['n']} images (chance 50%)"
           + (f"; without the lab-neutral map, on the same images, {pct(ev['without_lab_neutral']['source_probe'])}"
              if ev.get("without_lab_neutral") else "") + "."] if probe else []),
        *([f"- Source adversary (`classifier/adversary.py`): every training step adds {adversary['per_lab']} of "
           f"{adversary['pbc_images']} PBC and {adversary['per_lab']} of {adversary['matek_images']} Matek training-split "
           f"segmented neutrophils; a small head on the neck learns which lab each came from, and a gradient-reversal layer "
           f"(weight {adversary['weight']:g}, DANN's ramp) trains the network to defeat it. The head is not exported."]
          if adversary else []),
        *([f"- Lab-neutral neck (`classifier/neutral.py`): the neck's top {ln['components']} principal directions (of "
           f"{ln.get('cell_images')} training cells) kept and, inside them, the mean difference between "
           f"{ln['fit_images']['pbc']} PBC and {ln['fit_images']['matek']} Matek training-split segmented neutrophils "
           f"erased; one affine layer before the heads. The Matek neutrophils it was fitted on are not counted as held "
           f"out: the held-out figures use the other {held['n']} (without the map: "
           f"{ev['without_lab_neutral']['matek_neutrophils']['as_neutrophil']}/{ev['without_lab_neutral']['matek_neutrophils']['n']} "
           f"called neutrophils)."] if (ln := ev.get("lab_neutral")) and ln.get("components") and ev.get("without_lab_neutral") else []),
        "",
        "## Results (test split)",
        "",
        "| metric | test | val | target | met |",
        "|---|---|---|---|---|",
    ]
    for name, t, v, goal, ok in targets:
        lines.append(f"| {name} | {t} | {v} | {goal} | {'yes' if ok else 'no'} |")
    lines += ["", "Per class (test):", "", "| class | precision | recall | F1 | n |", "|---|---|---|---|---|"]
    for k in c["classes"]:
        pc = test["per_class"][k]
        lines.append(f"| {k} | {pc['precision']:.3f} | {pc['recall']:.3f} | {pc['f1']:.3f} | {pc['support']} |")
    lines += ["", "Attributes (test, images that carry them):", "", "| attribute | accuracy |", "|---|---|"]
    for a, v in test.get("attribute_accuracy", {}).items():
        lines.append(f"| {a} | {pct(v)} |")
    if rob:
        lines += ["", f"Robustness benchmark (`npm run eval:robustness`, {rob['per_class_limit'] or 'all'} test images per class "
                  "under each shift):", "", "| shift | accuracy | macro-F1 | non-blast → blast | flagged |", "|---|---|---|---|---|"]
        for r in rob["shifts"]:
            lines.append(f"| {r['what']} | {pct(r['accuracy'])} | {pct(r['macro_f1'])} | {pct(r['false_myeloblast'])} | "
                         f"{'–' if r['flagged'] is None else pct(r['flagged'])} |")
    lines += ["", "Labels that are not training classes (test split, predicted classes):", ""]
    for lab, g in ev["grouped_labels"].items():
        pred = ", ".join(f"{k} {v}" for k, v in g["predicted"].items())
        lines.append(f"- {lab} (n={g['n']}): {pred}")
    agreed = ev.get("expert_agreement")
    if agreed:
        a, b = agreed["classes"]
        lines += ["", f"Where the experts disagree ({a} vs {b}; second opinion: {agreed['second_opinion']}): the two agree "
                  f"on {pct(agreed['experts'])} of {agreed['images']} PBC cells: "
                  + "; ".join(f"{v['other_opinion']} of {v['images']} labelled {k} have the other opinion"
                              for k, v in agreed["by_label"].items())
                  + f". The model agrees with PBC's label on {pct(agreed['model'])} of the {agreed['model_images']} test "
                  f"cells of the two classes that it called one of them."]
    lines += [
        "",
        "## Limitations",
        "",
        "- Trained on normal-donor PBC images from one hospital and one scanner, plus one AML set (blasts and "
        "neutrophils) from another lab; other stains, scanners, magnifications and pathology are out of distribution.",
        "- No smudge cells, reactive/atypical lymphocytes, giant platelets or other blasts than myeloblasts; "
        "every input is forced into one of the 12 classes.",
        "- The hardest distinctions are the maturation series (promyelocyte → myelocyte → metamyelocyte → band → "
        "segmented), where expert labels themselves disagree. WBCAtt attributes have a human agreement ceiling: "
        "its second annotation of 805 images (`wbcatt_reannotations.csv`) agrees with the first on 96.0% of values "
        "(nucleus shape 89.9%, cell size 91.6%, cell shape 95.9%, cytoplasm colour 94.7%).",
        "- A small network trained on CPU under a time budget; not a diagnostic device.",
        "",
    ]
    out_path.write_text("\n".join(lines))
    print(f"wrote {out_path}")


if __name__ == "__main__":
    main()
