"""Train the Leukodex white-blood-cell classifier (multi-task: 12 classes + 11 WBCAtt attributes).

    /usr/bin/python3 models/training/train_classifier.py            # full run -> models/classifier/
    /usr/bin/python3 models/training/train_classifier.py --resume   # continue from runs/<name>/last.pt
    /usr/bin/python3 models/training/train_classifier.py --smoke --out /tmp/x   # CI: tiny end-to-end run

Data: ../shared/datasets/{pbc,matek-aml}/manifest.csv; split by split.py (train / val / test).
Trains on train, selects the epoch and fits the temperature on val, reports on test.
"""
import os
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # shared 2-core machine: don't spin-wait (before torch loads)
import argparse
import csv
import datetime
import json
import math
import os
import pathlib
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
from split import split_of  # noqa: E402
import preprocess as pp  # noqa: E402

CLASSES = ["basophil", "eosinophil", "erythroblast", "promyelocyte", "myelocyte", "metamyelocyte",
           "band_neutrophil", "segmented_neutrophil", "lymphocyte", "monocyte", "platelet", "myeloblast"]
GROUPED = ["immature_granulocyte", "neutrophil"]
ATTRIBUTES = ["cell_size", "cell_shape", "nucleus_shape", "nuclear_cytoplasmic_ratio", "chromatin_density",
              "cytoplasm_vacuole", "cytoplasm_texture", "cytoplasm_colour", "granule_type", "granule_colour",
              "granularity"]
SOURCES = ["pbc", "matek-aml"]
# Fixed reference images for the card: (source, label) -> first test-split id in sorted order.
REFERENCE = [("pbc", "basophil"), ("pbc", "eosinophil"), ("pbc", "erythroblast"), ("pbc", "promyelocyte"),
             ("pbc", "band_neutrophil"), ("pbc", "lymphocyte"), ("pbc", "platelet"), ("matek-aml", "myeloblast")]
# Zoom and aspect are kept mild: PBC is imaged at one magnification, so apparent size and roundness are
# what the cell_size / cell_shape attributes describe (0.8-1.25 zoom cost them); Matek's other scale is
# still covered.
ZOOM, ASPECT = (0.87, 1.15), 0.06
ATTR_WEIGHT = 1.0
AUGMENTATION = [
    "random rotation 0-360 deg (covers 90-deg rotations) + horizontal flip",
    f"random zoom {ZOOM[0]}-{ZOOM[1]}, aspect {1 - ASPECT:.2f}-{1 + ASPECT:.2f}, translation +-8% (affine, reflection padding)",
    "HED-space stain jitter (per-stain scale 0.7-1.3, shift +-0.06 OD), p=0.8",
    "brightness 0.7-1.3, contrast 0.7-1.3, saturation 0.5-1.5, hue +-0.08 turn (YIQ rotation)",
    "per-channel gains 0.85-1.15",
    "random grayscale p=0.1",
    "blur (blend 0.3-1 with 3x3 box blur) p=0.25",
    "gaussian noise sigma 0-0.03 p=0.25",
]


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


# ----------------------------------------------------------------------------------------------- data

def load_records(data_root: pathlib.Path):
    recs = []
    for source in SOURCES:
        base = data_root / source
        with open(base / "manifest.csv", newline="") as fh:
            for row in csv.DictReader(fh):
                attrs = {a: row.get(a, "") or "" for a in ATTRIBUTES}
                recs.append(dict(source=source, id=row["id"], file=row["file"], path=str(base / row["file"]),
                                 label=row["label"], split=split_of(source, row["id"]), attrs=attrs))
    return recs


def attribute_vocab(recs):
    vocab = {a: sorted({r["attrs"][a] for r in recs if r["attrs"][a]}) for a in ATTRIBUTES}
    return [(a, vocab[a]) for a in ATTRIBUTES]


def targets(recs, vocab):
    y = np.array([CLASSES.index(r["label"]) for r in recs], dtype=np.int64)
    ya = np.full((len(recs), len(vocab)), -100, dtype=np.int64)
    for i, r in enumerate(recs):
        for j, (a, vals) in enumerate(vocab):
            if r["attrs"][a]:
                ya[i, j] = vals.index(r["attrs"][a])
    return y, ya


def _load_u8(args):
    path, S = args
    return pp.to_uint8(pp.resized_pixels(path, S))


def _load_f32(args):
    path, S = args
    return pp.preprocess(path, S)


def build_cache(paths, S, kind, workers):
    fn = _load_u8 if kind == "u8" else _load_f32
    jobs = [(p, S) for p in paths]
    if workers > 1 and len(jobs) > 64:
        with ProcessPoolExecutor(workers) as ex:
            arrs = list(ex.map(fn, jobs, chunksize=64))
    else:
        arrs = [fn(j) for j in jobs]
    return np.stack(arrs) if arrs else np.zeros((0, 3, S, S), np.uint8 if kind == "u8" else np.float32)


def cached(path, builder):
    if path is None:
        return builder()
    if path.exists():
        return np.load(path, mmap_mode=None)
    arr = builder()
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, arr)
    os.replace(tmp, path)
    return arr


# ----------------------------------------------------------------------------------------------- augmentation

_RGB_FROM_HED = torch.tensor([[0.65, 0.70, 0.29], [0.07, 0.99, 0.11], [0.27, 0.57, 0.78]], dtype=torch.float32)
_RGB_FROM_HED = _RGB_FROM_HED / _RGB_FROM_HED.norm(dim=1, keepdim=True)
_HED_FROM_RGB = torch.linalg.inv(_RGB_FROM_HED)
_YIQ = torch.tensor([[0.299, 0.587, 0.114], [0.596, -0.274, -0.322], [0.211, -0.523, 0.312]])
_YIQ_INV = torch.linalg.inv(_YIQ)


def U(g, n, lo, hi):
    return torch.rand(n, generator=g) * (hi - lo) + lo


def augment(xb: torch.Tensor, g: torch.Generator, strength: float = 1.0, zoom=ZOOM, aspect: float = ASPECT) -> torch.Tensor:
    """uint8 [B,3,S,S] -> float [B,3,S,S] in 0..1, batched geometric + colour/stain augmentation.
    `strength` scales the colour/stain ranges and the grayscale/blur/noise probabilities (geometry is unchanged);
    `zoom` (lo, hi) and `aspect` (log-ratio bound) set the scale jitter."""
    k = strength
    B, _, S, _ = xb.shape
    x = xb.float().div_(255.0)
    # geometry: rotation, flip, zoom, aspect, translation in one affine grid_sample
    th = U(g, B, 0, 2 * math.pi)
    flip = torch.where(torch.rand(B, generator=g) < 0.5, -1.0, 1.0)
    zoom = U(g, B, *zoom)
    asp = torch.exp(U(g, B, -aspect, aspect))
    sx, sy = flip * asp / zoom, 1.0 / (asp * zoom)
    c, s = torch.cos(th), torch.sin(th)
    theta = torch.zeros(B, 2, 3)
    theta[:, 0, 0], theta[:, 0, 1] = c * sx, -s * sy
    theta[:, 1, 0], theta[:, 1, 1] = s * sx, c * sy
    theta[:, :, 2] = U(g, 2 * B, -0.08, 0.08).view(B, 2)
    grid = F.affine_grid(theta, (B, 3, S, S), align_corners=False)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=False)
    # HED stain jitter (optical density -> stain concentrations, scale + shift, back), p = 0.8
    on = (torch.rand(B, generator=g) < 0.8).float().view(B, 1, 1)
    alpha = 1 + on * (U(g, 3 * B, 1 - 0.3 * k, 1 + 0.3 * k).view(B, 3, 1) - 1)
    beta = on * U(g, 3 * B, -0.06 * k, 0.06 * k).view(B, 3, 1)
    od = torch.log1p(x.view(B, 3, -1).mul(255)).neg_().add_(math.log(256))       # -log((255x + 1) / 256)
    # od' = R^T (alpha * (H^T od) + beta)  with H = HED_FROM_RGB, R = RGB_FROM_HED  (row-vector convention)
    Mh = _RGB_FROM_HED.T.unsqueeze(0) @ (alpha * _HED_FROM_RGB.T.unsqueeze(0))
    od = torch.baddbmm(_RGB_FROM_HED.T.unsqueeze(0) @ beta, Mh, od)
    x = od.neg_().exp_().mul_(256).sub_(1).div_(255).clamp_(0, 1)                  # [B,3,HW]
    # linear colour ops composed into one 3x3 per image: channel gains, brightness, hue + saturation,
    # grayscale (p=0.1), then contrast about the image mean
    gains = torch.diag_embed(U(g, 3 * B, 1 - 0.15 * k, 1 + 0.15 * k).view(B, 3)) * U(g, B, 1 - 0.3 * k, 1 + 0.3 * k).view(B, 1, 1)
    hue = U(g, B, -0.08 * k, 0.08 * k) * 2 * math.pi
    sat = U(g, B, 1 - 0.5 * k, 1 + 0.5 * k)
    gray = torch.rand(B, generator=g) < 0.1 * k
    sat = torch.where(gray, torch.zeros_like(sat), sat)
    rot = torch.zeros(B, 3, 3)
    rot[:, 0, 0] = 1
    rot[:, 1, 1], rot[:, 1, 2] = torch.cos(hue) * sat, -torch.sin(hue) * sat
    rot[:, 2, 1], rot[:, 2, 2] = torch.sin(hue) * sat, torch.cos(hue) * sat
    M = _YIQ_INV.unsqueeze(0) @ rot @ _YIQ.unsqueeze(0) @ gains
    con = U(g, B, 1 - 0.3 * k, 1 + 0.3 * k).view(B, 1, 1)
    m = (M @ x.mean(dim=2, keepdim=True)).mean(dim=1, keepdim=True)                # [B,1,1]
    x = torch.baddbmm((1 - con) * m, con * M, x).clamp_(0, 1).view(B, 3, S, S)
    # blur on a random quarter: blend with a 3x3 box blur, strength 0.3-1
    blur = torch.rand(B, generator=g) < 0.25 * k
    if blur.any():
        xs = x[blur]
        a = U(g, int(blur.sum()), 0.3, 1.0).view(-1, 1, 1, 1)
        x[blur] = xs + a * (F.avg_pool2d(F.pad(xs, (1, 1, 1, 1), mode="replicate"), 3, stride=1) - xs)
    # sensor noise on a random quarter
    noisy = torch.rand(B, generator=g) < 0.25 * k
    if noisy.any():
        x[noisy] = (x[noisy] + torch.randn(x[noisy].shape, generator=g) * U(g, int(noisy.sum()), 0, 0.03).view(-1, 1, 1, 1)).clamp_(0, 1)
    return x


def normalize_t(x: torch.Tensor) -> torch.Tensor:
    m = torch.tensor(pp.MEAN, dtype=torch.float32).view(1, 3, 1, 1)
    s = torch.tensor(pp.STD, dtype=torch.float32).view(1, 3, 1, 1)
    return (x - m) / s


# ----------------------------------------------------------------------------------------------- model

class Net(nn.Module):
    def __init__(self, n_classes, attr_sizes, dropout=0.2):
        super().__init__()
        mb = torchvision.models.mobilenet_v3_small(weights=None)
        self.features = mb.features
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.neck = nn.Sequential(nn.Linear(576, 1024), nn.Hardswish(), nn.Dropout(dropout))
        self.cls = nn.Linear(1024, n_classes)
        self.attr = nn.Linear(1024, sum(attr_sizes))
        self.attr_sizes = list(attr_sizes)
        for mod in (self.cls, self.attr):
            nn.init.normal_(mod.weight, 0, 0.01)
            nn.init.zeros_(mod.bias)

    def forward(self, x):
        f = self.neck(self.pool(self.features(x)).flatten(1))
        return self.cls(f), self.attr(f)


def dihedral(x, views=8):
    """The first `views` (1, 4 or 8) exact pixel symmetries of a square image, stacked on the batch axis:
    identity, horizontal flip, vertical flip, 180-degree rotation, then the four with a transpose."""
    xt = x.transpose(2, 3)
    allv = [x, x.flip(3), x.flip(2), x.flip(2).flip(3), xt, xt.flip(3), xt.flip(2), xt.flip(2).flip(3)]
    return torch.cat(allv[:views], 0)


class TTANet(nn.Module):
    """Test-time augmentation baked into the model: mean of the logits over dihedral views."""

    def __init__(self, net: Net, views: int = 8):
        super().__init__()
        self.net = net
        self.views = views
        self.attr_sizes = net.attr_sizes

    def forward(self, x):
        lo, al = self.net(dihedral(x, self.views))
        return lo.reshape(self.views, -1, lo.shape[1]).mean(0), al.reshape(self.views, -1, al.shape[1]).mean(0)


class Exported(nn.Module):
    """What goes into the ONNX file: probabilities, temperature baked in."""

    def __init__(self, net: nn.Module, temperature: float):
        super().__init__()
        self.net = net
        self.register_buffer("inv_t", torch.tensor(1.0 / temperature, dtype=torch.float32))

    def forward(self, input):
        logits, alog = self.net(input)
        class_probs = torch.softmax(logits * self.inv_t, dim=1)
        blocks, o = [], 0
        for n in self.net.attr_sizes:
            blocks.append(torch.softmax(alog[:, o:o + n], dim=1))
            o += n
        return class_probs, torch.cat(blocks, dim=1)


class EMA:
    def __init__(self, model, decay):
        import copy
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


class ThreadTuner:
    """The machine is shared with npm builds/tests: with other load, 2 intra-op threads can be much
    slower than 1 (barrier stalls). Periodically probe the other setting for a few steps; keep the faster."""

    def __init__(self, max_threads, period=40, probe=6):
        self.options = sorted({1, max(1, max_threads)})
        self.current = self.options[0]
        self.period, self.probe = period, probe
        self.n = 0
        self.times = {o: [] for o in self.options}
        self.probing = None
        torch.set_num_threads(self.current)

    def before_step(self):
        self.n += 1
        if len(self.options) > 1 and self.probing is None and self.n % self.period == 0:
            self.probing = [o for o in self.options if o != self.current][0]
            self.probe_times = []
            torch.set_num_threads(self.probing)

    def after_step(self, dt):
        if self.probing is not None:
            self.probe_times.append(dt)
            if len(self.probe_times) >= self.probe:
                probe = float(np.median(self.probe_times[1:]))
                mine = self.recent()
                if probe < 0.9 * mine:
                    self.current = self.probing
                    self.times[self.current] = self.probe_times[1:]
                self.probing = None
                torch.set_num_threads(self.current)
        else:
            self.times[self.current] = (self.times[self.current] + [dt])[-10:]

    def recent(self):
        t = self.times[self.current]
        return float(np.median(t)) if t else float("inf")


# ----------------------------------------------------------------------------------------------- metrics

def stage_record(run_args: dict, epochs: int, seconds: float, run: str | None = None) -> dict:
    """What the card says about one training run; runs saved before a flag existed used its default."""
    rec = dict(size=int(run_args["size"]), epochs=int(epochs), seconds=float(seconds),
               aug_strength=float(run_args.get("aug_strength", 1.0)),
               zoom=float(run_args.get("zoom", ZOOM[1])),
               attr_weight=float(run_args.get("attr_weight", ATTR_WEIGHT)),
               attr_share=float(run_args.get("attr_share", 0.0)),
               attr_smoothing=float(run_args.get("attr_smoothing", 0.05)))
    if run:
        rec["run"] = run
    return rec


def masked_attr_loss(alog, ya, sizes, smoothing):
    losses, o = [], 0
    for j, n in enumerate(sizes):
        t = ya[:, j]
        m = t >= 0
        if m.any():
            losses.append(F.cross_entropy(alog[m, o:o + n], t[m], label_smoothing=smoothing))
        o += n
    return torch.stack(losses).mean() if losses else alog.sum() * 0


@torch.no_grad()
def predict(model, X, bs=128):
    """X float32 normalized [N,3,S,S] numpy -> (class logits, attribute logits) numpy."""
    model.eval()
    outs, aouts = [], []
    for i in range(0, len(X), bs):
        xb = torch.from_numpy(np.ascontiguousarray(X[i:i + bs])).contiguous(memory_format=torch.channels_last)
        lo, al = model(xb)
        outs.append(lo)
        aouts.append(al)
    if not outs:
        return np.zeros((0, len(CLASSES)), np.float32), np.zeros((0, sum(model.attr_sizes)), np.float32)
    return torch.cat(outs).numpy(), torch.cat(aouts).numpy()


def softmax_np(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def ece_score(probs, y, bins=15):
    return calibration_error(probs.max(1), probs.argmax(1) == y, bins)


def calibration_error(conf, correct, bins=15):
    """Expected calibration error of (top probability, was it right) pairs, in equal-width bins."""
    if len(conf) == 0:
        return 0.0
    correct = np.asarray(correct, dtype=np.float64)
    edges = np.linspace(0, 1, bins + 1)
    e = 0.0
    for b in range(bins):
        lo, hi = edges[b], edges[b + 1]
        m = (conf > lo) & (conf <= hi) if b > 0 else (conf >= lo) & (conf <= hi)
        if m.any():
            e += m.mean() * abs(correct[m].mean() - conf[m].mean())
    return float(e)


def metrics(probs, y, alog, ya, sizes, vocab):
    n = len(y)
    pred = probs.argmax(1) if n else np.zeros(0, np.int64)
    K = len(CLASSES)
    cm = np.zeros((K, K), dtype=np.int64)
    for t, p in zip(y, pred):
        cm[t, p] += 1
    per_class, f1s = {}, []
    for k, c in enumerate(CLASSES):
        tp = cm[k, k]
        prec = tp / cm[:, k].sum() if cm[:, k].sum() else 0.0
        rec = tp / cm[k].sum() if cm[k].sum() else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[c] = dict(precision=float(prec), recall=float(rec), f1=float(f1), support=int(cm[k].sum()))
        if cm[k].sum():
            f1s.append(f1)
    attr_acc, o = {}, 0
    for j, (a, vals) in enumerate(vocab):
        nv = len(vals)
        m = ya[:, j] >= 0
        if m.any():
            attr_acc[a] = float((alog[m, o:o + nv].argmax(1) == ya[m, j]).mean())
        o += nv
    out = dict(n=int(n), accuracy=float((pred == y).mean()) if n else 0.0,
               macro_f1=float(np.mean(f1s)) if f1s else 0.0, per_class=per_class,
               confusion=dict(labels=list(CLASSES), matrix=cm.tolist()), ece=ece_score(probs, y))
    if attr_acc:
        out["attribute_accuracy"] = attr_acc
        out["mean_attribute_accuracy"] = float(np.mean(list(attr_acc.values())))
    return out


@torch.no_grad()
def recalibrate_bn(net, Xu8, idx, bs, augmented, seed):
    """Re-estimate BatchNorm running statistics (cumulative average) on train images Xu8[idx]."""
    for mod in net.modules():
        if isinstance(mod, nn.modules.batchnorm._BatchNorm):
            mod.reset_running_stats()
            mod.momentum = None
    net.train()
    g = torch.Generator().manual_seed(seed)
    for i in range(0, len(idx), bs):
        xb = Xu8[idx[i:i + bs]]
        x = augment(xb, g) if augmented else xb.float() / 255.0
        net(normalize_t(x).contiguous(memory_format=torch.channels_last))
    for mod in net.modules():
        if isinstance(mod, nn.modules.batchnorm._BatchNorm):
            mod.momentum = 0.01
    net.eval()


def fit_temperature(logits, y):
    if len(y) == 0:
        return 1.0
    z = torch.from_numpy(logits).double()
    t = torch.from_numpy(y)
    log_t = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([log_t], lr=0.1, max_iter=200, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(z / log_t.exp(), t)
        loss.backward()
        return loss

    opt.step(closure)
    return float(log_t.exp().clamp(0.05, 20.0))


# ----------------------------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="tiny end-to-end run (a few images, 2 iterations)")
    ap.add_argument("--resume", action="store_true", help="continue from the last checkpoint of this run")
    ap.add_argument("--out", default=str(ROOT / "models" / "classifier"), help="where model.onnx + card.json go")
    ap.add_argument("--epochs", type=int, default=60, help="maximum epochs (the LR schedule spans these ...")
    ap.add_argument("--budget-minutes", type=float, default=70.0,
                    help="... or this much training wall time (the final validation pass included), whichever comes first; 0 = no time budget")
    ap.add_argument("--size", type=int, default=160)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--wd", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "datasets"))
    ap.add_argument("--runs", default=str(HERE / "runs"))
    ap.add_argument("--name", default=None, help="run folder under --runs (default: full / smoke)")
    ap.add_argument("--tta", choices=["auto", "on", "off", "4", "8"], default="auto",
                    help="bake 4- or 8-view dihedral TTA into the ONNX model (on = 8); auto = the view count that "
                         "scores best on val, the fewer views when within 0.001 (each view costs a full inference)")
    ap.add_argument("--init", default=None,
                    help="start from the EMA weights of another run's last checkpoint (a run name under --runs, or a "
                         "last.pt path), with a fresh optimiser and LR cycle (and any --size, --lr, --wd, --aug-strength): "
                         "the second stage of train.sh. Its epochs and training time count in the card")
    ap.add_argument("--aug-strength", type=float, default=1.0,
                    help="scale the colour/stain jitter ranges and the grayscale/blur/noise probabilities (1 = as listed)")
    ap.add_argument("--attr-weight", type=float, default=ATTR_WEIGHT,
                    help="weight of the masked attribute loss against the class loss")
    ap.add_argument("--attr-share", type=float, default=0.0,
                    help="fraction of each batch drawn from the training images that have WBCAtt attributes "
                         "(0 = plain shuffled batches)")
    ap.add_argument("--attr-smoothing", type=float, default=0.05, help="label smoothing of the attribute losses")
    ap.add_argument("--zoom", type=float, default=ZOOM[1],
                    help="scale jitter: zoom in 1/Z..Z, aspect jitter kept proportionate; 1 = no scale jitter")
    ap.add_argument("--train-only", action="store_true",
                    help="stop after the training epochs (no selection, test or export): the first stage of train.sh")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    t_start = time.time()
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)

    data_root = pathlib.Path(args.data)
    out_dir = pathlib.Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    if args.smoke and not args.name:  # private scratch dir: concurrent CI smoke runs must not share checkpoints
        import tempfile
        run_dir = pathlib.Path(tempfile.mkdtemp(prefix="leukodex-smoke-"))
    else:
        run_dir = pathlib.Path(args.runs) / (args.name or "full")
    run_dir.mkdir(parents=True, exist_ok=True)
    if args.smoke:
        args.size, args.epochs, args.batch, args.budget_minutes = 64, 1, 16, 0

    recs = load_records(data_root)
    vocab = attribute_vocab(recs)
    sizes = [len(v) for _, v in vocab]
    counts = {sp: {c: sum(1 for r in recs if r["split"] == sp and r["label"] == c) for c in CLASSES}
              for sp in ("train", "val", "test")}
    main_recs = [r for r in recs if r["label"] in CLASSES]
    by_split = {sp: sorted([r for r in main_recs if r["split"] == sp], key=lambda r: (r["source"], r["id"]))
                for sp in ("train", "val", "test")}
    grouped_recs = sorted([r for r in recs if r["label"] in GROUPED and r["split"] == "test"],
                          key=lambda r: (r["source"], r["id"]))
    if args.smoke:  # a few per class per split
        def few(rs, k):
            seen, out = {}, []
            for r in rs:
                key = (r["source"], r["label"])
                if seen.get(key, 0) < k:
                    seen[key] = seen.get(key, 0) + 1
                    out.append(r)
            return out
        by_split = {"train": few(by_split["train"], 3), "val": few(by_split["val"], 2), "test": few(by_split["test"], 2)}
        grouped_recs = few(grouped_recs, 2)
    log(f"records: " + ", ".join(f"{k}={len(v)}" for k, v in by_split.items()) + f", grouped test={len(grouped_recs)}")

    S = args.size
    cache_dir = pathlib.Path(args.runs) / "cache"
    cache_dir.mkdir(parents=True, exist_ok=True)
    cpath = (lambda name: None) if args.smoke else (lambda name: cache_dir / name)  # smoke: no disk cache
    tc = time.time()
    Xtr = cached(cpath(f"train_u8_{S}.npy"),
                 lambda: build_cache([r["path"] for r in by_split["train"]], S, "u8", args.workers))
    Xva = cached(cpath(f"val_f32_{S}.npy"),
                 lambda: build_cache([r["path"] for r in by_split["val"]], S, "f32", args.workers))
    Xte = cached(cpath(f"test_f32_{S}.npy"),
                 lambda: build_cache([r["path"] for r in by_split["test"]], S, "f32", args.workers))
    Xgr = build_cache([r["path"] for r in grouped_recs], S, "f32", args.workers)
    assert len(Xtr) == len(by_split["train"]) and len(Xva) == len(by_split["val"]) and len(Xte) == len(by_split["test"])
    log(f"cache ready in {time.time() - tc:.0f}s: train {Xtr.shape} val {Xva.shape} test {Xte.shape}")
    ytr, yatr = targets(by_split["train"], vocab)
    yva, yava = targets(by_split["val"], vocab)
    yte, yate = targets(by_split["test"], vocab)
    Xtr_t = torch.from_numpy(Xtr)
    ytr_t, yatr_t = torch.from_numpy(ytr), torch.from_numpy(yatr)

    # class weights ~ n^-0.5 (mild re-balancing), normalised to mean 1 over present classes
    n_c = np.bincount(ytr, minlength=len(CLASSES)).astype(np.float64)
    w = np.where(n_c > 0, 1 / np.sqrt(np.maximum(n_c, 1)), 0)
    w = w / w[n_c > 0].mean()
    class_w = torch.tensor(w, dtype=torch.float32)

    model = Net(len(CLASSES), sizes).to(memory_format=torch.channels_last)
    stages = []  # earlier runs this one continues from (--init), as stage_record()s
    if args.init:
        ipath = pathlib.Path(args.init)
        if not ipath.suffix:
            ipath = pathlib.Path(args.runs) / args.init / "last.pt"
        ck0 = torch.load(ipath)
        model.load_state_dict(ck0["ema"])
        stages = list(ck0.get("stages", [])) + [stage_record(ck0["args"], ck0["epoch"], ck0["train_seconds"],
                                                             run=ipath.parent.name)]
        log(f"initialised from {ipath} (" + ", ".join(f"{st['epochs']} epochs at {st['size']} px" for st in stages) + ")")
    decay, no_decay = [], []
    for n_, p in model.named_parameters():
        (no_decay if p.ndim <= 1 else decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.wd}, {"params": no_decay, "weight_decay": 0}],
                            lr=args.lr)
    steps_per_epoch = max(1, len(Xtr) // args.batch)
    if args.smoke:
        steps_per_epoch = 2
    total = steps_per_epoch * args.epochs
    budget = args.budget_minutes * 60.0 if args.budget_minutes > 0 else float("inf")

    def lr_at(p):
        """One-cycle: linear warm-up (12%) from lr/20 to lr, then cosine down to lr/1000."""
        warm, lo0, lo1 = 0.12, args.lr / 20, args.lr / 1000
        if p < warm:
            return lo0 + (args.lr - lo0) * p / warm
        q = min(1.0, (p - warm) / (1 - warm))
        return lo1 + (args.lr - lo1) * 0.5 * (1 + math.cos(math.pi * q))

    # the default --zoom is exactly the shipped ZOOM / ASPECT; another Z scales both
    geometry = (dict(zoom=ZOOM, aspect=ASPECT) if args.zoom == ZOOM[1] else
                dict(zoom=(1 / args.zoom, args.zoom), aspect=ASPECT * (args.zoom - 1) / (ZOOM[1] - 1)))
    with_attrs = torch.nonzero((yatr_t >= 0).any(1)).flatten()
    without_attrs = torch.nonzero(~(yatr_t >= 0).any(1)).flatten()
    n_attr = min(args.batch, round(args.batch * args.attr_share)) if len(with_attrs) else 0

    def batch_indices(perm, it):
        """Plain shuffled batches, or (--attr-share) a fixed share drawn from the images with attributes."""
        if n_attr == 0:
            return perm[(it * args.batch) % len(perm):][:args.batch]
        parts = [with_attrs[torch.randint(len(with_attrs), (n_attr,), generator=g)]]
        if n_attr < args.batch and len(without_attrs):
            parts.append(without_attrs[torch.randint(len(without_attrs), (args.batch - n_attr,), generator=g)])
        return torch.cat(parts)

    ema = EMA(model, 0.998 if not args.smoke else 0.5)
    g = torch.Generator().manual_seed(args.seed)
    start_epoch, step, history, best = 0, 0, [], None
    elapsed_prev, val_seconds_per_image = 0.0, 0.0  # seconds of one validation image, for progress()
    last = run_dir / "last.pt"
    done = False
    if args.resume and last.exists():
        ck = torch.load(last)
        model.load_state_dict(ck["model"])
        ema.model.load_state_dict(ck["ema"])
        opt.load_state_dict(ck["opt"])
        g.set_state(ck["gen"])
        torch.set_rng_state(ck["torch_rng"])
        start_epoch, step, history, best = ck["epoch"], ck["step"], ck["history"], ck["best"]
        elapsed_prev = ck.get("train_seconds", 0.0)
        val_seconds_per_image = ck.get("val_seconds_per_image", 0.0)
        done = ck.get("done", False)
        log(f"resumed at epoch {start_epoch} (step {step}, {elapsed_prev / 60:.1f} min trained)")
    t_train = time.time()

    def progress():
        """Schedule position: by steps (--epochs) or by training wall time (--budget-minutes), whichever is ahead.
        The time keeps back what the last epoch's full validation pass will take (measured on the earlier
        passes, with a margin), so that a run's recorded seconds stay within its budget."""
        reserve = 1.25 * val_seconds_per_image * len(Xva)
        return max(step / total, (elapsed_prev + time.time() - t_train + reserve) / budget)

    tuner = ThreadTuner(args.threads)
    epoch = start_epoch
    while not done and epoch < args.epochs:
        model.train()
        te = time.time()
        perm = torch.randperm(len(Xtr), generator=g)
        tot, totc, tota, nb = 0.0, 0.0, 0.0, 0
        for it in range(steps_per_epoch):
            p = progress()
            if p >= 1.0:
                done = True
                break
            lr = lr_at(p)
            for grp in opt.param_groups:
                grp["lr"] = lr
            tuner.before_step()
            ts = time.time()
            idx = batch_indices(perm, it)
            xb = normalize_t(augment(Xtr_t[idx], g, args.aug_strength, **geometry)).contiguous(memory_format=torch.channels_last)
            logits, alog = model(xb)
            lc = F.cross_entropy(logits, ytr_t[idx], weight=class_w, label_smoothing=0.1)
            la = masked_attr_loss(alog, yatr_t[idx], sizes, args.attr_smoothing)
            loss = lc + args.attr_weight * la
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            ema.update(model, step)
            tuner.after_step(time.time() - ts)
            step += 1
            tot += float(loss); totc += float(lc); tota += float(la); nb += 1
            if it % 50 == 0:
                log(f"epoch {epoch + 1} it {it}/{steps_per_epoch} loss {float(loss):.3f} lr {lr:.2e} progress {p:.3f} threads {tuner.current} step {tuner.recent():.2f}s")
        if nb == 0:
            break
        epoch += 1
        done = done or epoch >= args.epochs or progress() >= 1.0
        # epoch selection in the last 40% of the schedule on a fixed val subset (every 2nd val image; the
        # machine is shared and full val passes are slow), a small subset before; full val at the end
        full_val = progress() >= 0.6 or done or args.smoke
        sel = slice(0, None, 5) if not full_val else (slice(0, None, 2) if not (done or args.smoke) else slice(0, None))
        tv = time.time()
        vlog, valog = predict(ema.model, Xva[sel])
        vm = metrics(softmax_np(vlog), yva[sel], valog, yava[sel], sizes, vocab)
        nv = len(yva[sel])
        val_seconds_per_image = max(val_seconds_per_image, (time.time() - tv) / max(1, nv))
        rec = dict(epoch=epoch, steps=step, loss=tot / nb, loss_class=totc / nb, loss_attr=tota / nb,
                   val_n=nv, val_accuracy=vm["accuracy"], val_macro_f1=vm["macro_f1"],
                   val_mean_attr=vm.get("mean_attribute_accuracy", 0.0), seconds=time.time() - te)
        history.append(rec)
        score = vm["macro_f1"] + 0.25 * vm.get("mean_attribute_accuracy", 0.0)
        if full_val and (best is None or score >= best["score"]):
            best = dict(epoch=epoch, score=score)
            torch.save(ema.model.state_dict(), run_dir / "best_ema.pt")
        train_seconds = elapsed_prev + (time.time() - t_train)
        ck = dict(model=model.state_dict(), ema=ema.model.state_dict(), opt=opt.state_dict(),
                  gen=g.get_state(), torch_rng=torch.get_rng_state(), epoch=epoch, done=done,
                  step=step, history=history, best=best, train_seconds=train_seconds, args=vars(args),
                  stages=stages, val_seconds_per_image=val_seconds_per_image)
        torch.save(ck, run_dir / "last.tmp")
        os.replace(run_dir / "last.tmp", last)
        log(f"epoch {epoch} loss {rec['loss']:.3f} (cls {rec['loss_class']:.3f} attr {rec['loss_attr']:.3f}) "
            f"val[{nv}] acc {vm['accuracy']:.4f} f1 {vm['macro_f1']:.4f} attr {rec['val_mean_attr']:.4f} "
            f"[{rec['seconds']:.0f}s, total {train_seconds / 60:.1f} min, progress {progress():.3f}] "
            f"best epoch {best['epoch'] if best else '-'}")
    train_seconds = torch.load(last)["train_seconds"]
    epochs_run = epoch
    if args.train_only:
        log(f"training done: {epochs_run} epochs, {train_seconds / 60:.1f} min; checkpoint {last}")
        return

    # ------------------------------------------------------------------ select, calibrate, evaluate
    # BatchNorm running statistics (momentum 0.01 in torchvision's MobileNetV3) lag far behind fast-moving
    # weights in a short from-scratch run, and the EMA averages them too; so re-estimate them for the
    # candidate weights on a fixed sample of train images (plain or augmented) and pick on val.
    last_ck = torch.load(last)
    cands = [("last-ema", last_ck["ema"])]
    if best is not None and best["epoch"] != last_ck["epoch"] and (run_dir / "best_ema.pt").exists():
        cands.append((f"ema-epoch-{best['epoch']}", torch.load(run_dir / "best_ema.pt")))
    nb_cal, bs_cal = (2, 16) if args.smoke else (24, 64)
    cal_idx = torch.randperm(len(Xtr), generator=torch.Generator().manual_seed(args.seed + 1))[:nb_cal * bs_cal]
    selection, chosen = [], None
    for cname, sd in cands:
        for mode in ("running", "recal-plain", "recal-aug"):
            net = Net(len(CLASSES), sizes).to(memory_format=torch.channels_last)
            net.load_state_dict(sd)
            if mode != "running":
                recalibrate_bn(net, Xtr_t, cal_idx, bs_cal, augmented=(mode == "recal-aug"), seed=args.seed + 2)
            net.eval()
            vlog, valog = predict(net, Xva)
            vm = metrics(softmax_np(vlog), yva, valog, yava, sizes, vocab)
            score = vm["macro_f1"] + 0.25 * vm.get("mean_attribute_accuracy", 0.0)
            selection.append(dict(weights=cname, bn=mode, val_accuracy=vm["accuracy"], val_macro_f1=vm["macro_f1"],
                                  val_mean_attr=vm.get("mean_attribute_accuracy", 0.0), score=score))
            log(f"candidate {cname} / {mode}: val acc {vm['accuracy']:.4f} f1 {vm['macro_f1']:.4f} "
                f"attr {vm.get('mean_attribute_accuracy', 0):.4f}")
            if chosen is None or score > chosen[0]:
                chosen = (score, cname, mode, {k: v.clone() for k, v in net.state_dict().items()}, vlog, valog)
    best_score, cname, bn_mode, final_sd, vlog, valog = chosen
    torch.save(final_sd, run_dir / "final.pt")
    final = Net(len(CLASSES), sizes).to(memory_format=torch.channels_last)
    final.load_state_dict(final_sd)
    final.eval()
    # test-time augmentation over 4 or 8 dihedral views (exact pixel permutations, baked into the ONNX graph)
    tta_runs = {1: (best_score, vlog, valog)}
    wanted = {"auto": (4, 8), "on": (8,), "8": (8,), "4": (4,), "off": ()}[args.tta]
    for views in wanted:
        tlog_v, talog_v = predict(TTANet(final, views), Xva, bs=max(8, 256 // views))
        vm = metrics(softmax_np(tlog_v), yva, talog_v, yava, sizes, vocab)
        tta_score = vm["macro_f1"] + 0.25 * vm.get("mean_attribute_accuracy", 0.0)
        tta_runs[views] = (tta_score, tlog_v, talog_v)
        selection.append(dict(weights=cname, bn=bn_mode, tta=views, val_accuracy=vm["accuracy"], val_macro_f1=vm["macro_f1"],
                              val_mean_attr=vm.get("mean_attribute_accuracy", 0.0), score=tta_score))
        log(f"candidate {cname} / {bn_mode} / {views}-view TTA: val acc {vm['accuracy']:.4f} f1 {vm['macro_f1']:.4f} "
            f"attr {vm.get('mean_attribute_accuracy', 0):.4f}")
    if args.tta == "auto":
        top = max(sc for sc, _, _ in tta_runs.values())
        tta_views = min(v for v, (sc, _, _) in tta_runs.items() if sc >= top - 0.001)
    else:
        tta_views = max(tta_runs)
    use_tta = tta_views > 1
    if use_tta:
        _, vlog, valog = tta_runs[tta_views]
        final = TTANet(final, tta_views).eval()
    T = fit_temperature(vlog, yva)
    log(f"selected {cname} with BN statistics '{bn_mode}', TTA views {tta_views}; temperature {T:.4f}")
    tlog, talog = predict(final, Xte)
    val_m = metrics(softmax_np(vlog / T), yva, valog, yava, sizes, vocab)
    test_m = metrics(softmax_np(tlog / T), yte, talog, yate, sizes, vocab)
    val_m_raw_ece = ece_score(softmax_np(vlog), yva)
    test_pred = softmax_np(tlog / T).argmax(1)
    mk = [i for i, r in enumerate(by_split["test"]) if r["source"] == "matek-aml" and r["label"] == "segmented_neutrophil"]
    as_n = int(sum(CLASSES[test_pred[i]] in ("band_neutrophil", "segmented_neutrophil") for i in mk))
    matek = dict(n=len(mk), as_neutrophil=as_n, rate=(as_n / len(mk)) if mk else 0.0)
    glog, _ = predict(final, Xgr)
    gpred = glog.argmax(1) if len(glog) else np.zeros(0, np.int64)
    grouped = {}
    for lab in GROUPED:
        ids = [i for i, r in enumerate(grouped_recs) if r["label"] == lab]
        pc = {}
        for i in ids:
            pc[CLASSES[gpred[i]]] = pc.get(CLASSES[gpred[i]], 0) + 1
        grouped[lab] = dict(n=len(ids), predicted=dict(sorted(pc.items(), key=lambda kv: -kv[1])))
    log(f"TEST acc {test_m['accuracy']:.4f} macro-F1 {test_m['macro_f1']:.4f} "
        f"attr {test_m.get('mean_attribute_accuracy', 0):.4f} ECE {test_m['ece']:.4f} "
        f"matek SNE {matek['as_neutrophil']}/{matek['n']}")

    # ------------------------------------------------------------------ export
    final_f = Net(len(CLASSES), sizes)
    final_f.load_state_dict(final_sd)
    final_f.eval()
    exp = Exported(TTANet(final_f, tta_views) if use_tta else final_f, T).eval()
    onnx_path = out_dir / "model.onnx"
    dummy = torch.zeros(1, 3, S, S)
    torch.onnx.export(exp, dummy, str(onnx_path), opset_version=17, input_names=["input"],
                      output_names=["class_probs", "attribute_probs"],
                      dynamic_axes={"input": {0: "N"}, "class_probs": {0: "N"}, "attribute_probs": {0: "N"}},
                      do_constant_folding=True)
    import onnx
    om = onnx.load(str(onnx_path))
    onnx.checker.check_model(om)
    log(f"exported {onnx_path} ({onnx_path.stat().st_size} bytes), onnx.checker ok")

    # reference outputs (torch, eval mode) for fixed test images + the synthetic tensor
    ref_images = []
    for source, label in REFERENCE:
        cand = sorted([r for r in recs if r["source"] == source and r["label"] == label and r["split"] == "test"],
                      key=lambda r: r["id"])
        if not cand:
            continue
        r = cand[0]
        x = torch.from_numpy(pp.preprocess(r["path"], S))[None]
        with torch.no_grad():
            cp, apr = exp(x)
        ref_images.append(dict(source=source, id=r["id"], file=r["file"], label=label,
                               class_probs=[float(v) for v in cp[0]], attribute_probs=[float(v) for v in apr[0]]))
    cc, yy, xx = np.meshgrid(np.arange(3), np.arange(S), np.arange(S), indexing="ij")
    synth = (np.sin(0.1 * (yy + 1) * (cc + 1)) * np.cos(0.07 * (xx + 1))).astype(np.float32)
    with torch.no_grad():
        scp, sap = exp(torch.from_numpy(synth)[None])
    tensor_ref = dict(class_probs=[float(v) for v in scp[0]], attribute_probs=[float(v) for v in sap[0]])

    # torch vs ONNX parity with the numpy ONNX interpreter (onnxruntime is not available in python here)
    from onnx_numpy import run_onnx
    parity = {}
    xs = [torch.from_numpy(synth)[None]] + [torch.from_numpy(pp.preprocess(
        next(r for r in recs if r["source"] == ri["source"] and r["id"] == ri["id"])["path"], S))[None]
        for ri in ref_images[:2]]
    xb = torch.cat(xs).numpy()
    o_cp, o_ap = run_onnx(om, {"input": xb}, ["class_probs", "attribute_probs"])
    with torch.no_grad():
        t_cp, t_ap = exp(torch.from_numpy(xb))
    parity = dict(class_probs=float(np.abs(o_cp - t_cp.numpy()).max()),
                  attribute_probs=float(np.abs(o_ap - t_ap.numpy()).max()))
    log(f"torch vs onnx (numpy interpreter) max abs diff: {parity}")
    assert max(parity.values()) < 1e-4, parity

    all_stages = stages + [stage_record(vars(args), epochs_run, train_seconds)]
    card = dict(
        schema_version=1,
        name="leukodex-wbc-mnv3s" + ("-smoke" if args.smoke else ""),
        created_at=datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        architecture=f"MobileNetV3-small (torchvision, from scratch, no pretrained weights), shared 576->1024 "
                     f"hardswish neck, class head ({len(CLASSES)}) + {len(ATTRIBUTES)} WBCAtt attribute softmax heads; "
                     f"multi-task loss CE(class, label smoothing 0.1, weights n^-0.5) + w*masked attribute CE (label smoothing s), "
                     + ", then ".join(f"w={st['attr_weight']:g} s={st['attr_smoothing']:g}"
                                      + (f" with {st['attr_share']:.0%} of each batch from images with attributes"
                                         if st["attr_share"] > 0 else "") for st in all_stages) + "; "
                     f"AdamW + one-cycle cosine LR, EMA of weights (0.998); weights + BatchNorm statistics "
                     f"({cname}, {bn_mode}) selected on val"
                     + ("; trained in stages, each continuing from the previous one's EMA weights with a fresh LR cycle: "
                        + ", then ".join(f"{st['epochs']} epochs at {st['size']} px" for st in all_stages) if stages else "")
                     + (f"; {tta_views}-view dihedral test-time augmentation ("
                        + ("flips + 90-degree rotations" if tta_views == 8 else "flips + 180-degree rotation")
                        + ", mean logits) inside the ONNX graph" if use_tta else ""),
        model_file="model.onnx",
        model_bytes=int(onnx_path.stat().st_size),
        classes=list(CLASSES),
        attributes=[dict(name=a, values=list(v)) for a, v in vocab],
        input=dict(size=S, layout="NCHW", crop="center-square", resize="area", mean=list(pp.MEAN), std=list(pp.STD)),
        outputs=dict(class_probs="class_probs", attribute_probs="attribute_probs"),
        temperature=T,
        training=dict(seed=args.seed, epochs=sum(st["epochs"] for st in all_stages),
                      seconds=round(sum(st["seconds"] for st in all_stages), 1),
                      stages=[{k: (round(v, 1) if k == "seconds" else v) for k, v in st.items() if k != "run"}
                              for st in all_stages],
                      sources=list(SOURCES), counts=counts,
                      augmentation=list(AUGMENTATION) + [
                          (f"stage {i + 1} ({st['epochs']} epochs) " if len(all_stages) > 1 else "")
                          + f"at strength {st['aug_strength']:g}: colour/stain ranges and grayscale/blur/noise "
                            f"probabilities scaled by {st['aug_strength']:g}"
                          for i, st in enumerate(all_stages) if st["aug_strength"] != 1.0] + [
                          (f"stage {i + 1} ({st['epochs']} epochs) " if len(all_stages) > 1 else "")
                          + (f"without scale jitter (zoom and aspect 1)" if st["zoom"] == 1 else
                             f"with zoom {1 / st['zoom']:.2f}-{st['zoom']:.2f}")
                          for i, st in enumerate(all_stages) if st["zoom"] != ZOOM[1]]),
        evaluation=dict(val=val_m, test=test_m, matek_neutrophils=matek, grouped_labels=grouped),
        reference=dict(images=ref_images, tensor=tensor_ref),
    )
    (out_dir / "card.json").write_text(json.dumps(card, indent=1) + "\n")
    (run_dir / "summary.json").write_text(json.dumps(dict(
        best=best, history=history, selection=selection, chosen=dict(weights=cname, bn=bn_mode, tta=tta_views), temperature=T, val_ece_before_T=val_m_raw_ece, parity=parity,
        total_seconds=time.time() - t_start), indent=1))
    log(f"card written to {out_dir / 'card.json'}; total {time.time() - t_start:.0f}s")
    if args.smoke and not args.name:
        import shutil
        shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
