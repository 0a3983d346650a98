"""The class-conditional generator and the timestep-conditioned, projected discriminator.

Generator: z (128) and a class embedding -> 4x4x256 -> four upsampling blocks (nearest x2, 3x3 conv, pixel
norm with a class-conditional gain and bias, GLU) to 64x64 -> sub-pixel convolution to 128x128 RGB in [-1, 1]; its
widths are stored with its weights (the first shipped run used narrower ones), because it has to train on two CPU
cores.

Discriminator (Diffusion-GAN, Wang et al. ICLR 2023, with a projected discriminator after Sauer et al.
NeurIPS 2021): the (diffused) image goes through a frozen pretrained MobileNetV2 (the ImageNet-derived blocks of
the nsfwjs@4.4.0 weights the classifier also starts from); small trainable heads read its stride-8 and stride-16
feature maps, and a third, small discriminator of its own reads the image itself at 32x32 (colour, and the layout
of the whole field). Each head is conditioned on the diffusion timestep (FiLM from a sinusoidal embedding) and on
the class by projection (Miyato & Koyama 2018): logit = w.h + <embed(y), h>. Each head ends in a dense layer over
its whole 4x4 map rather than a sum over positions: the first run's sum-pooled heads judged texture only and the
generator drew blobs anywhere; a cell sits in the middle of its field, and the heads now know where things are.
From run v4 on, two more heads see full detail, which none of those could: one on the stride-4 feature map, and a
patch discriminator on the full-resolution image (TextureHead), so a two-pixel checkerboard, granules and the grain
of chromatin are judged at all (run v3 kept a checkerboard that nothing in its discriminator could see).
"""
from __future__ import annotations

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from classifier.precision import clamp_relu6

Z_DIM = 128


def pixel_norm(x: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
    """Each pixel's feature vector scaled to unit mean square (Karras et al. 2018): no batch statistics, so an
    image does not depend on the others drawn with it and eval equals training."""
    return x * torch.rsqrt(x.pow(2).mean(dim=1, keepdim=True) + eps)


class ConditionalNorm(nn.Module):
    """Pixel norm, then a class-conditional gain and bias."""

    def __init__(self, channels: int, n_classes: int):
        super().__init__()
        self.gain = nn.Embedding(n_classes, channels)
        self.bias = nn.Embedding(n_classes, channels)
        nn.init.ones_(self.gain.weight)
        nn.init.zeros_(self.bias.weight)

    def forward(self, x, y):
        return pixel_norm(x) * self.gain(y)[:, :, None, None] + self.bias(y)[:, :, None, None]


class UpBlock(nn.Module):
    """nearest x2 -> 3x3 conv -> conditional BN -> GLU; a second conv only where maps are small (cheap)."""

    def __init__(self, cin: int, cout: int, n_classes: int, second: bool):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout * 2, 3, padding=1, bias=False)
        self.norm = ConditionalNorm(cout * 2, n_classes)
        self.second = second
        if second:
            self.conv2 = nn.Conv2d(cout, cout * 2, 3, padding=1, bias=False)
            self.norm2 = ConditionalNorm(cout * 2, n_classes)

    def forward(self, x, y):
        x = F.interpolate(x, scale_factor=2, mode="nearest")
        x = F.glu(self.norm(self.conv(x), y), dim=1)
        return F.glu(self.norm2(self.conv2(x), y), dim=1) if self.second else x


def icnr_(conv: nn.Conv2d, scale: int) -> None:
    """ICNR initialisation (Aitken et al. 2017, "Checkerboard artifact free sub-pixel convolution"): the
    scale**2 sub-pixel outputs of each colour start with one shared kernel, so at initialisation the pixel
    shuffle equals a convolution followed by nearest-neighbour upsampling and draws no checkerboard; training
    then lets the sub-pixels differ. (Run v2 was initialised without it; its samples kept a faint checkerboard.)"""
    r2 = scale * scale
    out = conv.out_channels // r2
    with torch.no_grad():
        base = torch.empty(out, *conv.weight.shape[1:])
        nn.init.kaiming_uniform_(base, a=math.sqrt(5))  # nn.Conv2d's own default
        conv.weight.copy_(base.repeat_interleave(r2, dim=0))
        if conv.bias is not None:
            conv.bias.copy_(conv.bias[::r2].repeat_interleave(r2))


class Generator(nn.Module):
    """Blocks up to half the output size; the last doubling is a sub-pixel convolution (3x3 conv to 12 channels,
    pixel shuffle) and a 3x3 RGB refinement, so no wide feature map is ever held at full size (CPU budget)."""
    CHANNELS = (256, 256, 128, 96, 64)  # at 4, 8, 16, 32, 64 px (from run v4 on; v3: ..., 64, 48)

    def __init__(self, n_classes: int, size: int = 128, z_dim: int = Z_DIM, channels: tuple[int, ...] = CHANNELS):
        super().__init__()
        if size not in (64, 128):
            raise ValueError("size must be 64 or 128")
        self.n_classes, self.size, self.z_dim = n_classes, size, z_dim
        self.channels = tuple(channels)
        ch = self.channels[: int(math.log2(size)) - 2]
        self.embed = nn.Embedding(n_classes, z_dim)
        self.fc = nn.Linear(2 * z_dim, ch[0] * 2 * 16, bias=False)
        self.blocks = nn.ModuleList(UpBlock(a, b, n_classes, second=i < 3) for i, (a, b) in enumerate(zip(ch[:-1], ch[1:])))
        self.to_sub = nn.Conv2d(ch[-1], 12, 3, padding=1)
        icnr_(self.to_sub, 2)
        self.refine = nn.Conv2d(3, 3, 3, padding=1)
        nn.init.dirac_(self.refine.weight)
        nn.init.zeros_(self.refine.bias)
        self.c0 = ch[0]

    def forward(self, z, y):
        h = self.fc(torch.cat([z, self.embed(y)], 1))
        h = F.glu(h.view(-1, self.c0 * 2, 4, 4), dim=1)
        h = pixel_norm(h)
        for block in self.blocks:
            h = block(h, y)
        # the picture itself in float32 even when training under bfloat16 autocast: bfloat16 keeps 8 bits of
        # mantissa, about one grey level near white
        with torch.autocast("cpu", enabled=False):
            rgb = F.pixel_shuffle(self.to_sub(h.float()), 2)
            return torch.tanh(self.refine(rgb))


def timestep_embedding(t: torch.Tensor, dim: int = 64) -> torch.Tensor:
    """Sinusoidal embedding of integer timesteps (as in DDPM)."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    a = t.float()[:, None] * freqs[None]
    return torch.cat([a.sin(), a.cos()], 1)


def film_and_convs(h, film: nn.Linear, temb, convs) -> torch.Tensor:
    """What every discriminator head does after its first convolution: the timestep's FiLM (a gain and a bias per
    channel), leaky ReLU, then its strided convolutions, each followed by leaky ReLU."""
    g, b = film(temb).chunk(2, 1)
    h = F.leaky_relu(h * (1 + g[:, :, None, None]) + b[:, :, None, None], 0.2)
    for conv in convs:
        h = F.leaky_relu(conv(h), 0.2)
    return h


def strided_to_4(width: int, side: int) -> tuple[nn.ModuleList, int]:
    """Spectrally normalised 3x3 stride-2 convolutions that take a side x side map down to 4x4 (none if it is already
    that small), and the side they end at."""
    downs = []
    while side > 4:
        downs.append(nn.utils.spectral_norm(nn.Conv2d(width, width, 3, stride=2, padding=1)))
        side //= 2
    return nn.ModuleList(downs), side


class _ProjectedHead(nn.Module):
    """What every head ends in: a dense layer over its whole (flattened) map, then an unconditional logit plus the
    class projection <embed(y), h>. Subclasses build `dense`, `out` and `embed`."""

    def logit(self, h, y):
        h = F.leaky_relu(self.dense(h.flatten(1)), 0.2)
        return self.out(h).squeeze(1) + (self.embed(y) * h).sum(1)


class Head(_ProjectedHead):
    """One feature scale: 1x1 mix, timestep FiLM, strided convs down to 4x4, then a dense layer over the whole
    4x4 map (so the head knows where things are: a cell sits in the middle of its field) and a projection output."""

    def __init__(self, cin: int, side: int, n_classes: int, width: int = 128, t_dim: int = 64):
        super().__init__()
        sn = nn.utils.spectral_norm
        self.mix = sn(nn.Conv2d(cin, width, 1))
        self.film = nn.Linear(t_dim, 2 * width)
        self.downs, side = strided_to_4(width, side)
        self.dense = sn(nn.Linear(width * side * side, 256))
        self.out = sn(nn.Linear(256, 1))
        self.embed = sn(nn.Embedding(n_classes, 256))

    def forward(self, f, temb, y):
        h = film_and_convs(self.mix(f), self.film, temb, self.downs)
        return self.logit(h, y)


class PixelHead(_ProjectedHead):
    """A small discriminator of its own on the (diffused) image at 32x32: colour and the layout of the whole field,
    which the frozen ImageNet features (normalised, local) see poorly."""

    def __init__(self, n_classes: int, t_dim: int = 64, pixels: int = 32):
        super().__init__()
        sn = nn.utils.spectral_norm
        self.pixels = pixels
        self.c0 = sn(nn.Conv2d(3, 64, 3, padding=1))
        self.film = nn.Linear(t_dim, 2 * 64)
        self.body = nn.ModuleList([sn(nn.Conv2d(64, 128, 3, stride=2, padding=1)),
                                   sn(nn.Conv2d(128, 128, 3, stride=2, padding=1)),
                                   sn(nn.Conv2d(128, 128, 3, stride=2, padding=1))])
        side = pixels // 8
        self.dense = sn(nn.Linear(128 * side * side, 256))
        self.out = sn(nn.Linear(256, 1))
        self.embed = sn(nn.Embedding(n_classes, 256))

    def forward(self, x, temb, y):
        if x.shape[-1] != self.pixels:
            x = F.adaptive_avg_pool2d(x, self.pixels)
        h = film_and_convs(self.c0(x), self.film, temb, self.body)
        return self.logit(h, y)


class FrozenFeatures(nn.Module):
    """Stride-4 (24 ch), stride-8 (32 ch) and stride-16 (64 ch) maps of the pretrained MobileNetV2; never trained,
    eval-mode BN."""

    LAST_MODULE = 10  # features[0..10]: stem .. block_9

    def __init__(self, features: nn.Sequential):
        super().__init__()
        clamp_relu6(features)  # the generator's gradient passes through: bfloat16 needs a clamp
        self.fine = features[:4]     # stem .. block_2: stride 4, 24 channels
        self.early = features[4:7]   # block_3 .. block_5: stride 8, 32 channels
        self.mid = features[7:self.LAST_MODULE + 1]  # block_6 .. block_9: stride 16, 64 channels
        for p in self.parameters():
            p.requires_grad_(False)
        self.eval()

    def train(self, mode: bool = True):  # always eval: the BatchNorm statistics are the pretrained ones
        return super().train(False)

    def forward(self, x):
        x = (x + 1) / 2  # [-1, 1] -> the weights' [0, 1] input contract
        f = self.fine(x)
        a = self.early(f)
        return f, a, self.mid(a)


class TextureHead(nn.Module):
    """A patch discriminator on the (diffused) image at full resolution (Isola et al. 2017): three strided convs
    give one logit per 8x8-pixel patch (receptive field about 22 px, a granule, a lobe or a chromatin pattern), with
    the timestep FiLM and a class projection per patch, averaged over the field. It judges texture wherever it is,
    so it sees what none of the other heads does: a two-pixel checkerboard, granules, the grain of chromatin."""

    def __init__(self, n_classes: int, t_dim: int = 64, width: int = 64):
        super().__init__()
        sn = nn.utils.spectral_norm
        self.c0 = sn(nn.Conv2d(3, 32, 4, stride=2, padding=1))
        self.film = nn.Linear(t_dim, 2 * 32)
        self.body = nn.ModuleList([sn(nn.Conv2d(32, width, 4, stride=2, padding=1)),
                                   sn(nn.Conv2d(width, width, 4, stride=2, padding=1))])
        self.out = sn(nn.Conv2d(width, 1, 1))
        self.embed = sn(nn.Embedding(n_classes, width))

    def forward(self, x, temb, y):
        h = film_and_convs(self.c0(x), self.film, temb, self.body)
        per_patch = self.out(h).squeeze(1) + (self.embed(y)[:, :, None, None] * h).sum(1)
        return per_patch.mean(dim=(1, 2))


def nucleus_map(x: torch.Tensor, threshold: float = 0.42, softness: float = 0.04) -> torch.Tensor:
    """A soft map of where the nucleus is, from the green channel alone ([-1, 1] image in, [0, 1] map out, one
    channel): under PBC's May-Grunwald-Giemsa stain the nucleus is the darkest thing in green (its pixels below about
    0.3 of full scale in the training images; cytoplasm, red cells and background above 0.55), so the map is a
    sigmoid step at 0.42. Differentiable, so the generator's gradient reaches its colours through it."""
    green = (x[:, 1:2] + 1) / 2
    return torch.sigmoid((threshold - green) / softness)


class NucleusHead(_ProjectedHead):
    """A discriminator on the nucleus's outline alone (run v9 on): the soft nucleus map of the (diffused) image
    (`nucleus_map`) at `pixels` square (64 in run v9; 128, the full image, with --nucleus-pixels 128), one channel,
    then the timestep FiLM, strided convs to 4x4, a dense layer and the class projection. It is colour- and
    texture-blind by construction, so it can only judge the nucleus's shape and place: whether a segmented
    neutrophil has lobes joined by thin strands, a band an unbroken curved rod, a myelocyte a round or oval one.
    The other heads read the image through ImageNet features or at 32x32, where run v6 drew rings with a hole for
    segmented nuclei and v8, pushed harder towards the label, did the same."""

    def __init__(self, n_classes: int, t_dim: int = 64, width: int = 64, pixels: int = 64, stem: tuple[int, ...] = (32,)):
        super().__init__()
        sn = nn.utils.spectral_norm
        self.pixels = pixels
        self.stem = tuple(stem)
        # the stem's stride-2 convolutions run at the largest sizes, so a thin stem (run v11: 8, 16 at 128 px) costs
        # what v9's one 32-channel convolution at 64 px does; every one is 3x3, so no pixel is skipped
        self.c0 = sn(nn.Conv2d(1, self.stem[0], 3, stride=2, padding=1))
        self.film = nn.Linear(t_dim, 2 * self.stem[0])
        widths = [*self.stem, width]
        downs, side = strided_to_4(width, pixels // 2 ** len(widths))
        self.body = nn.ModuleList([*(sn(nn.Conv2d(a, b, 3, stride=2, padding=1)) for a, b in zip(widths, widths[1:])),
                                   *downs])
        self.dense = sn(nn.Linear(width * side * side, 256))
        self.out = sn(nn.Linear(256, 1))
        self.embed = sn(nn.Embedding(n_classes, 256))

    def forward(self, x, temb, y):
        m = nucleus_map(x.float())
        if m.shape[-1] != self.pixels:
            m = F.adaptive_avg_pool2d(m, self.pixels)
        h = film_and_convs(self.c0(m * 2 - 1), self.film, temb, self.body)
        return self.logit(h, y)


class ClassHead(nn.Module):
    """An auxiliary classifier (AC-GAN, Odena et al. 2017) on the frozen stride-8 and stride-16 maps of the
    (diffused) image: 1x1 mixes, the timestep FiLM, strided convs to 4x4, a dense layer, one logit per class. It is
    trained on real images only (so generated ones cannot teach it their own mistakes) and the generator is asked to
    draw images it puts in their conditioning class. The projection heads judge "real or not, given the class"; this
    one asks "which class", the question the projection heads answer too weakly for neighbouring classes (run v6
    drew segmented neutrophils as bands: 2-6% of them were named segmented by the classifier)."""

    def __init__(self, n_classes: int, size: int, t_dim: int = 64, width: int = 128):
        super().__init__()
        sn = nn.utils.spectral_norm
        self.mix8 = sn(nn.Conv2d(32, width, 1))
        self.down8 = sn(nn.Conv2d(width, width, 3, stride=2, padding=1))  # stride 8 -> stride 16
        self.mix16 = sn(nn.Conv2d(64, width, 1))
        self.film = nn.Linear(t_dim, 2 * width)
        self.downs, side = strided_to_4(width, size // 16)
        self.dense = sn(nn.Linear(width * side * side, 256))
        self.out = nn.Linear(256, n_classes)

    def forward(self, s8, s16, temb):
        h = self.mix16(s16) + self.down8(F.leaky_relu(self.mix8(s8), 0.2))
        h = film_and_convs(h, self.film, temb, self.downs)
        return self.out(F.leaky_relu(self.dense(h.flatten(1)), 0.2))


class Discriminator(nn.Module):
    """The mean of the heads' logits. `fine` adds the two heads that see full detail (run v4 on): one on the
    stride-4 features and the full-resolution TextureHead; without it this is run v3's discriminator. `nucleus` adds
    the NucleusHead (run v9 on), reading the nucleus map at `nucleus_pixels` (v9: 64; 128 is the full image, where a
    segmented neutrophil's strands are 2-4 px wide instead of 1-2), through `nucleus_stem`'s channels (v9, v10: 32; v11:
    8, 16). `nucleus_full_stem`, if given, adds a second NucleusHead that reads the map at the full image size through
    those channels, beside the first (run v12: v9's 64-px view and v11's 128-px one). `classify` adds the auxiliary
    ClassHead (run v8 on); `forward(..., with_class=True)` then also returns its class logits."""

    def __init__(self, features: FrozenFeatures, n_classes: int, size: int = 128, t_dim: int = 64, fine: bool = True,
                 classify: bool = False, nucleus: bool = False, nucleus_pixels: int = 64,
                 nucleus_stem: tuple[int, ...] = (32,), nucleus_full_stem: tuple[int, ...] = ()):
        super().__init__()
        self.features = features
        self.t_dim = t_dim
        self.fine = fine
        self.nucleus = nucleus
        heads = [Head(32, size // 8, n_classes, t_dim=t_dim), Head(64, size // 16, n_classes, t_dim=t_dim),
                 PixelHead(n_classes, t_dim=t_dim)]
        if fine:
            heads += [Head(24, size // 4, n_classes, t_dim=t_dim), TextureHead(n_classes, t_dim=t_dim)]
        if nucleus:  # last, so the earlier heads keep their state-dict keys
            heads.append(NucleusHead(n_classes, t_dim=t_dim, pixels=min(nucleus_pixels, size), stem=nucleus_stem))
            if nucleus_full_stem:
                heads.append(NucleusHead(n_classes, t_dim=t_dim, pixels=size, stem=nucleus_full_stem))
        self.heads = nn.ModuleList(heads)
        self.class_head = ClassHead(n_classes, size, t_dim=t_dim) if classify else None

    def forward(self, x, t, y, with_class: bool = False):
        temb = timestep_embedding(t, self.t_dim)
        s4, s8, s16 = self.features(x)
        inputs = (s8, s16, x, s4, x) if self.fine else (s8, s16, x)
        inputs += (x,) * (len(self.heads) - len(inputs))  # the nucleus heads read the image
        logit = sum(head(f, temb, y).float() for head, f in zip(self.heads, inputs)) / len(inputs)
        if not with_class:
            return logit
        if self.class_head is None:
            raise ValueError("this discriminator has no class head (build it with classify=True)")
        return logit, self.class_head(s8, s16, temb).float()

    def trainable(self):
        extra = [] if self.class_head is None else list(self.class_head.parameters())
        return [p for p in [*self.heads.parameters(), *extra] if p.requires_grad]
