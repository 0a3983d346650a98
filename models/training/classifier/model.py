"""The network: colour standardisation, a MobileNet backbone, a shared neck, a class head and the WBCAtt
attribute heads; test-time views; what goes into the ONNX file (probabilities and the unfamiliar score)."""
import copy

import torch
import torch.nn as nn
import torchvision

from .colour import ColourStandardise
from .precision import clamp_relu6

NECK = 256


class Net(nn.Module):
    """Input: the preprocessing contract's tensor, (pixel/255 - mean) / std. The backbone sees either
    0..1 RGB (pretrained MobileNetV2, as its Keras original was fed) or the contract's tensor (scratch)."""

    def __init__(self, n_classes, attr_sizes, backbone="mnv2", colour=None, input_mean=(0.5,) * 3,
                 input_std=(0.25,) * 3, dropout=0.2, features=None, frozen=0):
        super().__init__()
        self.backbone = backbone
        self.colour = colour or ColourStandardise(enabled=False)
        self.register_buffer("in_mean", torch.tensor(input_mean).view(1, 3, 1, 1))
        self.register_buffer("in_std", torch.tensor(input_std).view(1, 3, 1, 1))
        if features is not None:
            self.features = features
        elif backbone == "mnv2":
            self.features = torchvision.models.mobilenet_v2(weights=None).features
        else:
            self.features = torchvision.models.mobilenet_v3_small(weights=None).features
        clamp_relu6(self.features)  # the same numbers and ONNX Clip; trainable under bfloat16 (precision.py)
        width = 1280 if backbone == "mnv2" else 576
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.neck = nn.Sequential(nn.Linear(width, NECK), nn.Hardswish())
        self.drop = nn.Dropout(dropout)
        self.cls = nn.Linear(NECK, n_classes)
        self.attr = nn.Linear(NECK, sum(attr_sizes))
        self.attr_sizes = list(attr_sizes)
        for mod in (self.cls, self.attr):
            nn.init.normal_(mod.weight, 0, 0.01)
            nn.init.zeros_(mod.bias)
        # the lab-neutral map (neutral.py), fitted after training; None = the neck as trained. Not a submodule
        # until set, so checkpoints saved before it load unchanged.
        self.neutral = None
        # The first `frozen` backbone modules keep their pretrained weights and BatchNorm statistics (ImageNet's,
        # no lab's): no gradients through them (about 1.6x faster steps at 128 px) and always in eval mode.
        self.frozen = int(frozen)
        for mod in self.features[:self.frozen].modules():
            mod.frozen = True
            for p in mod.parameters(recurse=False):
                p.requires_grad_(False)

    def train(self, mode=True):
        super().train(mode)
        for mod in self.features[:self.frozen]:
            mod.eval()
        return self

    def embed(self, x):
        rgb = (x * self.in_std + self.in_mean).clamp(0, 1)
        rgb = self.colour(rgb)
        z = rgb if self.backbone == "mnv2" else (rgb - self.in_mean) / self.in_std
        f = self.neck(self.pool(self.features(z)).flatten(1))
        return self.neutral(f) if self.neutral is not None else f

    def forward(self, x):
        f = self.embed(x)
        h = self.drop(f)
        return self.cls(h), self.attr(h), f


def dihedral(x, views=8):
    """The first `views` (1, 2, 4 or 8) exact pixel symmetries of a square image, stacked on the batch axis:
    identity, horizontal flip, vertical flip, 180-degree rotation, then the four with a transpose."""
    xt = x.transpose(2, 3)
    allv = [x, x.flip(3), x.flip(2), x.flip(2).flip(3), xt, xt.flip(3), xt.flip(2), xt.flip(2).flip(3)]
    return torch.cat(allv[:views], 0)


class TTANet(nn.Module):
    """Test-time augmentation baked into the model: mean of logits and features over dihedral views."""

    def __init__(self, net: Net, views: int):
        super().__init__()
        self.net, self.views, self.attr_sizes = net, views, net.attr_sizes

    def forward(self, x):
        outs = self.net(dihedral(x, self.views))
        return tuple(o.reshape(self.views, -1, o.shape[1]).mean(0) for o in outs)


class Unfamiliar(nn.Module):
    """How unlike the training images an input is, from two signals, each standardised on augmented val cells
    (z = (value - centre) / scale) and combined by the larger of those in use:
      - "mahalanobis": class-conditional Mahalanobis distance with a shared covariance (Lee et al., NeurIPS
        2018) of the neck features, the smallest over classes, divided by the feature dimension;
      - "energy": the free energy -logsumexp(logits) (Liu et al., NeurIPS 2020), low when the network is sure
        of some class;
      - "msp": minus the largest class probability (Hendrycks & Gimpel, ICLR 2017), the score outlier exposure
        trains for: it pushes pictures of nothing the network knows towards equal probabilities."""

    COMPONENTS = ("mahalanobis", "energy", "msp")

    def __init__(self, means: torch.Tensor, precision: torch.Tensor, use=("mahalanobis",), centre=(0.0, 0.0, 0.0),
                 scale=(1.0, 1.0, 1.0)):
        super().__init__()
        self.register_buffer("means", means.float())
        self.register_buffer("precision", precision.float())
        self.register_buffer("mpm", ((means.float() @ precision.float()) * means.float()).sum(1))
        self.set_rule(use, centre, scale)

    def set_rule(self, use, centre, scale):
        assert use and all(u in self.COMPONENTS for u in use), use
        self.use = tuple(u for u in self.COMPONENTS if u in use)
        self.centre = tuple(float(c) for c in centre)
        self.scale = tuple(float(s) for s in scale)

    def mahalanobis(self, f):
        fp = f @ self.precision
        d = (fp * f).sum(1, keepdim=True) - 2 * fp @ self.means.T + self.mpm.view(1, -1)
        return d.min(dim=1).values / f.shape[1]

    @staticmethod
    def energy(logits):
        return -torch.logsumexp(logits, dim=1)

    @staticmethod
    def msp(logits):
        return -torch.softmax(logits, dim=1).max(dim=1).values

    def components(self, f, logits):
        return dict(mahalanobis=self.mahalanobis(f), energy=self.energy(logits), msp=self.msp(logits))

    def combine(self, raw):
        """The score from already computed signals (a dict like `components` gives), by the current rule."""
        zs = [(raw[u] - self.centre[i]) / self.scale[i] for i, u in enumerate(self.COMPONENTS) if u in self.use]
        return zs[0] if len(zs) == 1 else torch.stack(zs, 1).max(1).values

    def forward(self, f, logits):
        return self.combine(self.components(f, logits))


@torch.no_grad()
def fit_unfamiliar(feats: torch.Tensor, y: torch.Tensor, n_classes: int, shrink=0.05) -> Unfamiliar:
    means = torch.stack([feats[y == k].mean(0) if (y == k).any() else torch.zeros(feats.shape[1])
                         for k in range(n_classes)])
    centred = feats - means[y]
    cov = centred.T @ centred / max(1, len(feats) - 1)
    cov = (1 - shrink) * cov + shrink * torch.eye(cov.shape[0]) * cov.diagonal().mean()
    return Unfamiliar(means, torch.linalg.inv(cov.double()).float())


class Exported(nn.Module):
    """What goes into the ONNX file: class probabilities (temperature baked in), attribute probabilities,
    and the unfamiliar score."""

    def __init__(self, net: nn.Module, temperature: float, unfamiliar: Unfamiliar):
        super().__init__()
        self.net, self.unfamiliar = net, unfamiliar
        self.register_buffer("inv_t", torch.tensor(1.0 / temperature, dtype=torch.float32))

    def forward(self, input):
        logits, alog, f = self.net(input)
        class_probs = torch.softmax(logits * self.inv_t, dim=1)
        blocks, o = [], 0
        for n in self.net.attr_sizes:
            blocks.append(torch.softmax(alog[:, o:o + n], dim=1))
            o += n
        return class_probs, torch.cat(blocks, dim=1), self.unfamiliar(f, logits)


class EMA:
    def __init__(self, model, decay):
        self.decay = decay
        self.model = copy.deepcopy(model).eval()
        for p in self.model.parameters():
            p.requires_grad_(False)

    @torch.no_grad()
    def update(self, model, step):
        d = min(self.decay, (1 + step) / (10 + step))
        msd = model.state_dict()
        for k, v in self.model.state_dict().items():
            if v.dtype.is_floating_point:
                v.mul_(d).add_(msd[k].detach(), alpha=1 - d)
            else:
                v.copy_(msd[k])


def net_for(start: str, n_classes: int, attr_sizes, colour_ref=None, colour=True) -> Net:
    """The trained network's layout for `start` (pretrained / imagenet-blocks / scratch), fresh weights, to load
    a state dict saved by train.py."""
    from .colour import ColourStandardise
    ref = colour_ref or dict(mean=(0.0, 0.0, 0.0), std=(1.0, 1.0, 1.0))
    cs = ColourStandardise(ref["mean"], ref["std"], enabled=colour)
    if start == "scratch":
        return Net(n_classes, attr_sizes, backbone="mnv3s", colour=cs)
    from .pretrained import keras_mobilenet_v2
    return Net(n_classes, attr_sizes, backbone="mnv2", colour=cs, features=keras_mobilenet_v2().features)
