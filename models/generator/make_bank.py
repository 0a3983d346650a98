"""Generate the synthetic question-bank images (npm run bank:synthetic) into question-bank/synthetic/.

A class gets images only if the generator passes for that class as a whole, on its card (test split) and, when there
is one, on its val card (card-val.json, the same measures against the val split: a second, independent sample of real
cells, because one split's real-vs-real floor is not steady; see read_val_card): Fréchet distance at most
--max-frechet-ratio times the real-vs-real floor (in the yardstick's features and, where the card has it, in the
second yardstick's too), classifier agreement at least --min-agreement, and no more images whose nucleus encloses a
pale hole than real cells of the class have, plus --max-extra-holes (a ring-shaped nucleus satisfies both networks;
see passes_gate). Blobs the
classifier happens to call "myeloblast" with confidence (its old shortcut) must not reach learners because one
image in three passes the per-image checks. Then for each passing class: draw candidates (seeded latents), keep
those that
  1. the shipped classifier assigns to their class with probability >= --min-confidence,
  2. the classifier does not flag as unfamiliar (its card's unfamiliar rule: not like the cells it was trained on),
  3. are not near-copies of a training image (nearest training image farther than the card's near_copy_threshold,
     which `npm run eval:generator` sets from real test images), and
  4. have a field as light as real images of the class have: the mean luminance of the outer frame at least the 1st
     percentile of the class's real training images' (`border_luminance`). The generators draw some cells on a
     dark smeared square that the classifier still names confidently (run v9: 4 of the 10 myeloblasts kept for the
     game); no real image has such a ground, and
  5. have a nucleus that encloses no larger pale hole than 99% of the class's real training images do
     (nucleus_shape.nucleus_hole_area): run v12's collapse — a dark field around a pale hole — passed the first four
     checks in 3 of the 10 myeloblasts kept for the game, and in some erythroblasts, promyelocytes and monocytes,
until --per-class are kept or the candidates run out; these have use "drill" (drills and assignments may show them).
A class that fails the gate gets up to --realism-per-class images that pass the same five checks, with use
"realism": only the "Real or synthetic?" game shows them (the importer keeps them out of the drills' items), so
that learners' answers there measure every class's realism, not only the classes already in drills.
Writes small JPEGs under opaque names and manifest.json (question-bank/synthetic-set.ts is the contract the
importer reads), whose `imitates` names, per class, the labs (sources) of the training images the generator learnt it
from: the game pairs a synthetic image only with real ones of that look, so a lab's look cannot give the answer.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import io
import json
import pathlib
import shutil
import sys

import numpy as np
from PIL import Image

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from diffusion_gan import data as GD  # noqa: E402
from diffusion_gan import measures as M  # noqa: E402
from diffusion_gan.classifier_view import ClassifierView  # noqa: E402
from diffusion_gan.nucleus_shape import SIZE as HOLE_SIZE, nucleus_hole_area  # noqa: E402
from diffusion_gan.sampling import generate, load_generator, version_of  # noqa: E402
from evaluate import RUNS, features_cached, limit_per_class  # noqa: E402
from classifier.config import CLASSES  # noqa: E402

OUT = GD.ROOT / "question-bank" / "synthetic"
BANK_SEED = 7
# the class gate's thresholds (passes_gate's arguments): the defaults of --max-frechet-ratio, --min-agreement and
# --max-extra-holes, and what select_snapshot.py asks of a snapshot on val
GATE = {"max_ratio": 4.0, "min_agreement": 0.8, "max_extra_holes": 0.15}


def passes_gate(m: dict | None, max_ratio: float, min_agreement: float, max_extra_holes: float = GATE["max_extra_holes"]) -> bool:
    """Whether a class's generated images as a whole may reach drills (its measures in card.json's per_class): the
    Fréchet distance within max_ratio times the real-vs-real floor in the yardstick's features and, when the card was
    measured with a second yardstick (evaluate.py), in those features too; the classifier naming at least
    min_agreement of them as the class; and, when the card measured it, a nucleus enclosing a pale hole
    (nucleus_shape.hole_share) in at most max_extra_holes more of them than of real cells of the class. The last is
    there because both networks can be satisfied by a ring: run v12 taken to 120 minutes drew band neutrophils whose
    nucleus is a doughnut around a pale centre in most images, within 4x both floors and named band 91% of the time
    (58% of them enclose a hole of 2 um^2, real bands 21%: its card). 0.15 is about 2.5 standard errors of the difference of
    two shares measured on 120 and about 150 images."""
    if m is None:
        return False
    second = "frechet_second" not in m or m["frechet_second"] <= max_ratio * m["frechet_second_floor"]
    holes = "nucleus_hole_share" not in m or m["nucleus_hole_share"] <= m["nucleus_hole_share_real"] + max_extra_holes
    return (m["frechet"] <= max_ratio * m["frechet_real_floor"] and m["classifier_agreement"] >= min_agreement and second
            and holes)


def read_val_card(path: str, card: dict) -> dict | None:
    """The val split's card for the same generator, or None (with a note) when there is none. A class's figures on one
    split of ~100-200 real cells are not a steady verdict: the shipped v12 measured on val and on test differs 2-5x in
    a class's real-vs-real floor (bands 7.6 vs 35.8, platelets' second yardstick 0.74 vs 0.32) while its distances
    agree within ~30%; a class that passes on both independent samples of real cells is less likely to have passed
    on one lucky floor."""
    p = pathlib.Path(path)
    if not p.exists():
        print(f"note: no val card at {p}: the gate reads the test card only", flush=True)
        return None
    val = json.loads(p.read_text())
    if val["generator_version"] != card["generator_version"]:
        sys.exit(f"{p} was written for another generator.pt: run `npm run eval:generator -- --split val --out {p}`")
    if val["yardstick"].get("compared_split") != "val":
        sys.exit(f"{p} was not measured against the val split")
    return val


def border_luminance(images_u8: np.ndarray, frame: float = 0.06) -> np.ndarray:
    """The mean luminance (0-255, Rec. 601 weights) of each uint8 NHWC image's outer frame (`frame` of the side)."""
    n, h, w, _ = images_u8.shape
    b = max(1, int(round(frame * h)))
    ring = np.ones((h, w), dtype=bool)
    ring[b:h - b, b:w - b] = False
    lum = images_u8[..., :3].astype(np.float32) @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    return lum[:, ring].mean(axis=1)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--generator", default=str(HERE / "generator.pt"))
    ap.add_argument("--card", default=str(HERE / "card.json"))
    ap.add_argument("--val-card", default=str(HERE / "card-val.json"),
                    help="the same generator measured against the val split (eval:generator -- --split val --out "
                         "models/generator/card-val.json): a class reaches drills only if it passes the gate on both "
                         "splits ('' = test card only)")
    ap.add_argument("--per-class", type=int, default=30)
    ap.add_argument("--realism-per-class", type=int, default=10,
                    help='images kept of each class that fails the gate, for "Real or synthetic?" only (0: none)')
    ap.add_argument("--candidates", type=int, default=120, help="latents tried per class")
    ap.add_argument("--min-confidence", type=float, default=0.9)
    ap.add_argument("--seed", type=int, default=BANK_SEED)
    ap.add_argument("--max-frechet-ratio", type=float, default=GATE["max_ratio"],
                    help="a class's Fréchet distance may be at most this many times its real-vs-real floor")
    ap.add_argument("--min-agreement", type=float, default=GATE["min_agreement"],
                    help="share of a class's generated images the classifier must name as that class")
    ap.add_argument("--max-extra-holes", type=float, default=GATE["max_extra_holes"],
                    help="a class's generated images may enclose a pale hole in their nucleus in at most this share more"
                         " of them than real cells of the class do")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--data", default=str(GD.DATA))
    args = ap.parse_args(argv)
    card = json.loads(pathlib.Path(args.card).read_text())
    gen_path = pathlib.Path(args.generator)
    if card["generator_version"] != version_of(gen_path):
        sys.exit("card.json was written for another generator.pt: run `npm run eval:generator` first")
    val_card = read_val_card(args.val_card, card) if args.val_card else None
    G, _ = load_generator(gen_path)
    view = ClassifierView()
    limit = card["yardstick"].get("train_limit_per_class")
    # as evaluate.py: real images reach the classifier through the generator's size
    x_train, y_train, recs_train = GD.load_split_via("train", G.size, view.size, RUNS / "cache", args.data)
    trained_on = GD.class_sources(recs_train)
    x_train, y_train = limit_per_class(x_train, y_train, limit)
    if len(y_train) != card["yardstick"]["train_images_compared"]:
        sys.exit("the training split changed since the card was written: run `npm run eval:generator` again")
    via = "" if G.size == view.size else f"-via{G.size}"
    _, f_train = features_cached(view, "train" + (f"-k{limit}" if limit else "") + via, x_train)
    near_copy = card["near_copy_threshold"]
    truncation = card.get("sampling", {}).get("truncation")  # drawn as the card's measures were
    unfamiliar_threshold = view.card["unfamiliar"]["threshold"]

    out = pathlib.Path(args.out)
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    images, report = [], {}
    thresholds = (args.max_frechet_ratio, args.min_agreement, args.max_extra_holes)
    for c, name in enumerate(CLASSES):
        m = card["per_class"].get(name)
        gate_test = passes_gate(m, *thresholds)
        gate_val = None if val_card is None else passes_gate(val_card["per_class"].get(name), *thresholds)
        gate = gate_test and gate_val is not False
        verdict = {"class_gate": "passed" if gate else "failed", "gate_test": gate_test, "gate_val": gate_val}
        want = args.per_class if gate else args.realism_per_class
        if m is None or want <= 0:
            report[name] = {**verdict, "kept": 0}
            print(f"{name:22s} not generated {report[name]}", flush=True)
            continue
        imgs = generate(G, c, range(args.candidates), args.seed, truncation=truncation)
        small = GD.to_size(imgs, view.size)
        p, f, u = view.run(small, unfamiliar=True)
        d, _ = M.nearest(f, f_train)
        # the classifier must be sure of the class AND find the picture like the cells it knows: a blob it cannot
        # place can still get a high probability for one class (its unfamiliar rule is what says so)
        familiar = u <= unfamiliar_threshold
        light = border_luminance(imgs) >= np.percentile(border_luminance(x_train[y_train == c]), 1)
        # a pale hole no larger than 99% of the class's real cells enclose: the collapse's dark field around a hole
        # and the largest rings, which the frame's luminance misses when the field is not dark all round
        unholed = nucleus_hole_area(GD.to_size(imgs, HOLE_SIZE)) <= np.percentile(
            nucleus_hole_area(GD.to_size(x_train[y_train == c], HOLE_SIZE)), 99)
        ok = (p[:, c] >= args.min_confidence) & familiar & (d > near_copy) & light & unholed
        kept = [i for i in range(len(imgs)) if ok[i]][:want]
        use = "drill" if gate else "realism"
        report[name] = {**verdict, "frechet": m["frechet"],
                        "frechet_real_floor": m["frechet_real_floor"], "classifier_agreement": m["classifier_agreement"],
                        **{k: m[k] for k in ("frechet_second", "frechet_second_floor", "nucleus_hole_share",
                                             "nucleus_hole_share_real") if k in m},
                        "candidates": len(imgs),
                        "confident": int((p[:, c] >= args.min_confidence).sum()), "flagged_unfamiliar": int((~familiar).sum()),
                        "near_copies": int((d <= near_copy).sum()), "dark_ground": int((~light).sum()),
                        "hole_larger_than_real": int((~unholed).sum()), "kept": len(kept),
                        "use": use}
        print(f"{name:22s} {report[name]}", flush=True)
        for i in kept:
            buf = io.BytesIO()
            Image.fromarray(imgs[i]).save(buf, format="JPEG", quality=90)
            data = buf.getvalue()
            file = hashlib.sha256(data).hexdigest()[:12] + ".jpg"
            (tmp / file).write_bytes(data)
            images.append({"file": file, "cellClass": name, "use": use, "index": i,
                           "classifierConfidence": round(float(p[i, c]), 4), "nearestTrainingDistance": round(float(d[i]), 3)})
    manifest = {
        "schemaVersion": 2,
        "createdAt": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "generator": {"name": card["name"], "version": card["generator_version"], "seed": args.seed,
                      "truncation": truncation},
        "imageSize": G.size,
        "filter": {"minConfidence": args.min_confidence, "minNearestDistance": near_copy},
        "classGate": {"maxFrechetRatio": args.max_frechet_ratio, "minAgreement": args.min_agreement,
                      "maxExtraHoleShare": args.max_extra_holes,
                      "splits": ["test"] + (["val"] if val_card is not None else [])},
        "filterNote": ("use drill: of a class that passes classGate (card.json, and card-val.json when classGate.splits has"
                       " val), for drills and the game; use realism: of a class that does not, for the 'Real or synthetic?'"
                       " game only. Every image kept: classifier probability of the class"
                       " >= minConfidence, not flagged unfamiliar by the classifier,"
                       " nearest training image farther than minNearestDistance, the field's outer frame as light as the"
                       " class's real training images' (1st percentile), the nucleus enclosing no larger pale hole than 99% of the"
                       " class's real training images do"),
        "imitates": {name: trained_on[name] for name in CLASSES if any(im["cellClass"] == name for im in images)},
        "images": images,
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    (tmp / "report.json").write_text(json.dumps(report, indent=1) + "\n")
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    drill = sum(1 for im in images if im["use"] == "drill")
    print(f"kept {len(images)} images in {out}: {drill} for drills, {len(images) - drill} for 'Real or synthetic?' only")


if __name__ == "__main__":
    main()
