"""Where a trained model's WBCAtt attribute errors are: per attribute and per class, its accuracy next to
two yardsticks on the same images:
  - "mode": always answering the value most common for that class in the training split (what a model
    that only knows the class can do);
  - "human": agreement of WBCAtt's second, independent annotation with the first, on the images of this
    split that were annotated twice (pbc/wbcatt_reannotations.csv).
Then, per attribute, whether the confidence the app shows for a feature means something: the mean
top probability against the accuracy, and the expected calibration error (15 bins, as for the classes).

  /usr/bin/python3 models/training/attribute_report.py runs/r9/final.pt [--split val|test] [--views 1|2|4]

The weights are runs/<name>/final.pt as train.py saves it.
"""
import argparse
import collections
import csv
import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import preprocess as pp  # noqa: E402
from classifier import data as D  # noqa: E402
from classifier.config import CLASSES, ROOT  # noqa: E402
from classifier.evaluate import calibration_error, predict, softmax_np  # noqa: E402
from classifier.model import TTANet, net_for  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("weights", help="runs/<name>/final.pt as train.py saves it (state dict, views and the run's arguments)")
    ap.add_argument("--split", choices=["val", "test"], default="val")
    ap.add_argument("--views", type=int, choices=[0, 1, 2, 4], default=0, help="dihedral test-time views (0 = the run's)")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "datasets"))
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    data = pathlib.Path(args.data)
    recs = D.load_records(data)
    vocab = D.attribute_vocab(recs)
    sizes = [len(v) for _, v in vocab]
    main_recs = [r for r in recs if r["label"] in CLASSES]
    train = [r for r in main_recs if r["split"] == "train"]
    rows = sorted([r for r in main_recs if r["split"] == args.split and any(r["attrs"].values())],
                  key=lambda r: (r["source"], r["id"]))
    if not rows:
        sys.exit(f"no images with attributes in the {args.split} split")

    saved = torch.load(args.weights)
    run = saved["args"]
    net = net_for(run["start"], len(CLASSES), sizes, colour=not run["no_colour_standardisation"])
    net.load_state_dict(saved["state"])
    net.eval()
    views = args.views or saved["views"]
    model = TTANet(net, views).eval() if views > 1 else net
    X = np.stack([pp.preprocess(r["path"], run["size"]) for r in rows])
    y, ya = D.targets(rows, vocab)
    _, alog, _ = predict(model, X, bs=max(8, 128 // views))

    reann = {}
    rpath = data / "pbc" / "wbcatt_reannotations.csv"
    if rpath.exists():
        with open(rpath, newline="") as fh:
            for row in csv.DictReader(fh):
                reann[row["img_name"].rsplit(".", 1)[0]] = row

    classes = sorted({r["label"] for r in rows}, key=CLASSES.index)
    offsets = np.cumsum([0] + sizes)
    print(f"{args.weights}: {args.split} split, {len(rows)} images with attributes, {views} view(s)")
    print("cells: model / class-mode / human agreement (n twice-annotated), in %")
    print(f"{'attribute':27s}{'all':>20s}  " + "  ".join(f"{c[:20]:>20s}" for c in classes))
    means = collections.defaultdict(list)
    for j, (name, values) in enumerate(vocab):
        pred = alog[:, offsets[j]:offsets[j + 1]].argmax(1)
        mode = {c: collections.Counter(r["attrs"][name] for r in train if r["label"] == c and r["attrs"][name])
                for c in classes}
        cells = []
        for subset in [None] + classes:
            idx = [i for i, r in enumerate(rows) if ya[i, j] >= 0 and (subset is None or r["label"] == subset)]
            if not idx:
                cells.append(f"{'-':>20s}")
                continue
            acc = float(np.mean([pred[i] == ya[i, j] for i in idx]))
            base = float(np.mean([mode[rows[i]["label"]] and mode[rows[i]["label"]].most_common(1)[0][0]
                                  == values[ya[i, j]] for i in idx]))
            twice = [i for i in idx if rows[i]["id"] in reann]
            human = float(np.mean([reann[rows[i]["id"]][name] == values[ya[i, j]] for i in twice])) if twice else None
            if subset is None:
                means["model"].append(acc)
                means["mode"].append(base)
                if human is not None:
                    means["human"].append(human)
            hs = f"{human * 100:.0f}({len(twice)})" if human is not None else "-"
            cells.append(f"{acc * 100:5.1f}/{base * 100:3.0f}/{hs:>8s}")
        print(f"{name:27s}" + "  ".join(f"{c:>20s}" for c in cells))
    print("mean: model {:.1f}%, class-mode {:.1f}%, human {:.1f}%".format(
        *(100 * float(np.mean(means[k])) if means[k] else float("nan") for k in ("model", "mode", "human"))))

    print("\ncalibration of the attribute probabilities (all classes):")
    print(f"{'attribute':27s}{'accuracy':>10s}{'mean conf':>11s}{'ECE':>8s}")
    confs, hits = [], []
    for j, (name, _) in enumerate(vocab):
        k = ya[:, j] >= 0
        p = softmax_np(alog[k, offsets[j]:offsets[j + 1]])
        confs.append(p.max(1))
        hits.append(p.argmax(1) == ya[k, j])
        print(f"{name:27s}{100 * hits[-1].mean():9.1f}%{100 * confs[-1].mean():10.1f}%{calibration_error(confs[-1], hits[-1]):8.3f}")
    conf, hit = np.concatenate(confs), np.concatenate(hits)
    pooled = calibration_error(conf, hit)
    print(f"{'all attributes':27s}{100 * hit.mean():9.1f}%{100 * conf.mean():10.1f}%{pooled:8.3f}")


if __name__ == "__main__":
    main()
