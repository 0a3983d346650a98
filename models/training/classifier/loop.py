"""The training loop: AdamW, one-cycle LR over epochs or a wall-time budget, EMA weights, per-epoch
checkpoints that --resume continues from."""
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from . import adversary as adv
from . import augment as aug
from . import outliers as ood
from . import precision
from .config import selection_score
from .evaluate import masked_attr_loss, metrics, predict, softmax_np
from .model import EMA


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


class ThreadTuner:
    """On a machine shared with builds and tests, 2 intra-op threads can be much slower than 1 (barrier
    stalls). Periodically probe the other setting for a few steps; keep the faster."""

    def __init__(self, max_threads, period=40, probe=6):
        self.options = sorted({1, max(1, max_threads)})
        self.current = self.options[-1]
        self.period, self.probe = period, probe
        self.n, self.probing = 0, None
        self.times = {o: [] for o in self.options}
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
                if probe < 0.9 * self.recent():
                    self.current = self.probing
                    self.times[self.current] = self.probe_times[1:]
                self.probing = None
                torch.set_num_threads(self.current)
        else:
            self.times[self.current] = (self.times[self.current] + [dt])[-10:]

    def recent(self):
        t = self.times[self.current]
        return float(np.median(t)) if t else float("inf")


def one_cycle(peak):
    """Linear warm-up (10%) from peak/20 to peak, then cosine down to peak/1000; p in 0..1."""
    def lr_at(p):
        warm, lo0, lo1 = 0.10, peak / 20, peak / 1000
        if p < warm:
            return lo0 + (peak - lo0) * p / warm
        q = min(1.0, (p - warm) / (1 - warm))
        return lo1 + (peak - lo1) * 0.5 * (1 + math.cos(math.pi * q))
    return lr_at


def train(model, data, cfg, run_dir, vocab):
    """data: dict(Xtr uint8 tensor, ytr, yatr tensors, Xva float numpy, yva, yava numpy; with the source adversary,
    adv_pbc and adv_matek: training indices of each lab's shared-class images).
    cfg: dict of run settings (see train.py). Returns the last checkpoint dict."""
    Xtr, ytr, yatr = data["Xtr"], data["ytr"], data["yatr"]
    Xva, yva, yava = data["Xva"], data["yva"], data["yava"]
    sizes = [len(v) for _, v in vocab]
    n_c = np.bincount(ytr.numpy(), minlength=cfg["n_classes"]).astype(np.float64)
    w = np.where(n_c > 0, 1 / np.sqrt(np.maximum(n_c, 1)), 0)
    class_w = torch.tensor(w / w[n_c > 0].mean(), dtype=torch.float32)
    # the pretrained backbone learns at a tenth of the heads' rate (its features are the point of starting from it)
    head = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("features.")]
    adv_w = cfg.get("adversary", 0.0)
    adversary = adv.SourceAdversary(model.neck[0].out_features) if adv_w > 0 else None
    if adversary is not None:
        head += list(adversary.parameters())
    body = [p for n, p in model.named_parameters() if p.requires_grad and n.startswith("features.")]
    body_scale = cfg["backbone_lr_scale"]
    groups = []
    for params, scale in ((head, 1.0), (body, body_scale)):
        groups.append({"params": [p for p in params if p.ndim > 1], "weight_decay": cfg["wd"], "scale": scale})
        groups.append({"params": [p for p in params if p.ndim <= 1], "weight_decay": 0.0, "scale": scale})
    opt = torch.optim.AdamW([gr for gr in groups if gr["params"]], lr=cfg["lr"])
    steps_per_epoch = 2 if cfg["smoke"] else max(1, len(Xtr) // cfg["batch"])
    total = steps_per_epoch * cfg["epochs"]
    budget = cfg["budget_minutes"] * 60.0 if cfg["budget_minutes"] > 0 else float("inf")
    lr_at = one_cycle(cfg["lr"])
    measures = frozenset(cfg["measures"])
    ema = EMA(model, 0.5 if cfg["smoke"] else 0.998)
    g = torch.Generator().manual_seed(cfg["seed"])
    pairs = (adv.PairSampler(data["adv_pbc"], data["adv_matek"], cfg.get("adversary_k", 6),
                             torch.Generator().manual_seed(cfg["seed"] + 11)) if adversary is not None else None)
    start_epoch, step, history, best, elapsed_prev, val_spi, done = 0, 0, [], None, 0.0, 0.0, False
    last = run_dir / "last.pt"
    if cfg["resume"] and last.exists():
        ck = torch.load(last)
        model.load_state_dict(ck["model"])
        ema.model.load_state_dict(ck["ema"])
        opt.load_state_dict(ck["opt"])
        g.set_state(ck["gen"])
        torch.set_rng_state(ck["torch_rng"])
        start_epoch, step, history, best = ck["epoch"], ck["step"], ck["history"], ck["best"]
        elapsed_prev, val_spi, done = ck["train_seconds"], ck.get("val_seconds_per_image", 0.0), ck.get("done", False)
        if adversary is not None:
            adversary.load_state_dict(ck["adversary"])
            pairs.load(ck["pairs"])
        log(f"resumed at epoch {start_epoch} (step {step}, {elapsed_prev / 60:.1f} min trained)")
    t_train = time.time()

    def progress():
        """Schedule position by steps or by wall time, whichever is ahead; the time keeps back what the
        final full validation pass will take (measured on earlier passes, 25% margin)."""
        reserve = 1.25 * val_spi * len(Xva)
        return max(step / total, (elapsed_prev + time.time() - t_train + reserve) / budget)

    tuner = ThreadTuner(cfg["threads"])
    epoch = start_epoch
    while not done and epoch < cfg["epochs"]:
        model.train()
        te = time.time()
        perm = torch.randperm(len(Xtr), generator=g)
        tot = totc = tota = 0.0
        adv_loss = adv_hit = adv_n = 0.0
        nb = 0
        for it in range(steps_per_epoch):
            p = progress()
            if p >= 1.0:
                done = True
                break
            lr = lr_at(p)
            for grp in opt.param_groups:
                grp["lr"] = lr * grp["scale"]
            tuner.before_step()
            ts = time.time()
            idx = perm[(it * cfg["batch"]) % len(perm):][:cfg["batch"]]
            strength = aug.annealed_strength(cfg["aug_strength"], cfg.get("aug_final_strength"),
                                             cfg.get("aug_anneal_from", 1.0), p)
            x = aug.augment(Xtr[idx], g, measures, strength)
            n_out = cfg.get("outliers", 0)
            n_pair = 0
            if pairs is not None:  # each lab's shared-class images for the adversary (after the batch, before outliers)
                ip, im = pairs()
                n_pair = len(ip) + len(im)
                x = torch.cat([x, aug.augment(Xtr[torch.cat([ip, im])], g, measures, strength)])
            if n_out:  # outlier exposure: pictures that are not a white cell, augmented as cells are
                x = torch.cat([x, aug.augment(ood.outlier_batch(n_out, x.shape[-1], g, Xtr), g, measures, strength)])
            xb = ((x - 0.5) / 0.25).contiguous(memory_format=torch.channels_last)
            with precision.autocast(cfg.get("precision", "fp32")):
                logits, alog, feat = model(xb)
            logits, alog = logits.float(), alog.float()  # the losses in float32
            nb_in = len(idx)
            if n_pair:
                # the class loss also sees the added Matek images (the lab the class head must not read); the added
                # PBC ones are already well represented in the batch, and counting them would shift the class prior
                cls_idx = torch.cat([idx, im])
                cls_rows = torch.cat([torch.arange(nb_in), torch.arange(nb_in + len(ip), nb_in + n_pair)])
            else:
                cls_idx, cls_rows = idx, torch.arange(nb_in)
            lc = F.cross_entropy(logits[cls_rows], ytr[cls_idx], weight=class_w, label_smoothing=0.1)
            la = masked_attr_loss(alog[:nb_in], yatr[idx], sizes, cfg["attr_smoothing"])
            loss = lc + cfg["attr_weight"] * la
            if n_pair:
                lam = adv.ramp(p)
                src = adversary(feat[nb_in:nb_in + n_pair].float(), lam)
                target = torch.cat([torch.zeros(len(ip)), torch.ones(len(im))])
                ls = F.binary_cross_entropy_with_logits(src, target)
                loss = loss + adv_w * ls
                adv_loss += float(ls); adv_hit += float(((src > 0).float() == target).float().mean()); adv_n += 1
            if n_out:
                loss = loss + cfg.get("outlier_weight", 0.5) * ood.uniform_loss(logits[nb_in + n_pair:])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            ema.update(model, step)
            tuner.after_step(time.time() - ts)
            step += 1
            tot += float(loss); totc += float(lc); tota += float(la); nb += 1
            if it % 50 == 0:
                advs = (f" adversary loss {adv_loss / adv_n:.3f} acc {adv_hit / adv_n:.3f} lambda {adv.ramp(p):.2f}"
                        if adv_n else "")
                log(f"epoch {epoch + 1} it {it}/{steps_per_epoch} loss {float(loss):.3f} lr {lr:.2e} "
                    f"progress {p:.3f} aug {strength:.2f} threads {tuner.current} step {tuner.recent():.2f}s{advs}")
        if nb == 0:
            break
        epoch += 1
        done = done or epoch >= cfg["epochs"] or progress() >= 1.0
        # epoch selection on val: every 5th image early, every 2nd in the last 40%, all at the end
        full_val = progress() >= 0.6 or done or cfg["smoke"]
        sel = slice(0, None) if (done or cfg["smoke"]) else slice(0, None, 2 if full_val else 5)
        tv = time.time()
        vlog, valog, _ = predict(ema.model, Xva[sel])
        vm = metrics(softmax_np(vlog), yva[sel], valog, yava[sel], vocab)
        nv = len(yva[sel])
        val_spi = max(val_spi, (time.time() - tv) / max(1, nv))
        score = selection_score(vm["macro_f1"], vm.get("mean_attribute_accuracy", 0.0))
        rec = dict(epoch=epoch, steps=step, loss=tot / nb, loss_class=totc / nb, loss_attr=tota / nb, val_n=nv,
                   **(dict(adversary_loss=adv_loss / adv_n, adversary_accuracy=adv_hit / adv_n) if adv_n else {}),
                   val_accuracy=vm["accuracy"], val_macro_f1=vm["macro_f1"],
                   val_mean_attr=vm.get("mean_attribute_accuracy", 0.0), seconds=time.time() - te)
        history.append(rec)
        if full_val and (best is None or score >= best["score"]):
            best = dict(epoch=epoch, score=score)
            torch.save(ema.model.state_dict(), run_dir / "best_ema.pt")
        train_seconds = elapsed_prev + (time.time() - t_train)
        ck = dict(model=model.state_dict(), ema=ema.model.state_dict(), opt=opt.state_dict(), gen=g.get_state(),
                  torch_rng=torch.get_rng_state(), epoch=epoch, done=done, step=step, history=history, best=best,
                  train_seconds=train_seconds, cfg=cfg, val_seconds_per_image=val_spi,
                  **(dict(adversary=adversary.state_dict(), pairs=pairs.state()) if adversary is not None else {}))
        torch.save(ck, run_dir / "last.tmp")
        os.replace(run_dir / "last.tmp", last)
        log(f"epoch {epoch} loss {rec['loss']:.3f} (cls {rec['loss_class']:.3f} attr {rec['loss_attr']:.3f}) "
            f"val[{nv}] acc {vm['accuracy']:.4f} f1 {vm['macro_f1']:.4f} attr {rec['val_mean_attr']:.4f} "
            + (f"adversary acc {rec['adversary_accuracy']:.3f} " if adv_n else "")
            + f"[{rec['seconds']:.0f}s, total {train_seconds / 60:.1f} min, progress {progress():.3f}] "
            f"best epoch {best['epoch'] if best else '-'}")
    return torch.load(last)
