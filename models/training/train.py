"""Train the Leukodex white-blood-cell classifier: 12 classes + 11 WBCAtt attributes + an unfamiliar score.

    /usr/bin/python3 models/training/train.py                    # the shipped recipe -> models/classifier/
    /usr/bin/python3 models/training/train.py --resume           # continue from runs/<name>/last.pt
    /usr/bin/python3 models/training/train.py --smoke --out /tmp/x   # CI: tiny end-to-end run

Stages: prepare (records, split, decoded caches, colour reference) -> train -> select (weights, BatchNorm
statistics, test-time views, on val) -> calibrate (temperature; the unfamiliar-image rule) -> evaluate (test,
held-out Matek neutrophils, source probe) -> export (ONNX, reference outputs, parity) -> card.
"""
import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # shared 2-core machine: don't spin-wait (before torch loads)
import argparse
import json
import pathlib
import random
import sys
import tempfile
import time

import numpy as np
import torch

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from classifier import augment as aug  # noqa: E402
from classifier import card as cardmod  # noqa: E402
from classifier import data as D  # noqa: E402
from classifier import outliers as ood  # noqa: E402
from classifier import precision  # noqa: E402
from classifier.agreement import expert_agreement  # noqa: E402
from classifier.colour import ColourStandardise, reference_stats  # noqa: E402
from classifier.config import CLASSES, GROUPED, ROOT, selection_score  # noqa: E402
from classifier.evaluate import (ece_score, fit_temperature, linear_probe, metrics, predict,  # noqa: E402
                                 recalibrate_bn, softmax_np)
from classifier.export import export_onnx, parity, reference_outputs, synthetic_tensor  # noqa: E402
from classifier.loop import log, train  # noqa: E402
from classifier.model import Exported, Net, TTANet, fit_unfamiliar  # noqa: E402
from classifier.neutral import choose_components, fit_source_null  # noqa: E402


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="tiny end-to-end run (a few images, 2 iterations)")
    ap.add_argument("--resume", action="store_true", help="continue from the last checkpoint of this run")
    ap.add_argument("--out", default=str(ROOT / "models" / "classifier"), help="where model.onnx + card.json go")
    ap.add_argument("--name", default=None, help="run folder under --runs (default: full)")
    ap.add_argument("--runs", default=str(HERE / "runs"))
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "datasets"))
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--budget-minutes", type=float, default=95.0,
                    help="training wall time, the final validation pass included; 0 = none")
    ap.add_argument("--size", type=int, default=128)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--backbone-lr-scale", type=float, default=0.3,
                    help="the backbone's learning rate as a share of the heads' (pretrained start)")
    ap.add_argument("--wd", type=float, default=0.02)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--start", choices=["pretrained", "imagenet-blocks", "random", "scratch"], default="pretrained",
                    help="pretrained: MobileNetV2 from nsfwjs@4.4.0 (all blocks); imagenet-blocks: only its "
                         "ImageNet-derived early blocks (to --pretrained-blocks), the rest fresh; random: the same "
                         "MobileNetV2 from random weights (the like-for-like 'from scratch'); scratch: "
                         "MobileNetV3-small from random weights (the earlier recipe)")
    ap.add_argument("--pretrained-blocks", type=int, default=10)
    ap.add_argument("--freeze", type=int, default=0,
                    help="pretrained start: keep the first N backbone modules (7 = stem + blocks 0-5, output stride 8) "
                         "frozen, with their ImageNet BatchNorm statistics; 0 = fine-tune all (the shipped recipe; "
                         "--freeze 7 was tried: faster steps, a worse model, see README)")
    ap.add_argument("--no-colour-standardisation", action="store_true")
    ap.add_argument("--measures", default=",".join(aug.MEASURES),
                    help="robustness augmentations, comma-separated from " + ",".join(aug.MEASURES) + " ('' = none)")
    ap.add_argument("--aug-strength", type=float, default=1.0)
    ap.add_argument("--aug-final-strength", type=float, default=None,
                    help="anneal the augmentation strength linearly from --aug-strength to this over the part of the "
                         "run after --aug-anneal-from (default: no annealing)")
    ap.add_argument("--aug-anneal-from", type=float, default=0.75,
                    help="with --aug-final-strength: the share of the run (0-1) at which annealing starts")
    ap.add_argument("--attr-weight", type=float, default=1.0)
    ap.add_argument("--attr-smoothing", type=float, default=0.05)
    ap.add_argument("--outliers", type=int, default=12,
                    help="outlier exposure: pictures that are not a white cell added to each batch (0 = off)")
    ap.add_argument("--outlier-weight", type=float, default=0.5)
    ap.add_argument("--include-held-out", action="store_true",
                    help="train on the Matek segmented neutrophils too (by default they are held out)")
    ap.add_argument("--source-adversary", type=float, default=0.0,
                    help="weight of the source adversary (classifier/adversary.py; 0 = off): the Matek segmented "
                         "neutrophils of the training split are trained on, and a gradient-reversal head on the neck "
                         "learns to tell their lab from PBC's; their val and test images stay held out and measure. "
                         "The shipped recipe (train.sh) uses 0.5")
    ap.add_argument("--adversary-k", type=int, default=6, help="each lab's shared-class images added to a step")
    ap.add_argument("--views", default="auto", choices=["auto", "1", "2", "4"],
                    help="dihedral test-time views baked into the ONNX graph; auto = fewest within 0.002 of the best on val")
    ap.add_argument("--flag-quantile", type=float, default=0.995,
                    help="unfamiliar threshold: this quantile of the score over augmented val cells")
    ap.add_argument("--reuse-selection", action="store_true",
                    help="with --resume: take the weights and views chosen before (runs/<name>/final.pt) instead of selecting again")
    ap.add_argument("--train-only", action="store_true", help="stop after training (no select/export)")
    ap.add_argument("--lab-neutral", default="off",
                    help="the lab-neutral neck (classifier/neutral.py): 'off' (default: on run r12 every candidate "
                         "cost 2.5-20 points of val accuracy, see README), a number of principal components to keep, "
                         "or 'auto' (among 16/24/32/48/64 that cost nothing measurable on val — macro-F1 and "
                         "attribute accuracy within 0.005 of the neck as trained, ECE after temperature <= 0.03 — the "
                         "fewest components of those whose probe on a dev part of the fit neutrophils is at most 0.6, "
                         "else the least lab-readable; none otherwise: neutral.choose_components)")
    ap.add_argument("--precision", choices=precision.CHOICES, default="fp32",
                    help="bf16: the training steps' convolutions under bfloat16 autocast (about 2x faster steps on a CPU "
                         "with AVX-512 BF16; weights, optimiser and losses stay float32; validation and export float32); "
                         "auto: bf16 where the CPU has it. The shipped recipe (train.sh) uses bf16")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    try:
        aug.check_measures(m for m in args.measures.split(",") if m)
    except ValueError as e:
        ap.error(str(e))
    args.precision = precision.resolve(args.precision)
    if args.aug_final_strength is not None and not (0 <= args.aug_final_strength and 0 <= args.aug_anneal_from < 1):
        ap.error("--aug-final-strength takes a strength >= 0 and --aug-anneal-from a share in [0, 1)")
    if args.lab_neutral not in ("auto", "off") and not args.lab_neutral.isdigit():
        ap.error("--lab-neutral takes auto, off or a number of components")
    if args.freeze and args.start in ("random", "scratch"):
        ap.error("--freeze keeps pretrained blocks: it needs --start pretrained or imagenet-blocks")
    if args.source_adversary < 0 or args.adversary_k < 1:
        ap.error("--source-adversary takes a weight >= 0 and --adversary-k a count >= 1")
    if args.source_adversary > 0 and args.include_held_out:
        ap.error("--source-adversary keeps the Matek neutrophils' val and test images held out: it cannot be combined "
                 "with --include-held-out")
    return args


def prepare(args):
    """Records, split, decoded caches and the colour reference (PBC training images)."""
    recs = D.load_records(pathlib.Path(args.data))
    vocab = D.attribute_vocab(recs)
    adversary = args.source_adversary > 0
    by = D.splits(recs, held_out=not args.include_held_out, train_on_held_train=adversary)
    grouped = D.grouped_test(recs)
    # with the source adversary the held-out measure is the Matek neutrophils it never trained on (val and test)
    held = sorted([r for r in recs if r["held_out"] and not (adversary and r["split"] == "train")], key=lambda r: r["id"])
    probe_pbc = sorted([r for r in recs if r["source"] == "pbc" and r["label"] == "segmented_neutrophil"
                        and r["split"] != "train"], key=lambda r: r["id"])
    if args.smoke:
        by = {k: D.few_per_class(v, 3 if k == "train" else 2) for k, v in by.items()}
        held = [r for r in held if r["split"] == "train"][:4] + [r for r in held if r["split"] != "train"][:4]
        grouped, probe_pbc = D.few_per_class(grouped, 2), probe_pbc[:4]
    S = args.size
    cache = pathlib.Path(args.runs) / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    tag = "_with_held" if args.include_held_out else "_with_held_train" if adversary else ""
    cpath = (lambda n: None) if args.smoke else (lambda n: cache / n)
    t0 = time.time()
    Xtr = D.cached(cpath(f"train{tag}_u8_{S}.npy"), lambda: D.build_cache([r["path"] for r in by["train"]], S, "u8", args.workers))
    Xva = D.cached(cpath(f"val{tag}_f32_{S}.npy"), lambda: D.build_cache([r["path"] for r in by["val"]], S, "f32", args.workers))
    Xte = D.cached(cpath(f"test_f32_{S}.npy"), lambda: D.build_cache([r["path"] for r in by["test"]], S, "f32", args.workers))
    Xva_u8 = D.cached(cpath(f"val{tag}_u8_{S}.npy"), lambda: D.build_cache([r["path"] for r in by["val"]], S, "u8", args.workers))
    held_tag = "_eval" if adversary else ""  # without the training split's images
    Xheld = D.cached(cpath(f"held{held_tag}_f32_{S}.npy"), lambda: D.build_cache([r["path"] for r in held], S, "f32", args.workers))
    Xprobe = D.cached(cpath(f"probe_pbc_f32_{S}.npy"), lambda: D.build_cache([r["path"] for r in probe_pbc], S, "f32", args.workers))
    Xgr = D.build_cache([r["path"] for r in grouped], S, "f32", args.workers)
    log(f"records train={len(by['train'])} val={len(by['val'])} test={len(by['test'])} held-out={len(held)}; "
        f"caches ready in {time.time() - t0:.0f}s")
    ytr, yatr = D.targets(by["train"], vocab)
    yva, yava = D.targets(by["val"], vocab)
    yte, yate = D.targets(by["test"], vocab)
    pbc_train = torch.from_numpy(Xtr[[i for i, r in enumerate(by["train"]) if r["source"] == "pbc"]])
    ref_mean, ref_std = reference_stats(pbc_train)
    shared = [i for i, r in enumerate(by["train"]) if r["label"] == "segmented_neutrophil"]
    adv_pbc = [i for i in shared if by["train"][i]["source"] == "pbc"]
    adv_matek = [i for i in shared if by["train"][i]["source"] == "matek-aml"]
    return dict(recs=recs, vocab=vocab, by=by, grouped=grouped, held=held, probe_pbc=probe_pbc,
                Xtr=torch.from_numpy(Xtr), ytr=torch.from_numpy(ytr), yatr=torch.from_numpy(yatr),
                Xva=Xva, Xva_u8=torch.from_numpy(Xva_u8), yva=yva, yava=yava, Xte=Xte, yte=yte, yate=yate,
                Xheld=Xheld, Xprobe=Xprobe, Xgr=Xgr, colour_ref=dict(mean=ref_mean, std=ref_std),
                adv_pbc=adv_pbc, adv_matek=adv_matek)


def frozen_text(n: int) -> str:
    """The first n backbone modules in MobileNetV2's words: module 0 is the stem, module k the block k-1."""
    blocks = "" if n == 1 else " and block 0" if n == 2 else f" and blocks 0-{n - 2}"
    return f"stem{blocks} (ImageNet weights and BatchNorm statistics)"


def build_model(args, d, pretrained_info):
    sizes = [len(v) for _, v in d["vocab"]]
    colour = ColourStandardise(d["colour_ref"]["mean"], d["colour_ref"]["std"], enabled=not args.no_colour_standardisation)
    if args.start == "scratch":
        return Net(len(CLASSES), sizes, backbone="mnv3s", colour=colour)
    from classifier import pretrained as P
    if args.start == "random":  # the pretrained start's layout (Keras padding, BatchNorm eps), torchvision's initialisation
        return Net(len(CLASSES), sizes, backbone="mnv2", colour=colour, features=P.keras_mobilenet_v2().features)
    if "pretrained_weights" not in d:  # parsed once; every candidate network starts from the same tensors
        d["pretrained_weights"] = P.load_nsfwjs_weights(P.fetch_nsfwjs(pathlib.Path(args.runs) / "pretrained"))
    weights = d["pretrained_weights"]
    blocks = None if args.start == "pretrained" else args.pretrained_blocks
    mb = P.build_mobilenet_v2(weights, up_to_block=blocks)
    pretrained_info.update(package=P.PACKAGE, version=P.VERSION, licence=P.PROVENANCE["licence"],
                           integrity=P.INTEGRITY, description=P.PROVENANCE["weights"],
                           blocks=("all" if blocks is None else f"up to block {blocks}")
                           + (f"; {frozen_text(args.freeze)} frozen" if args.freeze else ""))
    return Net(len(CLASSES), sizes, backbone="mnv2", colour=colour, features=mb.features, frozen=args.freeze)


def augmented_batches(X_u8, n, bs, seed, measures):
    g = torch.Generator().manual_seed(seed)
    idx = torch.randperm(len(X_u8), generator=g)[:n]
    for i in range(0, len(idx), bs):
        x = aug.augment(X_u8[idx[i:i + bs]], g, measures) if measures is not None else X_u8[idx[i:i + bs]].float() / 255
        yield (x - 0.5) / 0.25, idx[i:i + bs]


def select(args, d, ck, make_net, run_dir):
    """Among {last EMA, best-epoch EMA} x {running, re-estimated plain, re-estimated augmented} BatchNorm
    statistics, then 1/2/4 test-time views: the highest val selection score (fewest views when close)."""
    vocab, Xva, yva, yava = d["vocab"], d["Xva"], d["yva"], d["yava"]
    cands = [("last-ema", ck["ema"])]
    best = ck.get("best")
    if best and best["epoch"] != ck["epoch"] and (run_dir / "best_ema.pt").exists():
        cands.append((f"ema-epoch-{best['epoch']}", torch.load(run_dir / "best_ema.pt")))
    n_cal = 32 if args.smoke else 1536
    rows, chosen = [], None
    measures = frozenset(m for m in args.measures.split(",") if m)
    for cname, sd in cands:
        for mode in ("running", "recal-plain", "recal-aug"):
            net = make_net()
            net.load_state_dict(sd)
            if mode != "running":
                batches = (x for x, _ in augmented_batches(d["Xtr"], n_cal, 64, args.seed + 2,
                                                           measures if mode == "recal-aug" else None))
                recalibrate_bn(net, batches)
            vlog, valog, _ = predict(net.eval(), Xva)
            vm = metrics(softmax_np(vlog), yva, valog, yava, vocab)
            score = selection_score(vm["macro_f1"], vm.get("mean_attribute_accuracy", 0.0))
            rows.append(dict(weights=cname, bn=mode, views=1, val_accuracy=vm["accuracy"], val_macro_f1=vm["macro_f1"],
                             val_mean_attr=vm.get("mean_attribute_accuracy", 0.0), score=score))
            log(f"candidate {cname} / {mode}: val acc {vm['accuracy']:.4f} f1 {vm['macro_f1']:.4f} "
                f"attr {vm.get('mean_attribute_accuracy', 0):.4f}")
            if chosen is None or score > chosen["score"]:
                chosen = dict(score=score, weights=cname, bn=mode, sd={k: v.clone() for k, v in net.state_dict().items()})
    final = make_net()
    final.load_state_dict(chosen["sd"])
    final.eval()
    by_views = {1: chosen["score"]}
    wanted = [1, 2, 4] if args.views == "auto" else [int(args.views)]
    for views in [v for v in wanted if v > 1]:
        tl, tal, _ = predict(TTANet(final, views), Xva, bs=max(8, 256 // views))
        vm = metrics(softmax_np(tl), yva, tal, yava, vocab)
        by_views[views] = selection_score(vm["macro_f1"], vm.get("mean_attribute_accuracy", 0.0))
        rows.append(dict(weights=chosen["weights"], bn=chosen["bn"], views=views, val_accuracy=vm["accuracy"],
                         val_macro_f1=vm["macro_f1"], val_mean_attr=vm.get("mean_attribute_accuracy", 0.0),
                         score=by_views[views]))
        log(f"{views} views: val acc {vm['accuracy']:.4f} f1 {vm['macro_f1']:.4f}")
    top = max(by_views[v] for v in wanted if v in by_views)
    views = min(v for v in wanted if v in by_views and by_views[v] >= top - 0.002)
    chosen["views"] = views
    model = TTANet(final, views).eval() if views > 1 else final
    return model, final, chosen, rows


NEUTRAL_CANDIDATES = (16, 24, 32, 48, 64)
NEAR_CHANCE = 0.6  # a dev probe at or below this reads the lab little better than a coin (dev: about 380 neutrophils)


def lab_neutral_sets(d):
    """The neutrophils the lab-neutral map is fitted on (PBC's training-split segmented neutrophils and the Matek
    neutrophils of the training split) and the Matek neutrophils it never sees (val and test splits), which then
    carry the held-out measure and the source probe."""
    pbc = [i for i, r in enumerate(d["by"]["train"]) if r["source"] == "pbc" and r["label"] == "segmented_neutrophil"]
    matek_fit = np.array([r["split"] == "train" for r in d["held"]], dtype=bool)
    return pbc, matek_fit


def matek_fit_inputs(d):
    """The Matek training-split segmented neutrophils as network input: from the training set when the network
    trained on them (the source adversary's d["adv_matek"]), else the training-split part of the held-out group."""
    if d["adv_matek"]:
        return D.u8_to_input(d["Xtr"][d["adv_matek"]].numpy())
    return d["Xheld"][lab_neutral_sets(d)[1]]


def neutralise(args, d, model, final):
    """Fits the lab-neutral map (classifier/neutral.py) into `final` (and so into `model`): the principal
    directions of training cells' neck features, the Matek-vs-PBC neutrophil mean difference erased inside them.
    The number of directions is chosen on val (selection score) and on a dev part of the fit neutrophils (the
    probe); the evaluation's Matek neutrophils are never used. Returns the card's record, or None (off)."""
    if args.lab_neutral == "off" or not len(d["held"]):
        return None
    vocab = d["vocab"]
    final.neutral = None
    pbc_idx = lab_neutral_sets(d)[0]
    rng = np.random.default_rng(args.seed + 7)
    n_cells = 64 if args.smoke else 3000
    cell_idx = np.sort(rng.permutation(len(d["Xtr"]))[:n_cells])
    _, _, f_cells = predict(model, D.u8_to_input(d["Xtr"][cell_idx].numpy()), bs=64)
    _, _, f_pbc = predict(model, D.u8_to_input(d["Xtr"][pbc_idx].numpy()), bs=64)
    _, _, f_matek = predict(model, matek_fit_inputs(d), bs=64)
    vlog, valog, f_val = predict(model, d["Xva"], bs=64)
    base_m = metrics(softmax_np(vlog), d["yva"], valog, d["yava"], vocab)
    base_attributes = base_m.get("mean_attribute_accuracy", 0.0)
    base_score = selection_score(base_m["macro_f1"], base_attributes)
    feats = np.concatenate([f_pbc, f_matek])
    lab = np.r_[np.zeros(len(f_pbc)), np.ones(len(f_matek))].astype(np.int64)
    # a dev part of each lab (30%) for choosing: fitted on the rest, probed on it
    dev = np.zeros(len(lab), dtype=bool)
    for v in (0, 1):
        idx = np.nonzero(lab == v)[0]
        dev[rng.permutation(idx)[:int(round(0.3 * len(idx)))]] = True
    W, b = final.cls.weight.detach().numpy(), final.cls.bias.detach().numpy()
    Wa, ba = final.attr.weight.detach().numpy(), final.attr.bias.detach().numpy()

    def val_score(null):
        with torch.no_grad():
            fv = null(torch.from_numpy(f_val)).numpy()
        logits = fv @ W.T + b
        m = metrics(softmax_np(logits), d["yva"], fv @ Wa.T + ba, d["yava"], vocab)
        # calibration as it will be shipped: after a temperature fitted on val
        m["ece_calibrated"] = ece_score(softmax_np(logits / fit_temperature(logits, d["yva"])), d["yva"])
        return selection_score(m["macro_f1"], m.get("mean_attribute_accuracy", 0.0)), m

    def dev_probe(null):
        with torch.no_grad():
            fd = null(torch.from_numpy(feats[dev])).numpy()
        return linear_probe(fd, lab[dev])["accuracy"]

    probe_before = linear_probe(feats[dev], lab[dev])["accuracy"]
    wanted = [int(args.lab_neutral)] if args.lab_neutral.isdigit() else list(NEUTRAL_CANDIDATES)
    rows = []
    for k in [k for k in wanted if k < f_cells.shape[1] and k < len(f_cells)]:
        null = fit_source_null(f_cells, feats[~dev], lab[~dev], k)
        score, m = val_score(null)
        rows.append(dict(components=k, dev_probe=dev_probe(null), val_score=score, val_accuracy=m["accuracy"],
                         val_macro_f1=m["macro_f1"], val_attributes=m.get("mean_attribute_accuracy", 0.0),
                         val_ece=m["ece_calibrated"]))
        log(f"lab-neutral k={k}: dev probe {rows[-1]['dev_probe']:.3f} (neck as trained {probe_before:.3f}), val "
            f"macro-F1 {m['macro_f1']:.4f} (as trained {base_m['macro_f1']:.4f}), attributes "
            f"{rows[-1]['val_attributes']:.4f} (as trained {base_attributes:.4f}), ECE {m['ece_calibrated']:.4f}, "
            f"val acc {m['accuracy']:.4f}")
    before = dict(candidates=rows, dev_probe_before=probe_before, val_score_before=base_score,
                  val_macro_f1_before=base_m["macro_f1"], val_attributes_before=base_attributes)
    pick = (choose_components(rows, base_m["macro_f1"], base_attributes, NEAR_CHANCE) if args.lab_neutral == "auto"
            else rows[0] if rows else None)
    if pick is None:
        log("lab-neutral: every candidate costs something measurable on val; the neck stays as trained" if rows else
            f"lab-neutral: {args.lab_neutral} components cannot be kept from {f_cells.shape[1]}-d features of "
            f"{len(f_cells)} cells; the neck stays as trained")
        return dict(components=0, **before)
    final.neutral = fit_source_null(f_cells, feats, lab, pick["components"])
    log(f"lab-neutral: {pick['components']} components kept, the labs' mean difference erased (fitted on "
        f"{int((lab == 0).sum())} PBC + {int((lab == 1).sum())} Matek neutrophils)")
    return dict(components=pick["components"], fit_images=dict(pbc=int((lab == 0).sum()), matek=int((lab == 1).sum())),
                cell_images=int(len(f_cells)), **before)


def calibrate(args, d, model):
    """Temperature on val; the unfamiliar rule. Mahalanobis statistics from the neck features of augmented
    training cells; each signal (Mahalanobis, energy) standardised on augmented val cells; the rule is whichever
    of {Mahalanobis, energy, max softmax probability, the larger of Mahalanobis and either} flags the most generated non-cell
    pictures (made from val images, another draw than training's) at the same threshold: a high quantile of augmented val cells, so a
    cell from another lab is not unfamiliar."""
    vlog, valog, vfeat = predict(model, d["Xva"], bs=64)
    T = fit_temperature(vlog, d["yva"])
    measures = frozenset(m for m in args.measures.split(",") if m) or frozenset(aug.MEASURES)
    feats, ys = [], []
    n_fit = 64 if args.smoke else 3000
    with torch.no_grad():
        for x, idx in augmented_batches(d["Xtr"], n_fit, 64, args.seed + 3, measures):
            feats.append(torch.from_numpy(predict(model, x.numpy(), bs=64)[2]))
            ys.append(d["ytr"][idx])
    unf = fit_unfamiliar(torch.cat(feats), torch.cat(ys), len(CLASSES))

    def components(batches):
        out = {k: [] for k in unf.COMPONENTS}
        with torch.no_grad():
            for x in batches:
                lg, _, f = predict(model, x.numpy() if torch.is_tensor(x) else x, bs=64)
                for k, v in unf.components(torch.from_numpy(f), torch.from_numpy(lg)).items():
                    out[k].append(v)
        return {k: torch.cat(v) for k, v in out.items()}

    aug_val = components(x for x, _ in augmented_batches(d["Xva_u8"], len(d["Xva_u8"]), 64, args.seed + 4, measures))
    plain_val = components([d["Xva"]])
    g = torch.Generator().manual_seed(args.seed + 5)
    n_out = 16 if args.smoke else 400
    out_u8 = ood.outlier_batch(n_out, args.size, g, d["Xva_u8"])
    outl = components(((aug.augment(out_u8[i:i + 64], g, measures) - 0.5) / 0.25) for i in range(0, n_out, 64))
    rng = np.random.default_rng(0)
    noise = torch.from_numpy((rng.standard_normal((32, 3, args.size, args.size)) * 0.8).astype(np.float32))
    noise_c = components([noise])
    centre = [float(aug_val[k].median()) for k in unf.COMPONENTS]
    scale = [max(1e-6, float(aug_val[k].quantile(0.99)) - centre[i]) for i, k in enumerate(unf.COMPONENTS)]
    candidates, best = [], None
    for use in (("mahalanobis",), ("energy",), ("msp",), ("mahalanobis", "energy"), ("mahalanobis", "msp")):
        unf.set_rule(use, centre, scale)
        score = unf.combine
        threshold = float(np.quantile(score(aug_val).numpy(), args.flag_quantile))
        row = dict(method="+".join(use), threshold=threshold,
                   val_flagged=float((score(plain_val) > threshold).float().mean()),
                   outliers_flagged=float((score(outl) > threshold).float().mean()))
        candidates.append(row)
        log(f"unfamiliar rule {row['method']}: threshold {threshold:.3f}, val flagged {row['val_flagged']:.4f}, "
            f"generated non-cells flagged {row['outliers_flagged']:.3f}")
        if best is None or row["outliers_flagged"] > best[1]["outliers_flagged"] + 0.005:
            best = (use, row)
    use, row = best
    unf.set_rule(use, centre, scale)
    score = unf.combine
    threshold = row["threshold"]
    rule = dict(method=row["method"], components=list(use),
                centre={k: centre[i] for i, k in enumerate(unf.COMPONENTS) if k in use},
                scale={k: scale[i] for i, k in enumerate(unf.COMPONENTS) if k in use},
                threshold=threshold, quantile=args.flag_quantile, val_flagged=row["val_flagged"],
                val_augmented_flagged=float((score(aug_val) > threshold).float().mean()),
                noise_flagged=float((score(noise_c) > threshold).float().mean()),
                generated_non_cells_flagged=row["outliers_flagged"], generated_non_cells=n_out,
                candidates=[dict(method=c["method"], val_flagged=c["val_flagged"],
                                 generated_non_cells_flagged=c["outliers_flagged"]) for c in candidates],
                fit_images=int(n_fit))
    log(f"temperature {T:.3f}; unfamiliar rule {rule['method']} threshold {threshold:.3f}: val flagged "
        f"{rule['val_flagged']:.4f}, augmented val {rule['val_augmented_flagged']:.4f}, noise {rule['noise_flagged']:.2f}, "
        f"generated non-cells {rule['generated_non_cells_flagged']:.3f}")
    return T, unf, rule


def evaluate(args, d, model, T, unf, rule):
    vocab = d["vocab"]
    vlog, valog, _ = predict(model, d["Xva"], bs=64)
    tlog, talog, tfeat = predict(model, d["Xte"], bs=64)
    val_m = metrics(softmax_np(vlog / T), d["yva"], valog, d["yava"], vocab)
    test_m = metrics(softmax_np(tlog / T), d["yte"], talog, d["yate"], vocab)
    tflag = unf(torch.from_numpy(tfeat), torch.from_numpy(tlog)).numpy() > rule["threshold"]
    test_m_flag = dict(flagged=float(tflag.mean()),
                       accuracy_unflagged=float((softmax_np(tlog)[~tflag].argmax(1) == d["yte"][~tflag]).mean()) if (~tflag).any() else 0.0)
    neutral = getattr(model, "net", model).neutral
    # with the lab-neutral map, the Matek neutrophils it was fitted on are not held out any more: the held-out
    # measure and the probe use the others (val and test splits)
    keep = ~lab_neutral_sets(d)[1] if neutral is not None else np.ones(len(d["held"]), dtype=bool)
    neut = [CLASSES.index("band_neutrophil"), CLASSES.index("segmented_neutrophil")]

    def held_and_probe():
        hlog, _, hfeat = predict(model, d["Xheld"][keep], bs=64)
        hpred = hlog.argmax(1) if len(hlog) else np.zeros(0, np.int64)
        as_n = int(np.isin(hpred, neut).sum())
        held = dict(n=len(hpred), as_neutrophil=as_n, rate=as_n / max(1, len(hpred)), held_out=not args.include_held_out,
                    as_myeloblast=int((hpred == CLASSES.index("myeloblast")).sum()),
                    flagged=(float((unf(torch.from_numpy(hfeat), torch.from_numpy(hlog)).numpy() > rule["threshold"]).mean())
                             if len(hfeat) else 0.0))
        _, _, pfeat = predict(model, d["Xprobe"], bs=64)
        feats = np.concatenate([pfeat, hfeat])
        labels = np.concatenate([np.zeros(len(pfeat), np.int64), np.ones(len(hfeat), np.int64)])
        probe = linear_probe(feats, labels) if min(len(pfeat), len(hfeat)) >= 10 else dict(accuracy=0.5, n=0, chance=0.5)
        return held, probe

    held, probe = held_and_probe()
    as_n = held["as_neutrophil"]
    which = "the Matek ones the lab-neutral map was not fitted on (val and test splits)" if neutral is not None else "Matek (held out)"
    probe["what"] = f"segmented neutrophils, PBC (val+test) vs {which}, neck features as the heads read them, 5-fold logistic regression"
    before = None
    if neutral is not None:
        neutral.enabled = False
        try:
            held_b, probe_b = held_and_probe()
        finally:
            neutral.enabled = True
        before = dict(matek_neutrophils=dict(n=held_b["n"], as_neutrophil=held_b["as_neutrophil"], rate=held_b["rate"],
                                             as_myeloblast=held_b["as_myeloblast"]),
                      source_probe=probe_b["accuracy"])
        log(f"without the lab-neutral map, on the same images: Matek neutrophils {held_b['as_neutrophil']}/{held_b['n']}, "
            f"source probe {probe_b['accuracy']:.3f}")
    glog, _, _ = predict(model, d["Xgr"], bs=64)
    gpred = glog.argmax(1) if len(glog) else np.zeros(0, np.int64)
    grouped = {}
    for lab in GROUPED:
        ids = [i for i, r in enumerate(d["grouped"]) if r["label"] == lab]
        pc = {}
        for i in ids:
            pc[CLASSES[gpred[i]]] = pc.get(CLASSES[gpred[i]], 0) + 1
        grouped[lab] = dict(n=len(ids), predicted=dict(sorted(pc.items(), key=lambda kv: -kv[1])))
    log(f"TEST acc {test_m['accuracy']:.4f} macro-F1 {test_m['macro_f1']:.4f} attr {test_m.get('mean_attribute_accuracy', 0):.4f} "
        f"ECE {test_m['ece']:.4f} flagged {test_m_flag['flagged']:.4f}; held-out Matek neutrophils {as_n}/{held['n']} "
        f"(myeloblast {held['as_myeloblast']}); source probe {probe['accuracy']:.3f} on {probe['n']}")
    out = dict(val=val_m, test=test_m, test_unfamiliar=test_m_flag, matek_neutrophils=held, source_probe=probe,
               grouped_labels=grouped)
    agreed = expert_agreement(d["recs"], test_m["confusion"])
    if agreed is not None:
        out["expert_agreement"] = agreed
    if before is not None:
        out["without_lab_neutral"] = before
    return out


def main(argv=None):
    args = parse_args(argv)
    t_start = time.time()
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    if args.smoke:
        args.size, args.epochs, args.batch, args.budget_minutes = 64, 1, 16, 0
        args.outliers = min(args.outliers, 4)
    out_dir = pathlib.Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    run_dir = (pathlib.Path(tempfile.mkdtemp(prefix="leukodex-smoke-")) if args.smoke and not args.name
               else pathlib.Path(args.runs) / (args.name or "full"))
    run_dir.mkdir(parents=True, exist_ok=True)

    d = prepare(args)
    pretrained_info = {}
    net = build_model(args, d, pretrained_info).to(memory_format=torch.channels_last)

    def make_net():
        return build_model(args, d, {}).to(memory_format=torch.channels_last)

    cfg = dict(n_classes=len(CLASSES), smoke=args.smoke, resume=args.resume, epochs=args.epochs, batch=args.batch,
               lr=args.lr, wd=args.wd, seed=args.seed, budget_minutes=args.budget_minutes, threads=args.threads,
               measures=[m for m in args.measures.split(",") if m], aug_strength=args.aug_strength,
               aug_final_strength=args.aug_final_strength, aug_anneal_from=args.aug_anneal_from,
               attr_weight=args.attr_weight, attr_smoothing=args.attr_smoothing,
               outliers=args.outliers, outlier_weight=args.outlier_weight,
               backbone_lr_scale=args.backbone_lr_scale if args.start not in ("scratch", "random") else 1.0,
               precision=args.precision, adversary=args.source_adversary, adversary_k=args.adversary_k)
    ck = train(net, dict(Xtr=d["Xtr"], ytr=d["ytr"], yatr=d["yatr"], Xva=d["Xva"], yva=d["yva"], yava=d["yava"],
                         adv_pbc=d["adv_pbc"], adv_matek=d["adv_matek"]),
               cfg, run_dir, d["vocab"])
    if args.train_only:
        log(f"training done: {ck['epoch']} epochs, {ck['train_seconds'] / 60:.1f} min; checkpoint {run_dir / 'last.pt'}")
        return
    if args.reuse_selection and (run_dir / "final.pt").exists():
        saved = torch.load(run_dir / "final.pt")
        final = make_net()
        final.load_state_dict(saved["state"])
        final.eval()
        chosen = dict(sd=saved["state"], views=saved["views"], weights=saved.get("weights", "last-ema"),
                      bn=saved.get("bn", "running"), score=saved.get("score"))
        model = TTANet(final, chosen["views"]).eval() if chosen["views"] > 1 else final
        rows = saved.get("rows", [])
        log(f"selection reused from {run_dir / 'final.pt'}: {chosen['weights']} / {chosen['bn']}, {chosen['views']} views")
    else:
        model, final, chosen, rows = select(args, d, ck, make_net, run_dir)
        torch.save(dict(state=chosen["sd"], views=chosen["views"], weights=chosen["weights"], bn=chosen["bn"],
                        score=chosen["score"], rows=rows, args=vars(args)), run_dir / "final.pt")
    neutral_info = neutralise(args, d, model, final)
    T, unf, rule = calibrate(args, d, model)
    evaluation = evaluate(args, d, model, T, unf, rule)
    if neutral_info is not None:
        evaluation["lab_neutral"] = neutral_info
    exp = Exported(model, T, unf).eval()
    onnx_path = out_dir / "model.onnx"
    om = export_onnx(exp, args.size, onnx_path)
    refs = reference_outputs(exp, d["recs"], args.size)
    xs = np.stack([synthetic_tensor(args.size)] + [d["Xte"][i] for i in range(min(2, len(d["Xte"])))])
    par = parity(exp, om, xs)
    log(f"exported {onnx_path} ({onnx_path.stat().st_size} bytes); torch vs ONNX: {par}")
    assert max(par.values()) < 1e-4, par
    card = cardmod.build_card(args=args, d=d, ck=ck, chosen=chosen, T=T, rule=rule, evaluation=evaluation,
                              refs=refs, onnx_path=onnx_path, pretrained=pretrained_info)
    cardmod.write_card(card, out_dir / "card.json")
    summary = dict(history=ck["history"], best=ck.get("best"), selection=rows,
                   chosen={k: v for k, v in chosen.items() if k != "sd"},
                   temperature=T, unfamiliar=rule, parity=par, total_seconds=time.time() - t_start)
    (run_dir / "summary.json").write_text(json.dumps(summary, indent=1))
    log(f"card written to {out_dir / 'card.json'}; total {time.time() - t_start:.0f}s")
    if args.smoke and not args.name:
        import shutil
        shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
