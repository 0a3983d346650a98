"""The generator's measures, as plain functions of feature matrices (rows = images)."""
from __future__ import annotations

import numpy as np


def _sqrtm_psd(a: np.ndarray) -> np.ndarray:
    w, v = np.linalg.eigh((a + a.T) / 2)
    return (v * np.sqrt(np.clip(w, 0, None))) @ v.T


def frechet(a: np.ndarray, b: np.ndarray) -> float:
    """Fréchet distance between Gaussians fitted to two feature sets (as FID, in any feature space):
    |mu_a - mu_b|^2 + Tr(S_a + S_b - 2 (S_a^1/2 S_b S_a^1/2)^1/2).

    With fewer images than dimensions (a class's ~100 test images in 1024-d features) the trace of the square root is
    taken in the images' space: with A, B the centred rows divided by sqrt(n - 1) (S_a = A'A, S_b = B'B), the eigenvalues
    of S_a^1/2 S_b S_a^1/2 are the squared singular values of A B', so the trace is the sum of those singular values.
    The same number as the d x d square roots (pytest), about 50 times faster at 90 images in 1024 dimensions."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    if len(a) < 2 or len(b) < 2:
        raise ValueError("frechet needs at least two images on each side")
    mu = a.mean(0) - b.mean(0)
    if min(len(a), len(b)) < a.shape[1]:
        ca = (a - a.mean(0)) / np.sqrt(len(a) - 1)
        cb = (b - b.mean(0)) / np.sqrt(len(b) - 1)
        cross = np.linalg.svd(ca @ cb.T, compute_uv=False).sum()
        return float(mu @ mu + (ca * ca).sum() + (cb * cb).sum() - 2 * cross)
    sa, sb = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    ra = _sqrtm_psd(sa)
    return float(mu @ mu + np.trace(sa) + np.trace(sb) - 2 * np.trace(_sqrtm_psd(ra @ sb @ ra)))


def pairwise_mean(a: np.ndarray) -> float:
    """Mean Euclidean distance between distinct rows (diversity)."""
    a = np.asarray(a, np.float64)
    if len(a) < 2:
        return float("nan")
    sq = (a * a).sum(1)
    d = np.sqrt(np.clip(sq[:, None] + sq[None] - 2 * a @ a.T, 0, None))
    n = len(a)
    return float(d.sum() / (n * (n - 1)))


def nearest(a: np.ndarray, b: np.ndarray, chunk: int = 1024):
    """For each row of a: (distance to, index of) its nearest row of b."""
    a, b = np.asarray(a, np.float32), np.asarray(b, np.float32)
    sb = (b * b).sum(1)
    dist = np.empty(len(a), np.float32)
    idx = np.empty(len(a), np.int64)
    for i in range(0, len(a), chunk):
        x = a[i:i + chunk]
        d = (x * x).sum(1)[:, None] + sb[None] - 2 * x @ b.T
        j = d.argmin(1)
        idx[i:i + chunk] = j
        dist[i:i + chunk] = np.sqrt(np.clip(d[np.arange(len(x)), j], 0, None))
    return dist, idx


def split_half(n: int, seed: int):
    """Two disjoint halves of range(n), shuffled with a fixed seed."""
    p = np.random.default_rng(seed).permutation(n)
    return p[: n // 2], p[n // 2: 2 * (n // 2)]


def histogram(values, bins: int = 12, lo: float | None = None, hi: float | None = None) -> dict:
    v = np.asarray(values, np.float64)
    lo = float(v.min()) if lo is None else lo
    hi = float(v.max()) if hi is None else hi
    counts, edges = np.histogram(v, bins=bins, range=(lo, hi))
    return {"edges": [round(float(e), 3) for e in edges], "counts": [int(c) for c in counts]}
