"""The preprocessing contract shared with the app (src/lib/classifier reimplements it in TypeScript).

decode JPEG -> RGB (PIL) -> centre square crop of side s = min(w, h) at offset
(floor((w - s) / 2), floor((h - s) / 2)) -> "area" resize to S x S (separable box filter with
fractional pixel coverage, float64: out = W @ img @ W.T per channel) -> x = (out / 255 - mean) / std,
float32, CHW.
"""
from functools import lru_cache

import numpy as np
from PIL import Image

# Written into the card (input.mean / input.std).
MEAN = (0.5, 0.5, 0.5)
STD = (0.25, 0.25, 0.25)


@lru_cache(maxsize=16)
def area_weights(s: int, S: int) -> np.ndarray:
    """S x s float64 matrix: row o averages source interval [o*s/S, (o+1)*s/S) with fractional coverage."""
    W = np.zeros((S, s), dtype=np.float64)
    scale = s / S
    for o in range(S):
        a, b = o * s / S, (o + 1) * s / S
        k0, k1 = int(np.floor(a)), int(np.ceil(b))
        for k in range(k0, min(k1, s)):
            overlap = min(b, k + 1) - max(a, k)
            if overlap > 0:
                W[o, k] = overlap / scale
    W.setflags(write=False)
    return W


def load_square(path) -> np.ndarray:
    """Decode to RGB and take the centre square crop: uint8 [s, s, 3]."""
    with Image.open(path) as im:
        rgb = np.asarray(im.convert("RGB"))
    h, w = rgb.shape[:2]
    s = min(w, h)
    x0, y0 = (w - s) // 2, (h - s) // 2
    return rgb[y0:y0 + s, x0:x0 + s]


@lru_cache(maxsize=16)
def _band(s: int, S: int):
    """W in banded form (each row has only a few non-zeros): column indices and weights, [S, K]."""
    W = area_weights(s, S)
    nz = [np.nonzero(W[o])[0] for o in range(S)]
    K = max(len(n) for n in nz)
    idx = np.zeros((S, K), dtype=np.int64)
    wts = np.zeros((S, K), dtype=np.float64)
    for o, n in enumerate(nz):
        idx[o, :len(n)] = n
        idx[o, len(n):] = n[-1]
        wts[o, :len(n)] = W[o, n]
    return idx, wts


def _apply_rows(img: np.ndarray, idx: np.ndarray, wts: np.ndarray) -> np.ndarray:
    """W @ img along axis 0 (img [s, ...]), using the banded form; identical maths to the dense product."""
    out = wts[:, 0].reshape((-1,) + (1,) * (img.ndim - 1)) * img[idx[:, 0]]
    for j in range(1, idx.shape[1]):
        out += wts[:, j].reshape((-1,) + (1,) * (img.ndim - 1)) * img[idx[:, j]]
    return out


def area_resize(square: np.ndarray, S: int) -> np.ndarray:
    """Area resize of an [s, s, 3] image to float64 [3, S, S] in the 0..255 range: W @ img @ W.T per channel."""
    s = square.shape[0]
    idx, wts = _band(s, S)
    img = square.astype(np.float64)                   # [s(y), s(x), 3]
    rows = _apply_rows(img, idx, wts)                 # W @ img       -> [S, s, 3]
    out = _apply_rows(rows.transpose(1, 0, 2), idx, wts)  # (W @ (W@img).T) = (W@img@W.T).T -> [S(x), S(y), 3]
    return out.transpose(2, 1, 0).copy()              # [3, S(y), S(x)]


def area_resize_dense(square: np.ndarray, S: int) -> np.ndarray:
    """Reference dense form of area_resize (slow without an optimised BLAS); used by the self-test."""
    W = area_weights(square.shape[0], S)
    img = square.astype(np.float64)
    return np.stack([W @ img[:, :, c] @ W.T for c in range(3)])


def resized_pixels(path, S: int) -> np.ndarray:
    """float64 [3, S, S], 0..255: the image after crop + area resize, before normalisation."""
    return area_resize(load_square(path), S)


def normalize(pixels: np.ndarray, mean=MEAN, std=STD) -> np.ndarray:
    m = np.asarray(mean, dtype=np.float64)[:, None, None]
    sd = np.asarray(std, dtype=np.float64)[:, None, None]
    return ((pixels / 255.0 - m) / sd).astype(np.float32)


def preprocess(path, S: int, mean=MEAN, std=STD) -> np.ndarray:
    """The contract: float32 [3, S, S] network input for one image file."""
    return normalize(resized_pixels(path, S), mean, std)


def to_uint8(pixels: np.ndarray) -> np.ndarray:
    """Training-cache storage of resized_pixels (rounded); augmentation works from this."""
    return np.clip(np.rint(pixels), 0, 255).astype(np.uint8)
