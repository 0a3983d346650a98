"""Batched training augmentation: what differs between laboratories, drawn at random per image.

Every measure can be switched off (for the ablation table): `measures` is a set of names from MEASURES.
The input is the uint8 cache [B,3,S,S]; the output float [B,3,S,S] in 0..1 (before the model's own colour
standardisation and normalisation).
"""
import io
import math

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

MEASURES = ("framing", "stain", "illumination", "resolution", "jpeg", "focus", "noise")

# geometry always on: any rotation, flip, small aspect change and translation (a cell has no "up")
MILD_ZOOM, WIDE_ZOOM, ASPECT = (0.87, 1.15), (0.62, 1.6), 0.06

DESCRIPTION = {
    "geometry": "random rotation 0-360 deg + horizontal flip, aspect 0.94-1.06, translation +-8% (reflection padding)",
    "framing": f"magnification / framing: zoom {WIDE_ZOOM[0]}-{WIDE_ZOOM[1]} (from a small cell with much background to "
               f"a cell that fills the frame); off = {MILD_ZOOM[0]}-{MILD_ZOOM[1]}",
    "stain": "HED stain jitter (per-stain scale 0.6-1.4, shift +-0.1 OD) p=0.9; brightness, contrast 0.7-1.3, "
             "saturation 0.5-1.5, hue +-0.1 turn; grayscale p=0.05",
    "illumination": "white balance (per-channel gains 0.8-1.2), gamma 0.7-1.4, a linear illumination gradient up to "
                    "+-25% across the field, p=0.6",
    "resolution": "down-sampled by 1.5-4x (area) and back up (bilinear), as from a phone on an eyepiece or a 640x480 "
                  "camera, p=0.35",
    "jpeg": "JPEG re-encoding at quality 20-90, p=0.3",
    "focus": "gaussian blur sigma 0.5-2.0 px (at 128 px), p=0.3",
    "noise": "gaussian sensor noise sigma 0-0.04, p=0.25",
}

_RGB_FROM_HED = torch.tensor([[0.65, 0.70, 0.29], [0.07, 0.99, 0.11], [0.27, 0.57, 0.78]], dtype=torch.float32)
_RGB_FROM_HED = _RGB_FROM_HED / _RGB_FROM_HED.norm(dim=1, keepdim=True)
_HED_FROM_RGB = torch.linalg.inv(_RGB_FROM_HED)
_YIQ = torch.tensor([[0.299, 0.587, 0.114], [0.596, -0.274, -0.322], [0.211, -0.523, 0.312]])
_YIQ_INV = torch.linalg.inv(_YIQ)


def U(g, n, lo, hi):
    return torch.rand(n, generator=g) * (hi - lo) + lo


def chance(g, n, p):
    return torch.rand(n, generator=g) < p


def geometry(x, g, zoom):
    B, _, S, _ = x.shape
    th = U(g, B, 0, 2 * math.pi)
    flip = torch.where(torch.rand(B, generator=g) < 0.5, -1.0, 1.0)
    # log-uniform zoom, so zooming in and out are equally likely
    z = torch.exp(U(g, B, math.log(zoom[0]), math.log(zoom[1])))
    asp = torch.exp(U(g, B, -ASPECT, ASPECT))
    sx, sy = flip * asp / z, 1.0 / (asp * z)
    c, s = torch.cos(th), torch.sin(th)
    theta = torch.zeros(B, 2, 3)
    theta[:, 0, 0], theta[:, 0, 1] = c * sx, -s * sy
    theta[:, 1, 0], theta[:, 1, 1] = s * sx, c * sy
    theta[:, :, 2] = U(g, 2 * B, -0.08, 0.08).view(B, 2)
    grid = F.affine_grid(theta, (B, 3, S, S), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=False)


def stain(x, g, k=1.0):
    """HED stain jitter, then brightness / hue / saturation / contrast as one 3x3 per image."""
    B, _, S, _ = x.shape
    on = chance(g, B, 0.9).float().view(B, 1, 1)
    alpha = 1 + on * (U(g, 3 * B, 1 - 0.4 * k, 1 + 0.4 * k).view(B, 3, 1) - 1)
    beta = on * U(g, 3 * B, -0.1 * k, 0.1 * k).view(B, 3, 1)
    od = torch.log1p(x.reshape(B, 3, -1).mul(255)).neg_().add_(math.log(256))
    Mh = _RGB_FROM_HED.T.unsqueeze(0) @ (alpha * _HED_FROM_RGB.T.unsqueeze(0))
    od = torch.baddbmm(_RGB_FROM_HED.T.unsqueeze(0) @ beta, Mh, od)
    x = od.neg_().exp_().mul_(256).sub_(1).div_(255).clamp_(0, 1)
    bright = U(g, B, 1 - 0.3 * k, 1 + 0.3 * k).view(B, 1, 1)
    hue = U(g, B, -0.1 * k, 0.1 * k) * 2 * math.pi
    sat = U(g, B, 1 - 0.5 * k, 1 + 0.5 * k)
    sat = torch.where(chance(g, B, 0.05), torch.zeros_like(sat), sat)
    rot = torch.zeros(B, 3, 3)
    rot[:, 0, 0] = 1
    rot[:, 1, 1], rot[:, 1, 2] = torch.cos(hue) * sat, -torch.sin(hue) * sat
    rot[:, 2, 1], rot[:, 2, 2] = torch.sin(hue) * sat, torch.cos(hue) * sat
    M = (_YIQ_INV.unsqueeze(0) @ rot @ _YIQ.unsqueeze(0)) * bright
    con = U(g, B, 1 - 0.3 * k, 1 + 0.3 * k).view(B, 1, 1)
    m = (M @ x.mean(dim=2, keepdim=True)).mean(dim=1, keepdim=True)
    return torch.baddbmm((1 - con) * m, con * M, x).clamp_(0, 1).view(B, 3, S, S)


def illumination(x, g, p=0.6):
    """White balance, gamma and an uneven field (a linear gradient in a random direction)."""
    B, _, S, _ = x.shape
    on = chance(g, B, p).view(B, 1, 1, 1)
    gains = U(g, 3 * B, 0.8, 1.2).view(B, 3, 1, 1)
    gamma = torch.exp(U(g, B, math.log(0.7), math.log(1.4))).view(B, 1, 1, 1)
    ang = U(g, B, 0, 2 * math.pi)
    amp = U(g, B, 0, 0.25)
    lin = torch.linspace(-1, 1, S)
    yy, xx = torch.meshgrid(lin, lin, indexing="ij")
    grad = 1 + amp.view(B, 1, 1) * (torch.cos(ang).view(B, 1, 1) * xx + torch.sin(ang).view(B, 1, 1) * yy) / 2
    y = (x.clamp(1e-4, 1) ** gamma) * gains * grad.unsqueeze(1)
    return torch.where(on, y.clamp(0, 1), x)


def resolution(x, g, p=0.35):
    B, _, S, _ = x.shape
    on = chance(g, B, p)
    if not on.any():
        return x
    idx = torch.nonzero(on).flatten()
    f = U(g, len(idx), 1.5, 4.0)
    out = x.clone()
    for lo, hi in ((1.5, 2.2), (2.2, 3.0), (3.0, 4.01)):  # a few sizes, so each is one batched resize
        sel = idx[(f >= lo) & (f < hi)]
        if len(sel) == 0:
            continue
        small = max(8, int(round(S / ((lo + hi) / 2))))
        d = F.interpolate(x[sel], size=(small, small), mode="bilinear", antialias=True, align_corners=False)
        out[sel] = F.interpolate(d, size=(S, S), mode="bilinear", align_corners=False).clamp(0, 1)
    return out


def jpeg(x, g, p=0.3):
    B = x.shape[0]
    on = chance(g, B, p)
    if not on.any():
        return x
    q = U(g, B, 20, 90)
    out = x.clone()
    for i in torch.nonzero(on).flatten().tolist():
        arr = (x[i].permute(1, 2, 0).numpy() * 255).round().clip(0, 255).astype(np.uint8)
        buf = io.BytesIO()
        Image.fromarray(arr).save(buf, format="JPEG", quality=int(q[i]))
        buf.seek(0)
        with Image.open(buf) as im:
            dec = np.asarray(im.convert("RGB"), dtype=np.float32) / 255.0
        out[i] = torch.from_numpy(dec).permute(2, 0, 1)
    return out


def gaussian_blur(x, sigma):
    """Per-image gaussian blur: x [B,3,H,W], sigma [B] (pixels); one grouped separable convolution."""
    B, C, H, W = x.shape
    r = int(math.ceil(3 * float(sigma.max())))
    if r < 1:
        return x
    t = torch.arange(-r, r + 1, dtype=torch.float32)
    k = torch.exp(-0.5 * (t.view(1, -1) / sigma.clamp(min=1e-3).view(-1, 1)) ** 2)
    k = (k / k.sum(1, keepdim=True)).repeat_interleave(C, 0)                # [B*C, 2r+1]
    y = F.pad(x.reshape(1, B * C, H, W), (r, r, r, r), mode="reflect")
    y = F.conv2d(y, k.view(B * C, 1, 1, -1), groups=B * C)
    y = F.conv2d(y, k.view(B * C, 1, -1, 1), groups=B * C)
    return y.view(B, C, H, W)


def focus(x, g, p=0.3):
    B, _, S, _ = x.shape
    on = chance(g, B, p)
    if not on.any():
        return x
    idx = torch.nonzero(on).flatten()
    sigma = U(g, len(idx), 0.5, 2.0) * S / 128
    out = x.clone()
    out[idx] = gaussian_blur(x[idx], sigma)
    return out


def noise(x, g, p=0.25):
    B = x.shape[0]
    on = chance(g, B, p).view(B, 1, 1, 1).float()
    sd = U(g, B, 0, 0.04).view(B, 1, 1, 1)
    return (x + on * sd * torch.randn(x.shape, generator=g)).clamp(0, 1)


def zoom_range(strength: float) -> tuple[float, float]:
    """The framing measure's zoom bounds: the wide range at strength >= 1, the mild one at 0, and in between
    the log-space interpolation (a weaker framing augmentation keeps the cells nearer the scanner's size)."""
    t = min(1.0, max(0.0, strength))
    return tuple(math.exp((1 - t) * math.log(m) + t * math.log(w)) for m, w in zip(MILD_ZOOM, WIDE_ZOOM))


def annealed_strength(strength: float, final: float | None, start: float, p: float) -> float:
    """The augmentation strength at training progress p (0..1): `strength` until `start`, then linearly down to
    `final` at the end (None: no annealing). Most of the run learns what differs between labs; the last part
    lets the network fit the fine detail (a band's nucleus, a myelocyte's granules) that the strongest
    degradations wipe out."""
    if final is None or p <= start:
        return strength
    q = min(1.0, (p - start) / max(1e-9, 1.0 - start))
    return strength + (final - strength) * q


def anneal_text(strength: float, final: float, start: float) -> str:
    lo, hi = zoom_range(final)
    return (f"annealed: from {start:.0%} of the run the strength falls linearly from {strength:g} to {final:g} (each "
            f"measure's probability scaled by it; framing zoom narrowing to {lo:.2f}-{hi:.2f} at the end)")


def augment(xb: torch.Tensor, g: torch.Generator, measures=frozenset(MEASURES), strength: float = 1.0) -> torch.Tensor:
    """uint8 [B,3,S,S] -> float [B,3,S,S] in 0..1. `strength` scales each measure's probability (stain: its
    amplitude) and, below 1, narrows the framing measure's zoom range towards the mild one."""
    x = xb.float().div(255.0)
    x = geometry(x, g, zoom_range(strength) if "framing" in measures else MILD_ZOOM)
    if "stain" in measures:
        x = stain(x, g, strength)
    if "illumination" in measures:
        x = illumination(x, g, 0.6 * strength)
    if "focus" in measures:
        x = focus(x, g, 0.3 * strength)
    if "resolution" in measures:
        x = resolution(x, g, 0.35 * strength)
    if "noise" in measures:
        x = noise(x, g, 0.25 * strength)
    if "jpeg" in measures:
        x = jpeg(x, g, 0.3 * strength)
    return x


def check_measures(measures) -> frozenset:
    unknown = sorted(set(measures) - set(MEASURES))
    if unknown:
        raise ValueError(f"unknown augmentation measure(s) {unknown}; known: {', '.join(MEASURES)}")
    return frozenset(measures)


def describe(measures) -> list[str]:
    check_measures(measures)
    return [DESCRIPTION["geometry"]] + [DESCRIPTION[m] for m in MEASURES if m in measures] + (
        [] if "framing" in measures else [DESCRIPTION["framing"].split("; off = ")[0].replace("zoom", "(off) zoom")])
