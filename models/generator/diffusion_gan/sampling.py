"""Drawing images from a trained generator, reproducibly: image i of class c under seed s always comes from
the same latent (a generator seeded with s, c and i)."""
from __future__ import annotations

import hashlib
import pathlib

import numpy as np
import torch

from . import data as GD
from .net import Generator


def load_generator(path: pathlib.Path) -> tuple[Generator, dict]:
    ck = torch.load(path, map_location="cpu")
    G = Generator(len(ck["classes"]), ck["size"], ck["z_dim"], tuple(ck.get("channels", (256, 128, 64, 48, 32))))
    G.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in ck["state_dict"].items()})
    return G.eval(), ck


def version_of(path: pathlib.Path) -> str:
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()[:12]


def latent(seed: int, cls: int, index: int, z_dim: int, truncation: float | None = None) -> torch.Tensor:
    """Latent `index` of class `cls` under `seed`. With `truncation` t, the truncation trick of BigGAN (Brock et al.,
    ICLR 2019): every entry with |z| > t is drawn again (from the same seeded generator) until none is, so images
    come from the well-trained middle of the latent space: more typical, less varied. None: plain N(0, 1)."""
    g = torch.Generator().manual_seed((seed * 1_000_003 + cls * 100_003 + index) % (2 ** 63))
    z = torch.randn(z_dim, generator=g)
    if truncation is not None:
        if truncation <= 0:
            raise ValueError("truncation must be positive")
        outside = z.abs() > truncation
        while outside.any():
            z[outside] = torch.randn(int(outside.sum()), generator=g)
            outside = z.abs() > truncation
    return z


def generate(G: Generator, cls: int, indices, seed: int, batch: int = 64, truncation: float | None = None) -> np.ndarray:
    """uint8 [len(indices), S, S, 3] images of class `cls` (latents as `latent` draws them)."""
    out = []
    indices = list(indices)
    with torch.no_grad():
        for k in range(0, len(indices), batch):
            idx = indices[k:k + batch]
            z = torch.stack([latent(seed, cls, i, G.z_dim, truncation) for i in idx])
            out.append(GD.to_uint8(G(z, torch.full((len(idx),), cls)).numpy()))
    return np.concatenate(out) if out else np.zeros((0, G.size, G.size, 3), np.uint8)
