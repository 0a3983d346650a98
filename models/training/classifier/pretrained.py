"""Pretrained MobileNetV2 weights from the npm package ``nsfwjs@4.4.0`` (MIT) for torchvision's ``mobilenet_v2``.

The package ships a Keras 2.2.4 MobileNetV2 (alpha 1.0, 224 px) converted to tfjs-layers format with
uint8-quantised weights: ``dist/models/mobilenet_v2/model.min.js`` (topology + weightsManifest, wrapped in
a browserify module as a JS object literal) and ``group1-shard1of1.min.js`` (the weight bytes as base64).
Per the topology, everything up to and including ``block_10`` is frozen (``trainable: false``: Keras's
ImageNet weights, as quantised by the tfjs converter); ``block_11`` .. ``block_16``, ``Conv_1`` and the head
were fine-tuned for nsfwjs's 5-class content filter (Drawing, Hentai, Neutral, Porn, Sexy).

Usage::

    from models.training.classifier import pretrained as P
    model_dir = P.fetch_nsfwjs(Path("models/training/runs/cache/nsfwjs"))   # npm pack + sha512 check
    W = P.load_nsfwjs_weights(model_dir)                # {"Conv1/kernel": ndarray, ...} (Keras layouts, float32)
    net = P.build_mobilenet_v2(W, up_to_block=10, num_classes=8)   # ImageNet-derived blocks only
    full = P.build_nsfwjs_model(W)                      # exact nsfwjs replica (5-class softmax head)

Input contract of these weights (nsfwjs ``infer``): RGB, ``x = pixels / 255`` in [0, 1], NCHW, no mean/std.
(Unlike stock Keras MobileNetV2, which expects [-1, 1]; the nsfwjs model was fine-tuned on [0, 1].)
nsfwjs resizes any other size to 224x224 with ``tf.image.resizeBilinear(..., alignCorners=true)`` after the
division; ``nsfwjs_preprocess`` reproduces that.

Block indices (torchvision ``features[i]``) vs Keras layer names:

    features[0]      Conv1 / bn_Conv1 / Conv1_relu          (stem, 3x3 stride 2, 3->32; Keras pads (0,1,0,1))
    features[1]      expanded_conv_depthwise / _project     (Keras "block 0", t=1, 32->16, no expand layer)
    features[k+1]    block_k_expand / _depthwise / _project  for k = 1..16
                     (stride-2 depthwise, Keras-padded: block_1, block_3, block_6, block_13 = features[2, 4, 7, 14])
    features[18]     Conv_1 / Conv_1_bn / out_relu          (1x1, 320->1280)

``up_to_block=k`` loads features[0 .. k+1] (stem, block 0 and block_1 .. block_k) and leaves the rest at
torchvision's fresh initialisation; ``up_to_block=10`` = exactly the frozen, ImageNet-derived part. ``None``
loads all of features (incl. Conv_1). Within a block, torchvision's sub-modules are
``conv[0]`` = expand ConvBNReLU6 (absent in features[1]), then depthwise ConvBNReLU6, then the projection
Conv2d and its BatchNorm2d; the state_dict keys are exactly torchvision's.

Keras exactness: every BatchNorm uses eps = 1e-3 (torchvision: 1e-5), and the five stride-2 3x3
convolutions pad bottom/right only (Keras ZeroPadding2D ((0,1),(0,1)) + 'valid'), emulated by
``KerasPad2d`` convolutions (same parameters/keys as nn.Conv2d, padding=0, F.pad in forward). For even
input sizes the output shapes equal torchvision's (224 -> 7x7, 160 -> 5x5, 128 -> 4x4); odd sizes would
give one pixel less than torchvision's symmetric padding, as in the original Keras graph.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Dict, Optional

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

PACKAGE = "nsfwjs"
VERSION = "4.4.0"
TARBALL = f"{PACKAGE}-{VERSION}.tgz"
# `npm view nsfwjs@4.4.0 dist.integrity` (= sha512 of the tarball, base64); shasum 706017d11e44de0803b73a568819f800a50ae470
INTEGRITY = "sha512-krC1fgeTLXtZwgdpKJ0jm7hqv0gTSRQQRL+FhOaxaJ9Wj92t42BO3csO2odwgTAgZgf2RvkwPtp0R8Aa7dc+MA=="
MODEL_SUBDIR = "package/dist/models/mobilenet_v2"
CLASSES = ("Drawing", "Hentai", "Neutral", "Porn", "Sexy")  # dist/cjs/nsfw_classes.js, output order
INPUT_SIZE = 224
BN_EPS = 1e-3
IMAGENET_BLOCKS = 10  # block_0 .. block_10 have trainable: false in the topology (ImageNet weights)

PROVENANCE = {
    "package": PACKAGE,
    "version": VERSION,
    "licence": "MIT (Copyright (c) 2019 Infinite Red, Inc.; LICENSE in the npm tarball)",
    "source": "the npm package nsfwjs (Infinite Red)",
    "files": [f"{MODEL_SUBDIR}/model.min.js", f"{MODEL_SUBDIR}/group1-shard1of1.min.js"],
    "integrity": INTEGRITY,
    "architecture": "Keras 2.2.4 MobileNetV2, alpha 1.0, 224x224 input (tfjs-layers, uint8-quantised weights)",
    "weights": ("Stem, block 0 and block_1..block_10 frozen (trainable: false) = Keras's ImageNet MobileNetV2 "
                "weights; block_11..block_16, Conv_1 and a Dense 256-128-5 head fine-tuned by Infinite Red for "
                "a 5-class image content filter (Drawing, Hentai, Neutral, Porn, Sexy). All weights are the "
                "package's uint8 quantisation (dequantised value = q * scale + min, per tensor)."),
    "input": "RGB pixels / 255 in [0, 1], no mean/std; bilinear alignCorners resize to 224 in the package",
}

_KERAS_STRIDE2 = ("Conv1", "block_1", "block_3", "block_6", "block_13")


# --------------------------------------------------------------------------------------------- fetching
def _integrity(path: Path) -> str:
    h = hashlib.sha512()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return "sha512-" + base64.b64encode(h.digest()).decode()


def fetch_nsfwjs(cache_dir) -> Path:
    """``npm pack nsfwjs@4.4.0`` into cache_dir (skipped if the tarball is there), check its sha512 integrity,
    extract it (into cache_dir/nsfwjs-4.4.0/) and return the model folder (.../dist/models/mobilenet_v2)."""
    cache_dir = Path(cache_dir).resolve()
    cache_dir.mkdir(parents=True, exist_ok=True)
    tgz = cache_dir / TARBALL
    if not tgz.exists():
        r = subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", str(cache_dir)],
                           cwd=cache_dir, capture_output=True, text=True)
        if r.returncode != 0 or not tgz.exists():
            raise RuntimeError(f"npm pack {PACKAGE}@{VERSION} failed ({r.returncode}):\n{r.stderr[-2000:]}")
    got = _integrity(tgz)
    if got != INTEGRITY:
        raise RuntimeError(f"{tgz}: integrity {got} != expected {INTEGRITY}")
    dest = cache_dir / f"{PACKAGE}-{VERSION}"
    model_dir = dest / MODEL_SUBDIR
    stamp = dest / ".integrity"
    if not (stamp.exists() and stamp.read_text() == INTEGRITY and model_dir.is_dir()):
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir()
        with tarfile.open(tgz, "r:gz") as tf:
            for m in tf.getmembers():
                p = (dest / m.name).resolve()
                if not str(p).startswith(str(dest) + "/") or not (m.isfile() or m.isdir()):
                    raise RuntimeError(f"unsafe tar member {m.name!r}")
            tf.extractall(dest)
        stamp.write_text(INTEGRITY)
    return model_dir


# ---------------------------------------------------------------------------------------------- parsing
def _module_payload(js: str) -> str:
    """The value of ``<x>.exports=...`` in a single-module browserify bundle."""
    m = re.search(r"\{1:\[function\(\w+,(\w+),\w+\)\{\1\.exports=", js)
    if not m:
        raise ValueError("not a browserify single-module bundle")
    end = js.rfind("},{}]},{},[1])(1)")
    if end < 0:
        raise ValueError("browserify bundle end not found")
    return js[m.end():end]


def _js_literal_to_json(s: str) -> str:
    """Minified JS object literal (as emitted for JSON data) -> JSON text: quote bare keys, fix `.5`/`!0`."""
    out, i, n = [], 0, len(s)
    while i < n:
        c = s[i]
        if c == '"':  # copy strings verbatim
            j = i + 1
            while s[j] != '"':
                j += 2 if s[j] == "\\" else 1
            out.append(s[i:j + 1])
            i = j + 1
            continue
        m = re.compile(r"[A-Za-z_$][\w$]*(?=:)").match(s, i)
        if m and out and out[-1][-1:] in "{,":
            out.append('"' + m.group(0) + '"')
            i = m.end()
            continue
        m = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?").match(s, i)
        if m and (c.isdigit() or c in "-."):
            t = m.group(0)
            neg = t.startswith("-")
            t = t[1:] if neg else t
            if t.startswith("."):
                t = "0" + t
            if t.endswith("."):
                t = t + "0"
            out.append(("-" if neg else "") + t)
            i = m.end()
            continue
        if s.startswith("!0", i):
            out.append("true")
            i += 2
            continue
        if s.startswith("!1", i):
            out.append("false")
            i += 2
            continue
        if s.startswith("void 0", i):
            out.append("null")
            i += 6
            continue
        out.append(c)
        i += 1
    return "".join(out)


def load_nsfwjs_topology(model_dir) -> dict:
    """{"modelTopology": ..., "weightsManifest": ...} from model.min.js (no Node needed)."""
    js = (Path(model_dir) / "model.min.js").read_text()
    return json.loads(_js_literal_to_json(_module_payload(js)))


def load_nsfwjs_weights(model_dir) -> Dict[str, np.ndarray]:
    """Dequantised weights, float32, in Keras layouts, keyed by tfjs name (e.g. "block_3_depthwise/depthwise_kernel",
    "Conv1/kernel" [3,3,3,32] HWIO, "dense_3/bias"). Also holds "__topology__" (the parsed model.min.js dict)."""
    model_dir = Path(model_dir)
    topo = load_nsfwjs_topology(model_dir)
    out: Dict[str, np.ndarray] = {}
    for group in topo["weightsManifest"]:
        data = b""
        for p in group["paths"]:
            b64 = _module_payload((model_dir / f"{p}.min.js").read_text())
            data += base64.b64decode(json.loads(b64))
        off = 0
        for spec in group["weights"]:
            shape = tuple(spec["shape"])
            count = int(np.prod(shape)) if shape else 1
            q = spec.get("quantization")
            if q is None:
                assert spec["dtype"] == "float32"
                arr = np.frombuffer(data, "<f4", count, off)
                off += 4 * count
            else:
                assert q["dtype"] == "uint8" and spec["dtype"] == "float32", spec
                raw = np.frombuffer(data, np.uint8, count, off)
                off += count
                # tfjs-core io: Float32Array.from(quantized, v => v * scale + min): float64 maths, float32 result
                arr = (raw.astype(np.float64) * q["scale"] + q["min"]).astype(np.float32)
            out[spec["name"]] = arr.reshape(shape).copy()
        if off != len(data):
            raise ValueError(f"weight bytes: used {off} of {len(data)}")
    out["__topology__"] = topo  # type: ignore[assignment]
    return out


# ----------------------------------------------------------------------------------------------- model
class KerasPad2d(nn.Conv2d):
    """nn.Conv2d (padding=0) preceded by Keras's asymmetric ZeroPadding2D ((0,1),(0,1)): same keys/params."""

    def forward(self, x):
        return super().forward(F.pad(x, (0, 1, 0, 1)))


def _keras_pad(conv: nn.Conv2d) -> KerasPad2d:
    new = KerasPad2d(conv.in_channels, conv.out_channels, conv.kernel_size, conv.stride, 0,
                     conv.dilation, conv.groups, conv.bias is not None)
    new.weight = conv.weight
    if conv.bias is not None:
        new.bias = conv.bias
    return new


def _block_layers(i: int):
    """Keras prefixes (conv, bn) in torchvision order for features[i]."""
    if i == 0:
        return [("Conv1", "bn_Conv1")]
    if i == 1:
        return [("expanded_conv_depthwise", "expanded_conv_depthwise_BN"),
                ("expanded_conv_project", "expanded_conv_project_BN")]
    if i == 18:
        return [("Conv_1", "Conv_1_bn")]
    k = i - 1
    return [(f"block_{k}_{p}", f"block_{k}_{p}_BN") for p in ("expand", "depthwise", "project")]


def _convs_bns(block: nn.Module):
    mods = list(block.modules())
    convs = [m for m in mods if isinstance(m, nn.Conv2d)]
    bns = [m for m in mods if isinstance(m, nn.BatchNorm2d)]
    return convs, bns


def _t(a: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32))


def _load_conv_bn(conv: nn.Conv2d, bn: nn.BatchNorm2d, W, cname: str, bname: str):
    if f"{cname}/depthwise_kernel" in W:
        k = W[f"{cname}/depthwise_kernel"]            # [kh, kw, in, mult=1]
        assert k.shape[3] == 1
        w = k.transpose(2, 3, 0, 1)                   # -> [in, 1, kh, kw]
    else:
        w = W[f"{cname}/kernel"].transpose(3, 2, 0, 1)  # HWIO -> OIHW
    assert tuple(conv.weight.shape) == w.shape, (cname, conv.weight.shape, w.shape)
    conv.weight.data.copy_(_t(w))
    for attr, key in (("weight", "gamma"), ("bias", "beta"), ("running_mean", "moving_mean"),
                      ("running_var", "moving_variance")):
        getattr(bn, attr).data.copy_(_t(W[f"{bname}/{key}"]))
    bn.num_batches_tracked.zero_()


def _kerasify(net: torchvision.models.MobileNetV2):
    """BN eps 1e-3 everywhere; Keras (0,1,0,1) padding on the five stride-2 3x3 convs."""
    for m in net.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.eps = BN_EPS
    for parent in list(net.features.modules()):
        for name, child in list(parent.named_children()):
            if type(child) is nn.Conv2d and child.stride == (2, 2):
                assert child.kernel_size == (3, 3) and child.padding == (1, 1)
                setattr(parent, name, _keras_pad(child))


def build_mobilenet_v2(weights: Dict[str, np.ndarray], up_to_block: Optional[int] = None,
                       num_classes: int = 1000, dropout: float = 0.2) -> torchvision.models.MobileNetV2:
    """torchvision mobilenet_v2 (width 1.0, Keras-exact BN eps and padding) whose features carry the nsfwjs
    weights: all of features (up_to_block=None) or stem + block 0 + block_1..block_{up_to_block}
    (features[0 .. up_to_block+1]; 10 = the ImageNet-derived part). Later features and the classifier
    (Dropout + Linear(1280, num_classes)) keep torchvision's fresh initialisation."""
    if up_to_block is not None and not 0 <= up_to_block <= 16:
        raise ValueError("up_to_block must be in 0..16 or None")
    net = torchvision.models.mobilenet_v2(weights=None, num_classes=num_classes, dropout=dropout)
    _kerasify(net)
    last = 18 if up_to_block is None else up_to_block + 1
    for i in range(last + 1):
        convs, bns = _convs_bns(net.features[i])
        names = _block_layers(i)
        assert len(convs) == len(bns) == len(names), i
        for conv, bn, (cname, bname) in zip(convs, bns, names):
            _load_conv_bn(conv, bn, weights, cname, bname)
    return net


class NSFWJSHead(nn.Module):
    """The package's head: AveragePooling2D 7x7/7 (= global mean at 224 px) -> Flatten -> Dense 256 relu ->
    Dropout .5 -> Dense 128 relu -> Dropout .25 -> Dense 5 softmax (probabilities, as nsfwjs's infer)."""

    def __init__(self, W: Optional[Dict[str, np.ndarray]] = None):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(1280, 256), nn.ReLU(), nn.Dropout(0.5),
                                 nn.Linear(256, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 5))
        if W is not None:
            for lin, name in zip((self.mlp[0], self.mlp[3], self.mlp[6]), ("dense_1", "dense_2", "dense_3")):
                lin.weight.data.copy_(_t(W[f"{name}/kernel"].T))
                lin.bias.data.copy_(_t(W[f"{name}/bias"]))

    def forward(self, x):
        # Keras: AveragePooling2D(7, strides 7, 'valid'); on the 7x7 map of a 224 input this is the global mean
        x = F.avg_pool2d(x, 7, 7) if x.shape[-1] >= 7 else x.mean((2, 3), keepdim=True)
        return torch.softmax(self.mlp(torch.flatten(x, 1)), dim=1)


class NSFWJSModel(nn.Module):
    """Full nsfwjs replica: features (Keras-exact MobileNetV2) + NSFWJSHead. Input: [N,3,224,224] = pixels/255."""

    def __init__(self, W: Dict[str, np.ndarray]):
        super().__init__()
        self.features = build_mobilenet_v2(W, None).features
        self.head = NSFWJSHead(W)

    def forward(self, x):
        return self.head(self.features(x))


def build_nsfwjs_model(weights: Dict[str, np.ndarray]) -> NSFWJSModel:
    """The package's complete model (eval mode), outputs the 5 probabilities in CLASSES order."""
    return NSFWJSModel(weights).eval()


def nsfwjs_preprocess(rgb_uint8: np.ndarray, size: int = INPUT_SIZE) -> torch.Tensor:
    """nsfwjs's infer(): HWC uint8 RGB -> float /255 -> resizeBilinear(alignCorners=true) to size if needed ->
    [1, 3, size, size] float32."""
    x = torch.from_numpy(np.array(rgb_uint8, dtype=np.uint8, copy=True)).float().div(255.0).permute(2, 0, 1)[None]
    if x.shape[-2:] != (size, size):
        x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=True)
    return x.contiguous()


def keras_mobilenet_v2() -> torchvision.models.MobileNetV2:
    """The same layout as build_mobilenet_v2 (Keras padding and BatchNorm eps) with fresh weights: for loading
    a trained state dict."""
    net = torchvision.models.mobilenet_v2(weights=None)
    _kerasify(net)
    return net
