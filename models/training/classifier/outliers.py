"""Pictures that are not a white cell, drawn at random for outlier exposure (Hendrycks et al., ICLR 2019):
during training the network is taught to spread its class probabilities evenly over them, so that "none of
my classes" has a shape the unfamiliar rule can find.

Kinds: noise (white or smoothed, grey or coloured), flat and gradient fields, drawings (lines, boxes,
circles, polygons), text (random letters), and red cells only (a corner of a *training* image, enlarged,
where no white cell is). Drawn here from the training generator; the evaluation's non-cell pictures
(scripts/lib/non-cells.ts) are made by other code from other images (PBC test split), so they stay a test.
"""
import math
import string

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageDraw, ImageFont

KINDS = ("noise", "field", "drawing", "text", "red-cells")
_FONT = ImageFont.load_default()


def _rand_colour(rng, light=None):
    if light is None:
        return tuple(int(v) for v in rng.integers(0, 256, 3))
    lo, hi = (170, 256) if light else (0, 110)
    return tuple(int(v) for v in rng.integers(lo, hi, 3))


def _noise(rng, S):
    k = int(rng.choice([1, 2, 4, 8, 16]))
    small = max(2, S // k)
    ch = 3 if rng.random() < 0.6 else 1
    a = rng.random((ch, small, small)).astype(np.float32)
    if rng.random() < 0.5:
        a = np.clip(0.5 + rng.standard_normal((ch, small, small)).astype(np.float32) * rng.uniform(0.1, 0.4), 0, 1)
    t = torch.from_numpy(a)[None]
    t = F.interpolate(t, size=(S, S), mode="bilinear", align_corners=False)[0] if small != S else t[0]
    return t.expand(3, S, S).clamp(0, 1)


def _field(rng, S):
    c0 = torch.tensor(_rand_colour(rng), dtype=torch.float32) / 255
    c1 = torch.tensor(_rand_colour(rng), dtype=torch.float32) / 255 if rng.random() < 0.6 else c0
    th = rng.uniform(0, 2 * math.pi)
    yy, xx = torch.meshgrid(torch.linspace(-1, 1, S), torch.linspace(-1, 1, S), indexing="ij")
    t = ((xx * math.cos(th) + yy * math.sin(th)) * 0.5 + 0.5).clamp(0, 1)
    return c0.view(3, 1, 1) * (1 - t) + c1.view(3, 1, 1) * t


def _drawing(rng, S):
    img = Image.new("RGB", (S, S), _rand_colour(rng, light=rng.random() < 0.8))
    dr = ImageDraw.Draw(img)
    for _ in range(int(rng.integers(2, 9))):
        col = _rand_colour(rng)
        w = int(rng.integers(1, max(2, S // 20)))
        p = [int(v) for v in rng.integers(-S // 8, S + S // 8, 4)]
        box = [min(p[0], p[2]), min(p[1], p[3]), max(p[0], p[2]) + 2, max(p[1], p[3]) + 2]
        kind = rng.integers(0, 4)
        fill = col if rng.random() < 0.3 else None
        if kind == 0:
            dr.line(p, fill=col, width=w)
        elif kind == 1:
            dr.rectangle(box, outline=col, fill=fill, width=w)
        elif kind == 2:
            dr.ellipse(box, outline=col, fill=fill, width=w)
        else:
            pts = [tuple(int(v) for v in rng.integers(0, S, 2)) for _ in range(int(rng.integers(3, 6)))]
            dr.polygon(pts, outline=col, fill=fill)
    return torch.from_numpy(np.asarray(img, np.float32) / 255).permute(2, 0, 1)


def _text(rng, S):
    # the bitmap font on a small canvas, enlarged: letters from a few pixels to a quarter of the picture high
    small = int(rng.integers(S // 4, S))
    img = Image.new("RGB", (small, small), _rand_colour(rng, light=rng.random() < 0.8))
    dr = ImageDraw.Draw(img)
    col = _rand_colour(rng, light=False)
    y = int(rng.integers(0, 6))
    while y < small:
        n = int(rng.integers(3, 30))
        line = "".join(rng.choice(list(string.ascii_letters + string.digits + "  .,:")) for _ in range(n))
        dr.text((int(rng.integers(-4, 6)), y), line, fill=col, font=_FONT)
        y += int(rng.integers(11, 20))
    img = img.resize((S, S), Image.BILINEAR)
    return torch.from_numpy(np.asarray(img, np.float32) / 255).permute(2, 0, 1)


def _red_cells(rng, S, X_u8):
    # a corner of a training image (the white cell is centred): 26-33% of the side, enlarged to the full size
    img = X_u8[int(rng.integers(0, len(X_u8)))].float() / 255
    c = int(S * rng.uniform(0.26, 0.33))
    corner = int(rng.integers(0, 4))
    y0 = 0 if corner < 2 else S - c
    x0 = 0 if corner % 2 == 0 else S - c
    crop = img[:, y0:y0 + c, x0:x0 + c][None]
    return F.interpolate(crop, size=(S, S), mode="bilinear", align_corners=False)[0]


def outlier_batch(n: int, S: int, g: torch.Generator, X_u8: torch.Tensor) -> torch.Tensor:
    """n pictures that are not a white cell, uint8 [n,3,S,S] like the training cache (then augmented as cells are)."""
    rng = np.random.default_rng(int(torch.randint(0, 2 ** 31 - 1, (1,), generator=g)))
    out = []
    for i in range(n):
        kind = KINDS[int(rng.integers(0, len(KINDS)))]
        if kind == "noise":
            t = _noise(rng, S)
        elif kind == "field":
            t = _field(rng, S)
        elif kind == "drawing":
            t = _drawing(rng, S)
        elif kind == "text":
            t = _text(rng, S)
        else:
            t = _red_cells(rng, S, X_u8)
        out.append((t.clamp(0, 1) * 255).round().to(torch.uint8))
    return torch.stack(out)


def uniform_loss(logits: torch.Tensor) -> torch.Tensor:
    """Cross-entropy from the uniform distribution over classes (the outlier-exposure term)."""
    return -(logits.log_softmax(1).mean(1)).mean()


DESCRIPTION = ("outlier exposure: pictures that are not a white cell (noise, flat and gradient fields, drawings, "
               "random text, red cells only from training-image corners) in each batch, augmented like cells, "
               "trained towards equal class probabilities")
