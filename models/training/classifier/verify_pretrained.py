"""Prove that pretrained.py's conversion of nsfwjs@4.4.0's MobileNetV2 is exact.

Installs nsfwjs@4.4.0 + @tensorflow/tfjs (pure-JS CPU backend, not tfjs-node) into a temp dir under /tmp,
runs the package's own ``NSFWJS.infer`` in Node on the same images, and compares with the torch replica
(``build_nsfwjs_model``). Also compares every dequantised weight tensor with tfjs's ``model.getWeights()``.

Cases: (1) a real PBC image, centre-cropped and resized to 224x224 uint8 here, so both sides get the same
preprocessed input; (2) a synthetic 224x224 gradient; (3) the PBC image at its native size, resized by
nsfwjs itself (resizeBilinear alignCorners) vs ``nsfwjs_preprocess``. Exits 1 if any max |diff| > 1e-3.

    /usr/bin/python3 models/training/classifier/verify_pretrained.py [--image PATH] [--cache DIR]
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pretrained as P  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
PBC = ROOT.parent / "shared" / "datasets" / "pbc"
TOL = 1e-3
TFJS_VERSION = "4.22.0"

NODE_SCRIPT = r"""
const fs = require("fs");
const tf = require("@tensorflow/tfjs");
const nsfwjs = require("nsfwjs");
(async () => {
  await tf.setBackend("cpu"); await tf.ready();
  const jobs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const model = await nsfwjs.load("MobileNetV2");
  const out = {backend: tf.getBackend(), tfjs: tf.version.tfjs, results: []};
  for (const j of jobs) {
    const buf = fs.readFileSync(j.path);
    const img = tf.tensor3d(new Int32Array(buf), [j.h, j.w, 3], "int32");
    const logits = model.infer(img);
    const feats = model.infer(img, "out_relu");  // backbone output, [1, 7, 7, 1280] NHWC
    out.results.push({name: j.name, probs: Array.from(await logits.data()),
                      features: Array.from(await feats.data()),
                      top: (await model.classify(img, 1))[0]});
    logits.dispose(); feats.dispose(); img.dispose();
  }
  if (process.argv[3]) {  // every weight as float32, in model.weights order
    const ws = model.model.weights, names = [], parts = [];
    for (const w of ws) { names.push([w.originalName || w.name, w.shape]); parts.push(Buffer.from((await w.read().data()).buffer)); }
    fs.writeFileSync(process.argv[3], Buffer.concat(parts));
    out.weights = names;
  }
  console.log(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(2); });
"""


def ensure_node_env(d: Path) -> Path:
    if not (d / "node_modules" / "nsfwjs" / "package.json").exists():
        d.mkdir(parents=True, exist_ok=True)
        (d / "package.json").write_text('{"name": "nsfwjs-verify", "private": true}\n')
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts",
                        f"nsfwjs@{P.VERSION}", f"@tensorflow/tfjs@{TFJS_VERSION}", "buffer@6"],
                       cwd=d, check=True, stdout=subprocess.DEVNULL)
    (d / "run.js").write_text(NODE_SCRIPT)
    return d


def pick_pbc_image() -> Path:
    with open(PBC / "manifest.csv", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["label"] == "neutrophil")
    return PBC / row["file"]


def centre_224(path: Path) -> np.ndarray:
    with Image.open(path) as im:
        rgb = im.convert("RGB")
    w, h = rgb.size
    s = min(w, h)
    x0, y0 = (w - s) // 2, (h - s) // 2
    return np.asarray(rgb.crop((x0, y0, x0 + s, y0 + s)).resize((224, 224), Image.BILINEAR), dtype=np.uint8)


def gradient_224() -> np.ndarray:
    y, x = np.mgrid[0:224, 0:224].astype(np.float64)
    img = np.stack([x / 223 * 255, y / 223 * 255, (x + y) / 446 * 255 * 0.5 + 64], -1)
    return np.clip(np.round(img), 0, 255).astype(np.uint8)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--image", type=Path, default=None, help="default: first neutrophil in pbc/manifest.csv")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "leukodex-nsfwjs")
    args = ap.parse_args()
    torch.set_num_threads(2)

    model_dir = P.fetch_nsfwjs(args.cache / "npm")
    W = P.load_nsfwjs_weights(model_dir)
    net = P.build_nsfwjs_model(W)

    img_path = args.image or pick_pbc_image()
    with Image.open(img_path) as im:
        native = np.asarray(im.convert("RGB"), dtype=np.uint8)
    cases = {"pbc_224": centre_224(img_path), "gradient_224": gradient_224(), "pbc_native": native}

    node_dir = ensure_node_env(args.cache / "node")
    work = Path(tempfile.mkdtemp(prefix="nsfwjs-verify-", dir=args.cache))
    jobs = []
    for name, a in cases.items():
        p = work / f"{name}.rgb"
        p.write_bytes(np.ascontiguousarray(a).tobytes())
        jobs.append({"name": name, "path": str(p), "h": a.shape[0], "w": a.shape[1]})
    (work / "jobs.json").write_text(json.dumps(jobs))
    wbin = work / "weights.f32"
    r = subprocess.run(["node", str(node_dir / "run.js"), str(work / "jobs.json"), str(wbin)],
                       cwd=node_dir, capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stderr, file=sys.stderr)
        return 2
    js = json.loads(r.stdout.strip().splitlines()[-1])
    print(f"image: {img_path}  ({native.shape[1]}x{native.shape[0]})")
    print(f"tfjs {js['tfjs']} backend={js['backend']}, nsfwjs {P.VERSION}; classes {P.CLASSES}")

    # weights: tfjs's dequantised tensors vs ours (layout: Keras, same as tfjs)
    flat = np.fromfile(wbin, dtype="<f4")
    off, wdiff = 0, 0.0
    for name, shape in js["weights"]:
        n = int(np.prod(shape))
        ref = flat[off:off + n].reshape(shape)
        off += n
        wdiff = max(wdiff, float(np.abs(ref - W[name]).max()))
    print(f"weights: {len(js['weights'])} tensors, max |tfjs - ours| = {wdiff:.3g}")

    worst = wdiff
    with torch.no_grad():
        for res in js["results"]:
            a = cases[res["name"]]
            x = P.nsfwjs_preprocess(a)
            feats = net.features(x)[0].permute(1, 2, 0).numpy().astype(np.float64)   # NHWC like tfjs
            ref_feats = np.array(res["features"], dtype=np.float64).reshape(feats.shape)
            fd = float(np.abs(feats - ref_feats).max())
            ours = net(x)[0].numpy().astype(np.float64)
            theirs = np.array(res["probs"], dtype=np.float64)
            d = float(np.abs(ours - theirs).max())
            worst = max(worst, d, fd)
            print(f"\n[{res['name']}] input {a.shape[1]}x{a.shape[0]}  nsfwjs top-1: {res['top']['className']}")
            print("  nsfwjs :", " ".join(f"{c}={v:.6f}" for c, v in zip(P.CLASSES, theirs)))
            print("  torch  :", " ".join(f"{c}={v:.6f}" for c, v in zip(P.CLASSES, ours)))
            print(f"  max |diff| probabilities = {d:.3g}; backbone (out_relu, 7x7x1280, values 0..{ref_feats.max():.2f}) "
                  f"max |diff| = {fd:.3g}")
    ok = worst <= TOL
    print(f"\n{'OK' if ok else 'FAIL'}: worst max |diff| {worst:.3g} (tolerance {TOL})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
