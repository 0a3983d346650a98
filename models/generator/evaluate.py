"""Measure the generator (npm run eval:generator) and write its card (models/generator/card.json).

Per class and overall, against the real *test* split at the bank's magnification:
  - frechet: Fréchet distance in the shipped classifier's penultimate features (no Inception weights can be
    downloaded here, so this is not FID), synthetic vs one half of the real test images;
  - frechet_real_floor: the same distance between the two halves of the real test images (same sizes), the
    floor for scale: a generator as good as a second sample of real cells would reach it;
  - classifier_agreement: share of synthetic images the classifier assigns to their conditioning class (and the
    same share for real test images, for scale);
  - diversity: mean pairwise feature distance of synthetic images vs of real ones;
  - copying: each synthetic image's nearest real *training* image (feature distance; nn_distance_median), against
    the same distance for real test images (which are not copies); the closest pairs are saved side by side;
  - frechet_second, frechet_second_floor, classifier_agreement_second: the Fréchet distance, its floor and the
    agreement again in a second classifier's features (models/generator/second-yardstick/: the classifier shipped on
    2026-12-02, a MobileNetV3-small trained from scratch on these cells at 160 px). It shares no weights with the
    shipped classifier, with nsfwjs, or with any discriminator run so far, so a generator trained to please one
    network's features (as run v7's discriminator read a classifier's blocks) is not measured in that network alone;
  - nucleus_split_share (and _real, for the real test images): the share of images whose nucleus falls into two or
    more pieces once parts thinner than about 1.2 um are eroded (diffusion_gan/nucleus_shape.py) — lobes joined by
    strands, measured on the pixels with no network at all.

    npm run eval:generator [-- --per-class N] [--train-limit N]
"""
from __future__ import annotations

import argparse
import datetime
import json
import pathlib
import sys
import time

import numpy as np
from PIL import Image

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from diffusion_gan import data as GD  # noqa: E402
from diffusion_gan import measures as M  # noqa: E402
from diffusion_gan.classifier_view import ClassifierView  # noqa: E402
from diffusion_gan.nucleus_shape import SIZE as PIECES_SIZE, hole_share, nucleus_hole_area, nucleus_pieces, split_share  # noqa: E402
from diffusion_gan.sampling import generate, load_generator, version_of  # noqa: E402
from classifier.config import CLASSES  # noqa: E402

RUNS = HERE / "runs"
SECOND_YARDSTICK = HERE / "second-yardstick"
EVAL_SEED = 20261202  # latents of the measured images; the bank's images use another seed (make_bank.py)
# a class's Fréchet distance and its floor are medians over this many random halvings of its real images: with ~100
# images a half in 256 dimensions, one halving's floor ranges over 10x (platelets on the test split: 2.7 to 35.7 over
# 12 halvings; the one halving cards used until 2026-12-06 gave 34.3), so a ratio to a single floor said more about
# the halving drawn than about the generator
SPLITS = 12


def features_cached(view: ClassifierView, name: str, images: np.ndarray):
    key = f"{name}-{len(images)}-{view.key.replace(' ', '_').replace(':', '')}"
    path = RUNS / "cache" / f"features-{key}.npz"
    if path.exists():
        z = np.load(path)
        return z["probs"], z["feats"]
    t = time.time()
    probs, feats = view.run(images, progress=name)
    print(f"  {name}: {len(images)} images through the classifier in {time.time() - t:.0f} s", flush=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, probs=probs, feats=feats)
    return probs, feats


def limit_per_class(x, y, limit):
    """The first `limit` images of each class (all with limit 0 or None): the images data.load_split(...,
    limit_per_class=limit) would load, taken from a split already in memory (the full train split is
    loaded and cached once; make_bank and evaluate then use the same subset without reading images again)."""
    if not limit:
        return x, y
    keep = np.concatenate([np.nonzero(y == c)[0][:limit] for c in range(len(CLASSES))])
    return x[keep], y[keep]


def comparable(recs_test, trained_on: dict[str, list[str]]) -> np.ndarray:
    """Which test records a class's synthetic images are measured against: those from a source (lab) the train split
    holds that class from (GD.class_sources)."""
    return np.array([r["source"] in trained_on.get(r["label"], ()) for r in recs_test], dtype=bool)


def closeness(p_syn, f_syn, p_real, f_real, idx, halves, c: int) -> dict:
    """In one network's outputs: the Fréchet distance of class c's synthetic images to one half of its real test images
    (idx; as many synthetic images as that half, the floor's sample size) and the floor (between the two halves), each
    the median over `halves` (pairs of index arrays into idx: SPLITS random halvings); and the share of synthetic and
    of real test images the network names as c."""
    dist = [M.frechet(f_syn[:len(b)], f_real[idx[b]]) for _, b in halves]
    floor = [M.frechet(f_real[idx[a]], f_real[idx[b]]) for a, b in halves]
    return {"frechet": round(float(np.median(dist)), 3), "floor": round(float(np.median(floor)), 3),
            "agreement": round(float((p_syn.argmax(1) == c).mean()), 4),
            "agreement_real": round(float((p_real[idx].argmax(1) == c).mean()), 4)}


def side_by_side(pairs, path: pathlib.Path, size: int):
    """Rows of (synthetic | nearest real training image), with a 4 px gap."""
    if not pairs:
        return
    gap = 4
    sheet = np.full((len(pairs) * (size + gap), 2 * size + gap, 3), 255, np.uint8)
    for r, (a, b) in enumerate(pairs):
        y = r * (size + gap)
        sheet[y:y + size, :size] = a
        sheet[y:y + size, size + gap:] = b
    Image.fromarray(sheet).save(path, optimize=True)


def contact_sheet(rows, path: pathlib.Path, size: int, per_side: int):
    """One row per class: per_side synthetic images, a gap, per_side real test images."""
    gap = 8
    width = 2 * per_side * size + gap
    sheet = np.full((len(rows) * (size + 2), width, 3), 255, np.uint8)
    for r, (syn, real) in enumerate(rows):
        y = r * (size + 2)
        for k in range(min(per_side, len(syn))):
            sheet[y:y + size, k * size:(k + 1) * size] = syn[k]
        for k in range(min(per_side, len(real))):
            x = per_side * size + gap + k * size
            sheet[y:y + size, x:x + size] = real[k]
    Image.fromarray(sheet).save(path, quality=88) if path.suffix == ".jpg" else Image.fromarray(sheet).save(path)


def discriminator_features(training: dict) -> str:
    """What the run's discriminator read, as train.py's feature_facts recorded it in training.json (runs before v7
    did not record it: they all read nsfwjs; the same words as feature_facts("nsfwjs"))."""
    used = training.get("discriminator_features") or {"network": "nsfwjs@4.4.0 MobileNetV2, blocks 0-9 (ImageNet-derived)"}
    return used["network"] + (f" ({used['checkpoint']})" if used.get("checkpoint") else "")


def card_path(out: str) -> pathlib.Path:
    """Where --out puts the card: the path itself when it names a .json file; card.json inside it when it is a folder,
    existing or not (`--out /tmp/v10` makes /tmp/v10/card.json with the figures beside it, instead of a card file
    called v10 and the figures loose in /tmp)."""
    path = pathlib.Path(out)
    return path if path.suffix.lower() == ".json" and not path.is_dir() else path / "card.json"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--generator", default=str(HERE / "generator.pt"))
    ap.add_argument("--per-class", type=int, default=0,
                    help="synthetic images per class (default: as many as half the real test images, at least 60)")
    ap.add_argument("--train-limit", type=int, default=0, help="compare with at most this many training images per class (0: all)")
    ap.add_argument("--out", default=str(HERE / "card.json"),
                    help="the card's path (a .json file; anything else is a folder, made if need be, with card.json in "
                         "it); the contact sheet and closest pairs go beside it")
    ap.add_argument("--data", default=str(GD.DATA))
    ap.add_argument("--truncation", type=float, default=1.0,
                    help="draw latents with the truncation trick at this bound (0: none; 1.0: the shipped card's); "
                         "bank:synthetic draws as the card was measured")
    ap.add_argument("--second-yardstick", default=str(SECOND_YARDSTICK) if SECOND_YARDSTICK.exists() else "",
                    help="folder of a second classifier (model.onnx + card.json) to measure in as well ('' = none)")
    ap.add_argument("--split", choices=("test", "val"), default="test",
                    help="the real images measured against: test (the card), or val, to choose among a run's snapshots "
                         "(train.py --snapshot-minutes) without looking at the test images; the card's *_real_test "
                         "fields then hold val's figures, and yardstick.compared_split says so")
    ap.add_argument("--smoke", action="store_true", help="6 test and 4 training images per class, 6 synthetic (checks the code)")
    args = ap.parse_args(argv)
    truncation = args.truncation or None
    if args.smoke:
        args.per_class, args.train_limit = 6, 4
    started = time.time()
    gen_path = pathlib.Path(args.generator)
    if not gen_path.exists():
        sys.exit(f"No generator at {gen_path}: run `npm run train:generator` first.")
    args.out = str(card_path(args.out))  # found now, not after the measures
    try:  # the card and its figures go beside each other; find out now, not after the measures
        pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        sys.exit(f"Cannot write the card to {args.out}: {e.strerror or e}.")
    G, ck = load_generator(gen_path)
    view = ClassifierView()
    S = view.size
    if G.size != S:
        print(f"note: the generator makes {G.size} px images and the classifier reads {S} px: real and synthetic "
              f"images are both resized from {G.size} px")

    # real images pass through the generator's size on their way to the classifier's, as synthetic ones do
    via = "" if G.size == S else f"-via{G.size}"
    x_test, y_test, recs_test = GD.load_split_via(args.split, G.size, S, RUNS / "cache", args.data,
                                                  limit_per_class=6 if args.smoke else None)
    x_train, y_train, recs_train = GD.load_split_via("train", G.size, S, RUNS / "cache", args.data)
    # each class is compared with real test cells of the labs the generator learnt it from (not Munich's segmented
    # neutrophils, which the train split leaves out: a PBC-like synthetic class measured against a mixture of two
    # labs would be far from it however good, and the contact sheet would set it beside the other lab's cells)
    trained_on = GD.class_sources(recs_train)
    compared = comparable(recs_test, trained_on)
    x_train, y_train = limit_per_class(x_train, y_train, args.train_limit)
    p_test, f_test = features_cached(view, args.split + ("-smoke" if args.smoke else "") + via, x_test)
    p_train, f_train = features_cached(view, "train" + (f"-k{args.train_limit}" if args.train_limit else "") + via, x_train)
    second = ClassifierView(pathlib.Path(args.second_yardstick)) if args.second_yardstick else None
    if second is not None:
        x_test2, y_test2, _ = GD.load_split_via(args.split, G.size, second.size, RUNS / "cache", args.data,
                                                limit_per_class=6 if args.smoke else None)
        if not np.array_equal(y_test2, y_test):
            sys.exit("the test split came out in another order for the second yardstick's size")
        p_test2, f_test2 = features_cached(second, args.split + ("-smoke" if args.smoke else "") + f"-via{G.size}", x_test2)
        del x_test2

    # a real test image's distance to its nearest training image: what "not a copy" looks like
    d_test_train, _ = M.nearest(f_test, f_train)
    near_copy = float(np.quantile(d_test_train, 0.01))

    per_class, syn_all, half_a_all, half_b_all, syn_images = {}, [], [], [], {}
    nn_all, agree_all = [], []
    closest = []
    for c, name in enumerate(CLASSES):
        idx = np.nonzero((y_test == c) & compared)[0]
        if len(idx) < 4:
            continue
        halves = [M.split_half(len(idx), seed=c + 1000 * k) for k in range(SPLITS)]
        a, b = halves[0]  # the overall figures and the figures below take the first halving
        half_a, half_b = idx[a], idx[b]
        n_syn = args.per_class or max(60, len(half_b))
        raw = generate(G, c, range(n_syn), EVAL_SEED, truncation=truncation)
        imgs = GD.to_size(raw, S)
        t = time.time()
        p_syn, f_syn = view.run(imgs)
        agree = p_syn.argmax(1) == c
        d_nn, j_nn = M.nearest(f_syn, f_train)
        near = closeness(p_syn, f_syn, p_test, f_test, idx, halves, c)
        # the pixel measures' fields, synthetic and real, at the size they measure
        fields, fields_real = GD.to_size(raw, PIECES_SIZE), GD.to_size(x_test[idx], PIECES_SIZE)
        per_class[name] = {
            "n_synthetic": int(n_syn), "n_real_test": int(len(idx)), "real_test_sources": trained_on.get(name, []),
            "frechet": near["frechet"], "frechet_real_floor": near["floor"],
            "classifier_agreement": near["agreement"], "classifier_agreement_real": near["agreement_real"],
            "classifier_confidence_median": round(float(np.median(p_syn[:, c])), 4),
            "diversity": round(M.pairwise_mean(f_syn), 3), "diversity_real": round(M.pairwise_mean(f_test[idx]), 3),
            "nn_distance_median": round(float(np.median(d_nn)), 3),
            "nn_distance_median_real_test": round(float(np.median(d_test_train[idx])), 3),
            "near_copies": int((d_nn < near_copy).sum()),
            "nucleus_split_share": round(split_share(nucleus_pieces(fields)), 4),
            "nucleus_split_share_real": round(split_share(nucleus_pieces(fields_real)), 4),
            "nucleus_hole_share": round(hole_share(nucleus_hole_area(fields)), 4),
            "nucleus_hole_share_real": round(hole_share(nucleus_hole_area(fields_real)), 4),
        }
        if second is not None:
            far = closeness(*second.run(GD.to_size(raw, second.size)), p_test2, f_test2, idx, halves, c)
            per_class[name].update({"frechet_second": far["frechet"], "frechet_second_floor": far["floor"],
                                    "classifier_agreement_second": far["agreement"],
                                    "classifier_agreement_second_real": far["agreement_real"]})
        print(f"{name:22s} FD {near['frechet']:8.2f} (floor {near['floor']:7.2f})  agree {agree.mean():.2f}  nn {np.median(d_nn):.2f} "
              f"(real {np.median(d_test_train[idx]):.2f})  near-copies {(d_nn < near_copy).sum()}  nucleus in 2+ pieces "
              f"{per_class[name]['nucleus_split_share']:.0%} (real {per_class[name]['nucleus_split_share_real']:.0%})  "
              f"encloses a hole {per_class[name]['nucleus_hole_share']:.0%} (real {per_class[name]['nucleus_hole_share_real']:.0%})  "
              f"[{time.time() - t:.0f} s]",
              flush=True)
        if second is not None:
            print(f"{'':22s} second yardstick: FD {far['frechet']:8.2f} (floor {far['floor']:7.2f})  agree {far['agreement']:.2f}",
                  flush=True)
        syn_all.append(f_syn[:len(half_b)]); half_a_all.append(f_test[half_a]); half_b_all.append(f_test[half_b])
        nn_all.append(d_nn); agree_all.append(agree)
        syn_images[name] = (imgs[:8], x_test[idx[:8]])
        k = int(d_nn.argmin())
        closest.append((float(d_nn[k]), imgs[k], x_train[j_nn[k]], name))

    syn_cat, a_cat, b_cat = np.concatenate(syn_all), np.concatenate(half_a_all), np.concatenate(half_b_all)
    nn_cat = np.concatenate(nn_all)
    overall = {
        "frechet": round(M.frechet(syn_cat, b_cat), 3), "frechet_real_floor": round(M.frechet(a_cat, b_cat), 3),
        "classifier_agreement": round(float(np.concatenate(agree_all).mean()), 4),
        "classifier_agreement_real": round(float((p_test.argmax(1) == y_test)[compared].mean()), 4),
        "diversity": round(M.pairwise_mean(syn_cat), 3), "diversity_real": round(M.pairwise_mean(b_cat), 3),
        "nn_distance_median": round(float(np.median(nn_cat)), 3),
        "nn_distance_median_real_test": round(float(np.median(d_test_train)), 3),
        "near_copies": int((nn_cat < near_copy).sum()),
    }
    # why the bank's filter asks for >= 0.9: on real test images, how right the classifier is when that sure
    top = p_test.max(1)
    sure = top >= 0.9
    filter_basis = {"min_confidence": 0.9, "real_test_share_that_sure": round(float(sure.mean()), 4),
                    "real_test_accuracy_when_that_sure": round(float((p_test.argmax(1) == y_test)[sure].mean()), 4)}
    closest.sort(key=lambda t: t[0])
    figures = pathlib.Path(args.out).parent
    side_by_side([(a, b) for _, a, b, _ in closest[:8]], figures / "closest-pairs.png", S)
    contact_sheet([syn_images[n] for n in CLASSES if n in syn_images], figures / "contact-sheet.jpg", S, 6)
    training = json.loads((gen_path.parent / "training.json").read_text()) if (gen_path.parent / "training.json").exists() else {}
    card = {
        "schema_version": 1,
        "name": "leukodex-diffusion-gan",
        "created_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "generator_file": gen_path.name,
        "generator_version": version_of(gen_path),
        "method": ("class-conditional GAN trained with Diffusion-GAN (Wang et al., ICLR 2023): real and generated "
                   "images diffused with an adaptive number of steps before a timestep-conditioned discriminator; "
                   f"the discriminator reads frozen features ({discriminator_features(training)}), "
                   "projected-GAN style, with class projection, plus small discriminators of its own on the image "
                   "(training.discriminator_heads lists the heads of the run)"),
        "image_size": G.size,
        "sampling": {"truncation": truncation,
                     "note": ("latents drawn from N(0, 1)" if truncation is None else
                              f"truncation trick (BigGAN): latent entries with |z| > {truncation} drawn again; "
                              "the bank's images are drawn the same way")},
        "field_of_view": json.loads(GD.SCALES.read_text())["imageSize"],
        "classes": [c for c in CLASSES if c in per_class],
        "training": training,
        "yardstick": {"classifier": view.key, "features": "input of the class layer (256-d), mean over the model's 4 views",
                      "note": "no Inception weights can be downloaded here: Fréchet distances are in the classifier's features, not FID",
                      "eval_seed": EVAL_SEED, "compared_split": args.split, "frechet_halvings": SPLITS,
                      "train_images_compared": int(len(y_train)),
                      "train_limit_per_class": args.train_limit or None},
        **({"second_yardstick": {"classifier": second.key, "architecture": second.card.get("architecture"),
                                 "input_size": second.size,
                                 "why": ("shares no weights with the yardstick, with nsfwjs or with any discriminator so far: "
                                         "a class's distances are checked in two networks' features (make_bank.py's gate "
                                         "asks both)")}} if second is not None else {}),
        "near_copy_threshold": round(near_copy, 3),
        "near_copy_rule": ("a synthetic image nearer to a training image than 99% of real test images are"
                           " (1st percentile of real test-to-train nearest distances)"),
        "nn_distance_histogram": {"synthetic": M.histogram(nn_cat, 12, 0, float(max(nn_cat.max(), d_test_train.max()))),
                                  "real_test": M.histogram(d_test_train, 12, 0, float(max(nn_cat.max(), d_test_train.max())))},
        "filter_basis": filter_basis,
        "overall": overall,
        "per_class": per_class,
        "seconds": round(time.time() - started),
    }
    pathlib.Path(args.out).write_text(json.dumps(card, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps(overall, indent=1))
    print(f"wrote {args.out}, {figures / 'contact-sheet.jpg'} and {figures / 'closest-pairs.png'} in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
