"""Diffusion-GAN's forward diffusion with an adaptive length (Wang et al., ICLR 2023, sections 3.1-3.3).

Real and generated images are both diffused before the discriminator sees them:
    y = sqrt(abar_t) x + sqrt(1 - abar_t) sigma eps,   t ~ uniform{0 .. T}   (t = 0: the clean image)
with a linear beta schedule (1e-4 .. 2e-2 over T_MAX steps) and sigma = 0.05, as in the paper's code.
T adapts to the discriminator's overfitting: every `interval` discriminator steps,
    r_d = E[sign(D(y_real, t))]  (the share of real samples it is sure of, in [-1, 1]),
    p  += sign(r_d - target) * batch * interval / (kimg * 1000),   T = T_MIN + p (T_MAX - T_MIN).
An overfitting discriminator (r_d above target) gets more noise; one that struggles gets less.
"""
from __future__ import annotations

import math

import torch

T_MIN, T_MAX = 5, 500
SIGMA = 0.05


class AdaptiveDiffusion:
    def __init__(self, target: float = 0.6, interval: int = 4, kimg: float = 50.0, t_min: int = T_MIN,
                 t_max: int = T_MAX, beta_start: float = 1e-4, beta_end: float = 2e-2, sigma: float = SIGMA):
        self.target, self.interval, self.kimg = target, interval, kimg
        self.t_min, self.t_max, self.sigma = t_min, t_max, sigma
        betas = torch.linspace(beta_start, beta_end, t_max + 1, dtype=torch.float64)
        betas[0] = 0.0  # t = 0 leaves the image as it is
        self.alpha_bar = torch.cumprod(1 - betas, 0).float()
        self.p = 0.0
        self._signs: list[float] = []

    @property
    def T(self) -> int:
        return int(round(self.t_min + self.p * (self.t_max - self.t_min)))

    def sample_t(self, n: int, generator: torch.Generator | None = None) -> torch.Tensor:
        return torch.randint(0, self.T + 1, (n,), generator=generator)

    def diffuse(self, x: torch.Tensor, t: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
        ab = self.alpha_bar[t].to(x.dtype)[:, None, None, None]
        eps = torch.randn(x.shape, generator=generator, dtype=x.dtype)
        return ab.sqrt() * x + (1 - ab).sqrt() * self.sigma * eps

    def observe(self, real_logits: torch.Tensor, batch: int) -> None:
        """Record one discriminator step's logits on real samples; adjust T every `interval` steps."""
        self._signs.append(float(torch.sign(real_logits.detach()).mean()))
        if len(self._signs) >= self.interval:
            r_d = sum(self._signs) / len(self._signs)
            self._signs.clear()
            adjust = math.copysign(1.0, r_d - self.target) * batch * self.interval / (self.kimg * 1000)
            self.p = min(1.0, max(0.0, self.p + adjust))

    def state_dict(self) -> dict:
        return {"p": self.p, "signs": list(self._signs)}

    def load_state_dict(self, state: dict) -> None:
        self.p = float(state["p"])
        self._signs = list(state.get("signs", []))
