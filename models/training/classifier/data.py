"""Records from the dataset manifests, the split, targets, and the decoded-image caches."""
import csv
import os
import pathlib
import sys
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from .config import ATTRIBUTES, CLASSES, GROUPED, HELD_OUT, SOURCES, TRAINING

sys.path.insert(0, str(TRAINING))
from split import split_of  # noqa: E402
import preprocess as pp  # noqa: E402


def load_records(data_root: pathlib.Path, sources=SOURCES):
    recs = []
    for source in sources:
        base = data_root / source
        with open(base / "manifest.csv", newline="") as fh:
            for row in csv.DictReader(fh):
                attrs = {a: row.get(a, "") or "" for a in ATTRIBUTES}
                recs.append(dict(source=source, id=row["id"], file=row["file"], path=str(base / row["file"]),
                                 label=row["label"], split=split_of(source, row["id"]), attrs=attrs,
                                 held_out=(source, row["label"]) in HELD_OUT))
    return recs


def attribute_vocab(recs):
    vocab = {a: sorted({r["attrs"][a] for r in recs if r["attrs"][a]}) for a in ATTRIBUTES}
    return [(a, vocab[a]) for a in ATTRIBUTES]


def targets(recs, vocab):
    y = np.array([CLASSES.index(r["label"]) for r in recs], dtype=np.int64)
    ya = np.full((len(recs), len(vocab)), -100, dtype=np.int64)
    for i, r in enumerate(recs):
        for j, (a, vals) in enumerate(vocab):
            if r["attrs"][a]:
                ya[i, j] = vals.index(r["attrs"][a])
    return y, ya


def splits(recs, held_out=True, train_on_held_train=False):
    """train / val / test lists of training-class records, sorted; the held-out group (HELD_OUT) is kept
    out of train and val (it stays in test, and is reported on its own over all its images).
    train_on_held_train: the held-out group's training-split images are trained on; its val and test images
    stay out of train and val (they are then the held-out measure)."""
    main = [r for r in recs if r["label"] in CLASSES]
    out = {}

    def kept_out(r, sp):
        if not held_out or sp == "test" or not r["held_out"]:
            return False
        return not (train_on_held_train and sp == "train")
    for sp in ("train", "val", "test"):
        rs = [r for r in main if r["split"] == sp and not kept_out(r, sp)]
        out[sp] = sorted(rs, key=lambda r: (r["source"], r["id"]))
    return out


def grouped_test(recs):
    return sorted([r for r in recs if r["label"] in GROUPED and r["split"] == "test"], key=lambda r: (r["source"], r["id"]))


def few_per_class(rs, k):
    """The smoke run's data: the first k records of each (source, label)."""
    seen, out = {}, []
    for r in rs:
        key = (r["source"], r["label"])
        if seen.get(key, 0) < k:
            seen[key] = seen.get(key, 0) + 1
            out.append(r)
    return out


def _load_u8(args):
    path, S = args
    return pp.to_uint8(pp.resized_pixels(path, S))


def _load_f32(args):
    path, S = args
    return pp.preprocess(path, S)


def build_cache(paths, S, kind, workers=2):
    """Decode + crop + area-resize every image once: uint8 (augmented later) or float32 (the contract's input)."""
    fn = _load_u8 if kind == "u8" else _load_f32
    jobs = [(p, S) for p in paths]
    if workers > 1 and len(jobs) > 64:
        with ProcessPoolExecutor(workers) as ex:
            arrs = list(ex.map(fn, jobs, chunksize=64))
    else:
        arrs = [fn(j) for j in jobs]
    return np.stack(arrs) if arrs else np.zeros((0, 3, S, S), np.uint8 if kind == "u8" else np.float32)


def cached(path, builder):
    """np.load(path) if it exists, else build, save atomically and return."""
    if path is None:
        return builder()
    if path.exists():
        return np.load(path)
    arr = builder()
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, arr)
    os.replace(tmp, path)
    return arr


def u8_to_input(xu8: np.ndarray) -> np.ndarray:
    """uint8 cache -> the contract's float input (for evaluation from a uint8 cache)."""
    m = np.asarray(pp.MEAN, np.float32)[:, None, None]
    s = np.asarray(pp.STD, np.float32)[:, None, None]
    return ((xu8.astype(np.float32) / 255.0 - m) / s).astype(np.float32)
