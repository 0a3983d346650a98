"""Metrics (accuracy, macro-F1, per class, confusion, attributes), calibration (ECE, temperature),
BatchNorm re-estimation and batched prediction."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from .config import CLASSES


@torch.no_grad()
def predict(model, X, bs=128):
    """X float32 contract input [N,3,S,S] numpy -> (class logits, attribute logits, features) numpy."""
    model.eval()
    outs = [[], [], []]
    for i in range(0, len(X), bs):
        xb = torch.from_numpy(np.ascontiguousarray(X[i:i + bs])).contiguous(memory_format=torch.channels_last)
        for acc, o in zip(outs, model(xb)):
            acc.append(o)
    if not outs[0]:
        return (np.zeros((0, len(CLASSES)), np.float32), np.zeros((0, sum(model.attr_sizes)), np.float32),
                np.zeros((0, 1), np.float32))
    return tuple(torch.cat(o).numpy() for o in outs)


def softmax_np(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def calibration_error(conf, correct, bins=15):
    """Expected calibration error of (top probability, was it right) pairs, in equal-width bins."""
    if len(conf) == 0:
        return 0.0
    conf = np.asarray(conf, dtype=np.float64)
    correct = np.asarray(correct, dtype=np.float64)
    edges = np.linspace(0, 1, bins + 1)
    e = 0.0
    for b in range(bins):
        lo, hi = edges[b], edges[b + 1]
        m = (conf > lo) & (conf <= hi) if b > 0 else (conf >= lo) & (conf <= hi)
        if m.any():
            e += m.mean() * abs(correct[m].mean() - conf[m].mean())
    return float(e)


def ece_score(probs, y, bins=15):
    return calibration_error(probs.max(1), probs.argmax(1) == y, bins)


def attribute_accuracy(alog, ya, vocab):
    acc, o = {}, 0
    for j, (a, vals) in enumerate(vocab):
        nv = len(vals)
        m = ya[:, j] >= 0
        if m.any():
            acc[a] = float((alog[m, o:o + nv].argmax(1) == ya[m, j]).mean())
        o += nv
    return acc


def metrics(probs, y, alog, ya, vocab, classes=CLASSES):
    n = len(y)
    pred = probs.argmax(1) if n else np.zeros(0, np.int64)
    K = len(classes)
    cm = np.zeros((K, K), dtype=np.int64)
    for t, p in zip(y, pred):
        cm[t, p] += 1
    per_class, f1s = {}, []
    for k, c in enumerate(classes):
        tp = cm[k, k]
        prec = tp / cm[:, k].sum() if cm[:, k].sum() else 0.0
        rec = tp / cm[k].sum() if cm[k].sum() else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[c] = dict(precision=float(prec), recall=float(rec), f1=float(f1), support=int(cm[k].sum()))
        if cm[k].sum():
            f1s.append(f1)
    out = dict(n=int(n), accuracy=float((pred == y).mean()) if n else 0.0,
               macro_f1=float(np.mean(f1s)) if f1s else 0.0, per_class=per_class,
               confusion=dict(labels=list(classes), matrix=cm.tolist()), ece=ece_score(probs, y) if n else 0.0)
    acc = attribute_accuracy(alog, ya, vocab) if ya is not None else {}
    if acc:
        out["attribute_accuracy"] = acc
        out["mean_attribute_accuracy"] = float(np.mean(list(acc.values())))
    return out


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
def recalibrate_bn(net, batches):
    """Re-estimate BatchNorm running statistics (cumulative average) over the given input batches; a frozen
    module's (Net.frozen) keep their pretrained values."""
    bns = [m for m in net.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm) and not getattr(m, "frozen", False)]
    for mod in bns:
        mod.reset_running_stats()
        mod.momentum = None
    net.train()
    for xb in batches:
        net(xb.contiguous(memory_format=torch.channels_last))
    for mod in bns:
        mod.momentum = 0.01
    net.eval()


def fit_temperature(logits, y):
    """The temperature T minimising the NLL of softmax(logits / T) (LBFGS on log T)."""
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


def linear_probe(feats, labels, folds=5, seed=0, steps=300, wd=1e-3):
    """Cross-validated accuracy of a logistic regression predicting `labels` (0/1) from `feats`, on a
    balanced sample: 0.5 means the features carry no linear trace of the label."""
    rng = np.random.default_rng(seed)
    a, b = np.nonzero(labels == 0)[0], np.nonzero(labels == 1)[0]
    n = min(len(a), len(b))
    idx = np.concatenate([rng.choice(a, n, replace=False), rng.choice(b, n, replace=False)])
    rng.shuffle(idx)
    X = torch.from_numpy(feats[idx]).double()
    X = (X - X.mean(0)) / (X.std(0) + 1e-6)
    y = torch.from_numpy(labels[idx]).double()
    hits = 0
    for f in range(folds):
        te = torch.zeros(len(idx), dtype=torch.bool)
        te[f::folds] = True
        w = torch.zeros(X.shape[1], dtype=torch.float64, requires_grad=True)
        b0 = torch.zeros(1, dtype=torch.float64, requires_grad=True)
        opt = torch.optim.LBFGS([w, b0], lr=0.5, max_iter=steps, line_search_fn="strong_wolfe")

        def closure():
            opt.zero_grad()
            loss = F.binary_cross_entropy_with_logits(X[~te] @ w + b0, y[~te]) + wd * (w * w).sum()
            loss.backward()
            return loss

        opt.step(closure)
        with torch.no_grad():
            hits += int((((X[te] @ w + b0) > 0).double() == y[te]).sum())
    return dict(accuracy=hits / len(idx), n=int(len(idx)), chance=0.5)
