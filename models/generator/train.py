"""Train the class-conditional Diffusion-GAN generator (npm run train:generator).

    npm run train:generator                          # full run: <= --budget-minutes of training, checkpoints
    npm run train:generator -- --resume              # continue an interrupted run from runs/<name>/last.pt
    /usr/bin/python3 models/generator/train.py --smoke --out /tmp/gen   # CI: tiny end-to-end run

Trains on the train split only (the classifier's split, models/training/split.py), at the question bank's
magnification (diffusion_gan/data.py), with class-balanced batches (rare classes are why we generate at all)
and dihedral flips of the real images (a cell has no up or down). Writes the EMA generator's weights to
<out>/generator.pt and training facts to <out>/training.json; `npm run eval:generator` measures it.
"""
from __future__ import annotations

import argparse
import copy
import json
import pathlib
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from diffusion_gan import data as GD  # noqa: E402
from diffusion_gan.diffusion import AdaptiveDiffusion  # noqa: E402
from diffusion_gan.net import Z_DIM, Discriminator, FrozenFeatures, Generator, NucleusHead  # noqa: E402
from diffusion_gan.sampling import load_generator  # noqa: E402
from classifier import pretrained as P  # noqa: E402  (models/training on sys.path via diffusion_gan/__init__.py)
from classifier.config import CLASSES  # noqa: E402
from classifier import precision  # noqa: E402

RUNS = HERE / "runs"
# what a checkpoint whose arguments do not record a shape setting was trained with: size, channels and coarse_only are
# missing from run v3 and earlier, aux_class from every run before v8, nucleus_head from every run before v9,
# nucleus_pixels from every run before v10, nucleus_stem from every run before v11, nucleus_full_stem before v12
BEFORE_SHAPE_ARGS = {"size": 128, "channels": "256,256,128,64,48", "coarse_only": True, "aux_class": 0.0,
                     "nucleus_head": False, "nucleus_pixels": 64, "nucleus_stem": "32", "nucleus_full_stem": ""}
NSFWJS_CACHE = HERE.parents[0] / "training" / "runs" / "cache" / "nsfwjs"


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--name", default="shipped")
    ap.add_argument("--out", default=str(HERE), help="where generator.pt and training.json go")
    ap.add_argument("--size", type=int, default=128)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--budget-minutes", type=float, default=115.0, help="wall time of training (not data loading)")
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0: budget only)")
    ap.add_argument("--lr-g", type=float, default=2e-4)
    ap.add_argument("--lr-d", type=float, default=2e-4)
    ap.add_argument("--ema", type=float, default=0.999)
    ap.add_argument("--target", type=float, default=0.6, help="Diffusion-GAN's d_target for r_d")
    ap.add_argument("--mode-seeking", type=float, default=1.0,
                    help="weight of the mode-seeking term (Mao et al., CVPR 2019): two latents of one class must give different images")
    ap.add_argument("--coarse-only", action="store_true",
                    help="run v3's discriminator: no stride-4 head and no full-resolution texture head")
    ap.add_argument("--channels", default=",".join(map(str, Generator.CHANNELS)),
                    help="generator widths at 4, 8, 16, 32 and 64 px")
    ap.add_argument("--precision", choices=precision.CHOICES, default="auto",
                    help="convolutions under bfloat16 autocast (about 1.7x faster on a CPU with AVX-512 BF16; weights, "
                         "optimiser and the output image stay float32); auto: bf16 where the CPU has it")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--snapshot-minutes", type=float, default=0.0,
                    help="also write the EMA generator every this many minutes of training to <out>/snapshots/step-<step>/ "
                         "(generator.pt and training.json, as at the end), so a snapshot can be chosen on the val split "
                         "(evaluate.py --split val): one run's snapshots differ as much as runs do (0: none)")
    ap.add_argument("--init-from", default="",
                    help="start the generator (and its EMA) from a shipped generator.pt, with a new discriminator: "
                         "continues a run whose checkpoint is gone (its shape is the file's, whatever --channels says)")
    ap.add_argument("--d-warmup", type=int, default=200,
                    help="with --init-from: discriminator-only steps before the generator moves, so a trained generator "
                         "does not follow an untrained discriminator's gradients")
    ap.add_argument("--features", default="nsfwjs",
                    help="the discriminator's frozen feature network: nsfwjs (the ImageNet-derived blocks of the nsfwjs "
                         "MobileNetV2, runs v1-v6) or the path of a classifier run's checkpoint (models/training/runs/"
                         "<run>/final.pt), whose backbone blocks 0-9 have learnt blood cells")
    ap.add_argument("--aux-class", type=float, default=0.0,
                    help="weight of the auxiliary classifier term (AC-GAN, run v8 on): a class head in the discriminator, "
                         "trained on real images, and the generator asked to draw images it puts in their class (0: none, "
                         "runs v1-v7)")
    ap.add_argument("--nucleus-head", action="store_true",
                    help="add a discriminator head that sees only the nucleus's outline (net.NucleusHead, run v9 on)")
    ap.add_argument("--nucleus-pixels", type=int, default=64,
                    help="the size the nucleus head reads the nucleus map at (v9: 64; 128: the full image, so the thin "
                         "strands between a segmented neutrophil's lobes are 2-4 px wide, not 1-2)")
    ap.add_argument("--nucleus-stem", default="32",
                    help="channels of the nucleus head's first stride-2 convolutions, comma-separated (v9, v10: 32; "
                         "v11: 8,16 — at 128 px a thin stem costs what v9's head does, where v10's cost 3.2 times as much)")
    ap.add_argument("--nucleus-full-stem", default="",
                    help="with --nucleus-head: a second nucleus head beside the first, reading the map at the full image "
                         "size through these channels (run v12: v9's 64-px head plus v11's 128-px one, 8,16); empty: none")
    ap.add_argument("--smoke", action="store_true", help="2 images per class, 64 px, 6 steps (CI)")
    ap.add_argument("--data", default=str(GD.DATA))
    return ap.parse_args(argv)


def dihedral_batch(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """Each image turned by a random multiple of 90 degrees and maybe mirrored."""
    k = torch.randint(0, 4, (x.shape[0],), generator=gen)
    flip = torch.randint(0, 2, (x.shape[0],), generator=gen).bool()
    out = x.clone()
    for r in range(4):
        m = k == r
        if m.any():
            out[m] = torch.rot90(x[m], r, dims=(2, 3))
    out[flip] = out[flip].flip(3)
    return out


class BalancedSampler:
    """Class uniformly at random, then an image of that class (with replacement)."""

    def __init__(self, y: np.ndarray, n_classes: int, rng: np.random.Generator):
        self.by_class = [np.nonzero(y == c)[0] for c in range(n_classes)]
        self.present = [c for c in range(n_classes) if len(self.by_class[c])]
        self.rng = rng

    def classes(self, n: int) -> np.ndarray:
        return self.rng.choice(self.present, size=n)

    def indices(self, cls: np.ndarray) -> np.ndarray:
        return np.array([self.rng.choice(self.by_class[c]) for c in cls])


def feature_network(source: str) -> torch.nn.Sequential:
    """The frozen network the discriminator's heads read: the nsfwjs MobileNetV2 (ImageNet-derived blocks), or the
    same blocks of a trained classifier (its checkpoint's `state`; the classifier's colour standardisation is not
    applied, so the blocks see the images' own colours, real and generated alike)."""
    if source == "nsfwjs":
        return P.build_mobilenet_v2(P.load_nsfwjs_weights(P.fetch_nsfwjs(NSFWJS_CACHE)), up_to_block=10).features
    try:
        ck = torch.load(source, map_location="cpu")
    except Exception as e:  # noqa: BLE001 — any unreadable file gets the same plain message
        sys.exit(f"--features: cannot read {source} as a torch checkpoint ({type(e).__name__})")
    state = ck.get("state", ck) if isinstance(ck, dict) else None
    if not isinstance(state, dict) or not any(k.startswith("features.") for k in state):
        sys.exit(f"--features: {source} is not a classifier checkpoint (no features.* weights)")
    features = P.keras_mobilenet_v2().features
    keep = {k[len("features."):]: v for k, v in state.items()
            if k.startswith("features.") and int(k.split(".")[1]) <= FrozenFeatures.LAST_MODULE}
    ours = {k: v for k, v in features.state_dict().items() if int(k.split(".")[0]) <= FrozenFeatures.LAST_MODULE}
    if set(keep) != set(ours):
        sys.exit(f"--features: {source} has a different backbone ({len(keep)} of {len(ours)} tensors match by name)")
    features.load_state_dict(keep, strict=False)
    return features


def feature_facts(source: str) -> dict:
    if source == "nsfwjs":
        return {"network": "nsfwjs@4.4.0 MobileNetV2, blocks 0-9 (ImageNet-derived)"}
    path = pathlib.Path(source).resolve()
    rel = path.relative_to(HERE.parents[1]) if path.is_relative_to(HERE.parents[1]) else path
    return {"network": "a trained Leukodex classifier's MobileNetV2, blocks 0-9", "checkpoint": str(rel)}


def widths(text: str) -> tuple[int, ...]:
    """A comma-separated list of channel counts (--channels, --nucleus-stem) as a tuple."""
    return tuple(int(c) for c in text.split(","))


def build(size: int, n_classes: int, fine: bool = True, channels: tuple[int, ...] = Generator.CHANNELS,
          features_from: str = "nsfwjs", classify: bool = False, nucleus: bool = False, nucleus_pixels: int = 64,
          nucleus_stem: tuple[int, ...] = (32,), nucleus_full_stem: tuple[int, ...] = ()):
    features = FrozenFeatures(feature_network(features_from))
    return (Generator(n_classes, size, channels=channels),
            Discriminator(features, n_classes, size, fine=fine, classify=classify, nucleus=nucleus,
                          nucleus_pixels=nucleus_pixels, nucleus_stem=nucleus_stem, nucleus_full_stem=nucleus_full_stem))


def ema_update(ema: torch.nn.Module, model: torch.nn.Module, decay: float):
    with torch.no_grad():
        for pe, pm in zip(ema.parameters(), model.parameters()):
            pe.lerp_(pm, 1 - decay)
        for be, bm in zip(ema.buffers(), model.buffers()):
            be.copy_(bm)


def save_atomic(obj, path: pathlib.Path):
    tmp = path.with_suffix(".tmp")
    torch.save(obj, tmp)
    tmp.replace(path)


def sample_grid(G: Generator, n_per_class: int, seed: int) -> np.ndarray:
    """uint8 image: one row per class, n_per_class columns (fixed latents)."""
    gen = torch.Generator().manual_seed(seed)
    G.eval()
    rows = []
    with torch.no_grad():
        for c in range(G.n_classes):
            z = torch.randn(n_per_class, Z_DIM, generator=gen)
            rows.append(np.concatenate(list(GD.to_uint8(G(z, torch.full((n_per_class,), c)).numpy())), axis=1))
    return np.concatenate(rows, axis=0)


def main(argv=None):
    args = parse_args(argv)
    if args.smoke:
        args.size, args.batch, args.max_steps, args.budget_minutes = 64, 8, 6, 5.0
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    run = pathlib.Path(args.out) / "runs" / "smoke" if args.smoke else RUNS / args.name
    run.mkdir(parents=True, exist_ok=True)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    last = run / "last.pt"
    ck = None
    if args.resume:
        if not last.exists():
            sys.exit(f"--resume: no checkpoint at {last}")
        ck = torch.load(last)
        # the network's shape is the run's, whatever this command line says
        for key, before in BEFORE_SHAPE_ARGS.items():
            setattr(args, key, ck["args"].get(key, before))
        for key in ("init_from", "d_warmup", "init_facts", "precision", "features"):  # a continued run stays one
            setattr(args, key, ck["args"].get(key, getattr(args, key, None)))

    init = None
    if args.init_from and not args.resume:
        init, _ = load_generator(pathlib.Path(args.init_from))
        args.channels = ",".join(map(str, init.channels))
        if init.size != args.size:
            sys.exit(f"--init-from: {args.init_from} draws {init.size} px, this run {args.size} px")
        prior = pathlib.Path(args.init_from).with_name("training.json")
        args.init_facts = json.loads(prior.read_text()) if prior.exists() else None

    args.precision = precision.resolve(args.precision)
    autocast = lambda: precision.autocast(args.precision)  # noqa: E731
    print(f"precision: {args.precision}", flush=True)

    t_load = time.time()
    x_u8, y, recs = GD.load_split("train", args.size, None if args.smoke else RUNS / "cache", args.data,
                                  limit_per_class=2 if args.smoke else None)
    counts = {c: int((y == i).sum()) for i, c in enumerate(CLASSES)}
    print(f"train split: {len(y)} images at {args.size} px ({time.time() - t_load:.0f} s to load); per class {counts}",
          flush=True)
    x_all = torch.from_numpy(GD.to_tensor_range(x_u8))

    G, D = build(args.size, len(CLASSES), fine=not args.coarse_only, channels=widths(args.channels),
                 features_from=args.features, classify=args.aux_class > 0, nucleus=args.nucleus_head,
                 nucleus_pixels=args.nucleus_pixels, nucleus_stem=widths(args.nucleus_stem),
                 nucleus_full_stem=widths(args.nucleus_full_stem) if args.nucleus_full_stem else ())
    G_ema = copy.deepcopy(G).eval()
    opt_g = torch.optim.Adam(G.parameters(), args.lr_g, betas=(0.0, 0.99))
    opt_d = torch.optim.Adam(D.trainable(), args.lr_d, betas=(0.0, 0.99))
    diffusion = AdaptiveDiffusion(target=args.target)
    step, seconds, log = 0, 0.0, []
    rng = np.random.default_rng(args.seed)
    gen = torch.Generator().manual_seed(args.seed + 1)
    if ck is not None:
        G.load_state_dict(ck["G"]); G_ema.load_state_dict(ck["G_ema"]); D.heads.load_state_dict(ck["D_heads"])
        if D.class_head is not None:
            D.class_head.load_state_dict(ck["D_class"])
        opt_g.load_state_dict(ck["opt_g"]); opt_d.load_state_dict(ck["opt_d"])
        diffusion.load_state_dict(ck["diffusion"])
        step, seconds, log = ck["step"], ck["seconds"], ck["log"]
        rng = np.random.default_rng(args.seed + step)
        gen.manual_seed(args.seed + 1 + step)
        print(f"resumed at step {step} after {seconds / 60:.1f} min", flush=True)
    elif init is not None:
        G.load_state_dict(init.state_dict())
        G_ema.load_state_dict(init.state_dict())
        print(f"generator from {args.init_from}; {args.d_warmup} discriminator-only steps first", flush=True)
    warmup = args.d_warmup if args.init_from else 0
    sampler = BalancedSampler(y, len(CLASSES), rng)

    def checkpoint():
        save_atomic({"G": G.state_dict(), "G_ema": G_ema.state_dict(), "D_heads": D.heads.state_dict(),
                     "D_class": None if D.class_head is None else D.class_head.state_dict(),
                     "opt_g": opt_g.state_dict(), "opt_d": opt_d.state_dict(), "diffusion": diffusion.state_dict(),
                     "step": step, "seconds": seconds, "log": log, "args": vars(args)}, last)

    def write_generator(folder: pathlib.Path):
        """The EMA generator as it is now (generator.pt, float16) and the facts of its training (training.json)."""
        folder.mkdir(parents=True, exist_ok=True)
        # float16 weights: half the file, no visible difference for a generator
        torch.save({"state_dict": {k: v.half() if v.is_floating_point() else v for k, v in G_ema.state_dict().items()},
                    "classes": CLASSES, "size": args.size, "z_dim": Z_DIM, "channels": list(G_ema.channels), "dtype": "float16"},
                   folder / "generator.pt")
        nucleus = [h for h in D.heads if isinstance(h, NucleusHead)]
        facts = {"steps": step, "minutes": round(seconds / 60, 1), "batch": B, "size": args.size,
                 "images_seen": step * B, "train_images": len(y), "train_counts": counts,
                 "diffusion_T_final": diffusion.T, "discriminator_heads": [type(h).__name__ for h in D.heads],
                 "aux_class_weight": args.aux_class,
                 **({"nucleus_pixels": nucleus[0].pixels, "nucleus_stem": list(nucleus[0].stem),
                     **({"nucleus_full_stem": list(nucleus[1].stem)} if len(nucleus) > 1 else {})} if nucleus else {}),
                 "generator_channels": list(G.channels), "generator_parameters": sum(p.numel() for p in G.parameters()),
                 "threads": torch.get_num_threads(), "precision": args.precision, "seed": args.seed, "smoke": args.smoke,
                 "discriminator_features": feature_facts(args.features)}
        if args.init_from:
            # a continued generator: steps, minutes and images seen are the totals of every run that trained it (the
            # model page says how long the generator trained); this run's own are in this_run
            before = getattr(args, "init_facts", None) or {}
            facts["this_run"] = {k: facts[k] for k in ("steps", "minutes", "images_seen")}
            facts["this_run"]["discriminator_warmup_steps"] = warmup
            for k in ("steps", "minutes", "images_seen"):
                facts[k] += before.get(k, 0)
            facts["minutes"] = round(facts["minutes"], 1)
            facts["continued_from"] = {k: before.get(k) for k in ("steps", "minutes", "images_seen", "continued_from")
                                       if before.get(k) is not None}
        (folder / "training.json").write_text(json.dumps(facts, indent=1) + "\n")

    budget = args.budget_minutes * 60
    B = args.batch
    started = time.time() - seconds
    last_ck, last_grid = time.time(), time.time()
    every = args.snapshot_minutes * 60
    next_snapshot = (seconds // every + 1) * every if every > 0 else float("inf")
    fresh = lambda: {"d_real": 0.0, "d_fake": 0.0, "g": 0.0, "spread": 0.0, "cls_real": 0.0, "cls_fake": 0.0, "n": 0}  # noqa: E731
    acc = fresh()
    aux = args.aux_class > 0
    G.train(); D.train()
    while seconds < budget and not (args.max_steps and step >= args.max_steps):
        # one generated batch serves both steps (detached for the discriminator's): pairs of latents per class,
        # so the mode-seeking term can compare two images of the same class
        half = sampler.classes(B // 2)
        yg = torch.from_numpy(np.concatenate([half, half]))
        zg = torch.randn(len(yg), Z_DIM, generator=gen)
        with torch.set_grad_enabled(step >= warmup), autocast():
            fake = G(zg, yg)
        # discriminator step
        cls = sampler.classes(B)
        real = dihedral_batch(x_all[sampler.indices(cls)], gen)
        yr = torch.from_numpy(cls)
        tr, tf = diffusion.sample_t(B, gen), diffusion.sample_t(len(yg), gen)
        with autocast():
            if aux:
                d_real, c_real = D(diffusion.diffuse(real, tr, gen), tr, yr, with_class=True)
            else:
                d_real = D(diffusion.diffuse(real, tr, gen), tr, yr)
            d_fake = D(diffusion.diffuse(fake.detach(), tf, gen), tf, yg)
        loss_d = F.relu(1 - d_real).mean() + F.relu(1 + d_fake).mean()
        if aux:  # the class head learns from real images only
            loss_d = loss_d + F.cross_entropy(c_real, yr)
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        diffusion.observe(d_real, B)
        if step < warmup:
            step += 1
            seconds = time.time() - started
            continue
        # generator step
        tg = diffusion.sample_t(len(yg), gen)
        with autocast():
            if aux:
                d_gen, c_gen = D(diffusion.diffuse(fake, tg, gen), tg, yg, with_class=True)
            else:
                d_gen = D(diffusion.diffuse(fake, tg, gen), tg, yg)
            loss_g = -d_gen.mean()
        n = len(half)
        spread = (fake[:n] - fake[n:]).abs().mean(dim=(1, 2, 3)) / (zg[:n] - zg[n:]).abs().mean(dim=1)
        loss_total = loss_g + args.mode_seeking / (spread.mean() + 1e-5)
        if aux:
            loss_total = loss_total + args.aux_class * F.cross_entropy(c_gen, yg)
            acc["cls_real"] += float((c_real.argmax(1) == yr).float().mean())
            acc["cls_fake"] += float((c_gen.argmax(1) == yg).float().mean())
        opt_g.zero_grad(set_to_none=True)
        loss_total.backward()
        opt_g.step()
        ema_update(G_ema, G, args.ema if step > 200 or args.init_from else 0.9)
        step += 1
        seconds = time.time() - started
        acc["d_real"] += float(d_real.mean()); acc["d_fake"] += float(d_fake.mean()); acc["g"] += float(loss_g)
        acc["spread"] += float(spread.mean())
        acc["n"] += 1
        if step % 50 == 0 or args.smoke:
            n = acc["n"]
            entry = {"step": step, "minutes": round(seconds / 60, 2), "T": diffusion.T, "p": round(diffusion.p, 4),
                     "d_real": round(acc["d_real"] / n, 3), "d_fake": round(acc["d_fake"] / n, 3),
                     "loss_g": round(acc["g"] / n, 3), "spread": round(acc["spread"] / n, 4)}
            if aux:  # the class head's accuracy on the (diffused) real and generated images of the last 50 steps
                entry.update(cls_real=round(acc["cls_real"] / n, 3), cls_fake=round(acc["cls_fake"] / n, 3))
            log.append(entry)
            acc = fresh()
            print(json.dumps(entry), flush=True)
        if seconds >= next_snapshot:
            write_generator(out / "snapshots" / f"step-{step:06d}")
            next_snapshot += every
        if time.time() - last_ck > 300:
            checkpoint()
            last_ck = time.time()
        if not args.smoke and time.time() - last_grid > 480:
            from PIL import Image
            Image.fromarray(sample_grid(G_ema, 8, 123)).save(run / f"grid-{step:06d}.png")
            last_grid = time.time()
    checkpoint()
    from PIL import Image
    Image.fromarray(sample_grid(G_ema, 8, 123)).save(run / "grid-final.png")
    write_generator(out)
    print(f"done: {step} steps in {seconds / 60:.1f} min; wrote {out / 'generator.pt'}", flush=True)


if __name__ == "__main__":
    main()
