"""Real images at the question bank's magnification, as the generator learns and is measured against them.

The importer brings every source to one scale (question-bank/source-scales.json: pixels per micrometre from
each source's red cells) and one crop (imageSize px at that scale). Here the same field of view is taken
(a centre square of imageSize / factor source pixels) and area-resized to the generator's size, so a
synthetic image shows what a bank image shows, at lower resolution.
"""
from __future__ import annotations

import json
import pathlib
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import preprocess as pp  # models/training (diffusion_gan/__init__.py)
from classifier import data as D
from classifier.config import CLASSES
from PIL import Image

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]

SCALES = ROOT / "question-bank" / "source-scales.json"
DATA = ROOT.parent / "shared" / "datasets"


def field_sides(scales_path=SCALES) -> dict[str, int]:
    """Source name -> side (source pixels) of the bank's field of view."""
    s = json.loads(pathlib.Path(scales_path).read_text())
    return {src["name"]: int(round(s["imageSize"] / src["factor"])) for src in s["sources"]}


def bank_field(path: str, side: int, size: int) -> np.ndarray:
    """uint8 [size, size, 3]: the centre side x side square (clamped to the image), area-resized."""
    with Image.open(path) as im:
        rgb = np.asarray(im.convert("RGB"))
    h, w = rgb.shape[:2]
    s = min(side, w, h)
    x0, y0 = (w - s) // 2, (h - s) // 2
    out = pp.area_resize(rgb[y0:y0 + s, x0:x0 + s], size)  # [3, size, size] float64 0..255
    return np.clip(np.rint(out), 0, 255).astype(np.uint8).transpose(1, 2, 0)


def _job(args):
    return bank_field(*args)


def records(split: str, data_root=DATA):
    """The classifier's records of one split (train / val / test), its 12 classes, the shared split."""
    recs = D.load_records(pathlib.Path(data_root))
    return D.splits(recs)[split]


def class_sources(recs) -> dict[str, list[str]]:
    """Per class, the sources (labs) its records come from, sorted. Of the train split: whose cells the generator
    learns each class from (segmented neutrophils: PBC's only, although the test split also holds Munich's), so
    the measures compare each class with real test images of those sources, and the game pairs its synthetic
    images with real ones of the same look."""
    out: dict[str, set[str]] = {}
    for r in recs:
        out.setdefault(r["label"], set()).add(r["source"])
    return {label: sorted(sources) for label, sources in out.items()}


def load_split(split: str, size: int, cache_dir: pathlib.Path | None, data_root=DATA, workers=2,
               limit_per_class: int | None = None):
    """(images uint8 [N, size, size, 3], labels int64 [N], records) for one split, cached as .npy."""
    recs = records(split, data_root)
    if limit_per_class is not None:
        seen: dict[str, int] = {}
        kept = []
        for r in recs:
            if seen.get(r["label"], 0) < limit_per_class:
                seen[r["label"]] = seen.get(r["label"], 0) + 1
                kept.append(r)
        recs = kept
    y = np.array([CLASSES.index(r["label"]) for r in recs], dtype=np.int64)
    sides = field_sides()
    tag = f"{split}-{size}" + (f"-k{limit_per_class}" if limit_per_class else "")

    def build():
        jobs = [(r["path"], sides[r["source"]], size) for r in recs]
        if workers > 1 and len(jobs) > 64:
            with ProcessPoolExecutor(workers) as ex:
                return np.stack(list(ex.map(_job, jobs, chunksize=32)))
        return np.stack([_job(j) for j in jobs])

    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
    x = D.cached(None if cache_dir is None else cache_dir / f"{tag}.npy", build)
    if len(x) != len(recs):
        raise RuntimeError(f"cache {tag}.npy holds {len(x)} images for {len(recs)} records: delete it")
    return x, y, recs


def to_size(images_u8: np.ndarray, size: int) -> np.ndarray:
    """uint8 NHWC images resized (bicubic) to size x size; unchanged when they already are."""
    from PIL import Image
    if images_u8.shape[1] == size:
        return images_u8
    return np.stack([np.asarray(Image.fromarray(im).resize((size, size), Image.BICUBIC)) for im in images_u8])


def load_split_via(split: str, via: int, size: int, cache_dir: pathlib.Path | None, data_root=DATA,
                   limit_per_class: int | None = None):
    """load_split at the generator's size `via`, then resized to the classifier's `size` as the generator's own
    images are: real and synthetic pictures reach the classifier through the same resolution, so the measures
    compare cells, not sharpness (a 160 px classifier would otherwise see 160 px real cells against 128 px
    synthetic ones blown up)."""
    x, y, recs = load_split(split, via, cache_dir, data_root, limit_per_class=limit_per_class)
    return to_size(x, size), y, recs


def to_tensor_range(x_u8: np.ndarray) -> np.ndarray:
    """uint8 NHWC -> float32 NCHW in [-1, 1] (the generator's range)."""
    return (x_u8.astype(np.float32).transpose(0, 3, 1, 2) / 127.5) - 1.0


def to_uint8(x: np.ndarray) -> np.ndarray:
    """float NCHW in [-1, 1] -> uint8 NHWC."""
    return np.clip(np.rint((x.transpose(0, 2, 3, 1) + 1.0) * 127.5), 0, 255).astype(np.uint8)
