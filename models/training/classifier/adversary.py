"""The source adversary: makes the lab unreadable in the neck while the network learns (Ganin & Lempitsky,
"Unsupervised Domain Adaptation by Backpropagation", ICML 2015), on the one class both labs share.

Myeloblasts come only from Matek (Munich), so an adversary over every class would learn the class, not the lab.
Segmented neutrophils come from both: each training step adds k of PBC's and k of Matek's (training split), a small
head predicts the lab from their neck features, and a gradient-reversal layer hands the neck the opposite of that
head's gradient. The head is not part of the exported network.
"""
import math

import torch
from torch import nn


class _Reverse(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lam):
        ctx.lam = lam
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad):
        return -ctx.lam * grad, None


def reverse_gradient(x: torch.Tensor, lam: float) -> torch.Tensor:
    """Identity forward; the gradient times -lam backward."""
    return _Reverse.apply(x, lam)


def ramp(p: float) -> float:
    """DANN's schedule for the reversal strength: 0 at the start, towards 1 as training progresses (p in 0..1)."""
    return 2.0 / (1.0 + math.exp(-10.0 * min(max(p, 0.0), 1.0))) - 1.0


class SourceAdversary(nn.Module):
    """Neck features -> logit of 'from Matek'. One hidden layer: stronger than the linear probe that measures."""

    def __init__(self, width: int, hidden: int = 128):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(width, hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def forward(self, f: torch.Tensor, lam: float) -> torch.Tensor:
        return self.net(reverse_gradient(f, lam)).squeeze(1)


class PairSampler:
    """k images of each lab's shared-class training images per step, each lab's list reshuffled when used up."""

    def __init__(self, pbc_idx, matek_idx, k: int, g: torch.Generator):
        if not len(pbc_idx) or not len(matek_idx):
            raise ValueError("the source adversary needs shared-class training images from both labs")
        self.lists = [torch.as_tensor(pbc_idx, dtype=torch.long), torch.as_tensor(matek_idx, dtype=torch.long)]
        self.k, self.g = k, g
        self.order = [torch.randperm(len(lst), generator=g) for lst in self.lists]
        self.pos = [0, 0]

    def _take(self, lab: int) -> torch.Tensor:
        out = []
        need = self.k
        while need:
            if self.pos[lab] >= len(self.order[lab]):
                self.order[lab] = torch.randperm(len(self.lists[lab]), generator=self.g)
                self.pos[lab] = 0
            n = min(need, len(self.order[lab]) - self.pos[lab])
            out.append(self.lists[lab][self.order[lab][self.pos[lab]:self.pos[lab] + n]])
            self.pos[lab] += n
            need -= n
        return torch.cat(out)

    def __call__(self):
        """(PBC indices, Matek indices), k each."""
        return self._take(0), self._take(1)

    def state(self):
        return dict(order=[o.clone() for o in self.order], pos=list(self.pos), gen=self.g.get_state())

    def load(self, st):
        self.order, self.pos = [o.clone() for o in st["order"]], list(st["pos"])
        if "gen" in st:
            self.g.set_state(st["gen"])
