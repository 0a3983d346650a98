"""Where the dataset's own experts disagree: PBC's band/segmented class label against WBCAtt's nucleus shape.

WBCAtt's annotators described every PBC neutrophil's nucleus independently of PBC's class label. Read as a second
opinion (an unsegmented band nucleus: band; a bilobed or multilobed one: segmented), it says how often two groups
of experts put the same cell on the same side of the band/segmented line. The model's figure is the same share on
the test split: how often it agrees with PBC's label, among the test cells labelled band or segmented that it
called one of the two (read off the card's confusion matrix).

    /usr/bin/python3 models/training/classifier/agreement.py [--card models/classifier/card.json]

adds the figure to an existing card (the trainer's evaluate stage writes it into new ones).
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys

PAIR = ("band_neutrophil", "segmented_neutrophil")
SECOND_OPINION = {"unsegmented-band": "band_neutrophil",
                  "segmented-bilobed": "segmented_neutrophil",
                  "segmented-multilobed": "segmented_neutrophil"}
SECOND_OPINION_TEXT = ("WBCAtt's nucleus_shape, annotated independently of PBC's class label: unsegmented-band read as "
                       "band, segmented-bilobed or segmented-multilobed as segmented")


def expert_agreement(recs, confusion: dict) -> dict | None:
    """recs: records with source, label and attrs (classifier/data.py); confusion: the test confusion
    {labels, matrix}. None when there is nothing to compare (no PBC neutrophils with a nucleus shape)."""
    pairs = [(r["label"], SECOND_OPINION[r["attrs"].get("nucleus_shape", "")]) for r in recs
             if r["source"] == "pbc" and r["label"] in PAIR and r["attrs"].get("nucleus_shape", "") in SECOND_OPINION]
    labels = list(confusion["labels"])
    if not pairs or any(c not in labels for c in PAIR):
        return None
    idx = [labels.index(c) for c in PAIR]
    block = [[int(confusion["matrix"][i][j]) for j in idx] for i in idx]
    model_n = sum(map(sum, block))
    by_label = {c: sum(1 for lab, _ in pairs if lab == c) for c in PAIR}
    crossed = {c: sum(1 for lab, op in pairs if lab == c and op != c) for c in PAIR}
    return dict(classes=list(PAIR), images=len(pairs), experts=round(sum(a == b for a, b in pairs) / len(pairs), 4),
                by_label={c: dict(images=by_label[c], other_opinion=crossed[c]) for c in PAIR},
                model_images=model_n, model=round((block[0][0] + block[1][1]) / model_n, 4) if model_n else 0.0,
                second_opinion=SECOND_OPINION_TEXT)


def main(argv=None):
    here = pathlib.Path(__file__).resolve().parent
    sys.path.insert(0, str(here.parent))
    from classifier import card as cardmod
    from classifier import data as D
    from classifier.config import ROOT
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--card", default=str(ROOT / "models" / "classifier" / "card.json"))
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "datasets"))
    args = ap.parse_args(argv)
    path = pathlib.Path(args.card)
    if not path.is_file():
        sys.exit(f"No model card at {path}: train a model first (npm run train:classifier) or give --card.")
    card = json.loads(path.read_text())
    found = expert_agreement(D.load_records(pathlib.Path(args.data)), card["evaluation"]["test"]["confusion"])
    if found is None:
        sys.exit("No PBC band or segmented neutrophils with a nucleus shape, or no such classes in the card: nothing written.")
    card["evaluation"]["expert_agreement"] = found
    cardmod.write_card(card, path)
    print(f"experts agree on {found['experts']:.1%} of {found['images']} neutrophils; the model agrees with PBC on "
          f"{found['model']:.1%} of {found['model_images']} test cells; written to {path}")


if __name__ == "__main__":
    main()
