"""A lab-neutral neck: what tells one lab's cells from another's is taken out of the neck features before the
heads read them.

Why: the class head and the attribute heads are linear on the 256-d neck, so whatever a linear probe can read about
the lab there, the heads can use as a shortcut ("looks like Munich" = myeloblast). The only class both sources share
is the segmented neutrophil (PBC, Barcelona; Matek, Munich), so the lab is learnt from those.

What was measured (run r12, 2026-12-04; models/training/README.md): removing the probe's direction again and again
(INLP, Ravfogel et al. 2020) left the probe at 95% after 64 directions, and erasing the labs' mean difference in the
whole neck (LEACE, Belrose et al. 2023, or an orthogonal projection) erased it only on the images it was fitted on:
the lab lives partly in directions along which cells hardly vary, where an estimate from a few hundred images is too
noisy to remove it from others. This module keeps only the neck's main directions (the top-k principal components of
training cells of all classes, where the heads read the class) and erases the labs' mean difference inside them:

    z  = (f - mu) V                      V: [256, k] principal directions, mu: the cells' mean
    z' = z - ((z - zc) . b) d            d: Matek mean - PBC mean in z; b = C^-1 d / (d' C^-1 d); zc: their midpoint
    f' = mu + z' V'

which is one affine map, f' = f M' + t, a fixed layer of the network (`SourceNull`, in the ONNX graph) fitted after
training; the backbone is not changed. It removes nothing that is not linear in the neck. On r12's final features it
took the probe from 94% to 70-77% but cost 2.5-20 points of val accuracy (the lab direction is one the heads use to
tell classes apart), so train.py's --lab-neutral is off by default and `auto` applies it only when it is nearly free.
On features trained against the source adversary (run r13, adversary.py) it was: the shipped recipe (train.sh) uses
`auto` after the adversary.
"""
import numpy as np
import torch
import torch.nn as nn


class SourceNull(nn.Module):
    """f -> f @ matrix.T + offset (an affine map of the neck features)."""

    def __init__(self, matrix: np.ndarray, offset: np.ndarray):
        super().__init__()
        self.register_buffer("matrix", torch.as_tensor(np.asarray(matrix, np.float32)))
        self.register_buffer("offset", torch.as_tensor(np.asarray(offset, np.float32)))
        self.enabled = True

    def forward(self, f):
        if not self.enabled:
            return f
        return f @ self.matrix.T + self.offset


def principal(cells: np.ndarray, k: int):
    """The cells' mean and their top-k principal directions [d, k]."""
    X = np.asarray(cells, np.float64)
    mu = X.mean(0)
    vals, vecs = np.linalg.eigh(np.cov(X.T))
    return mu, vecs[:, ::-1][:, :k]


def lab_neutral(cells: np.ndarray, lab_feats: np.ndarray, lab: np.ndarray, k: int, ridge: float = 1e-3):
    """The affine map (matrix [d, d], offset [d]) that keeps the top-k principal directions of `cells` and erases,
    inside them, the mean difference between the two labs of `lab_feats` (labels 0/1, each lab weighted equally)."""
    mu, V = principal(cells, k)
    Z = (np.asarray(lab_feats, np.float64) - mu) @ V
    lab = np.asarray(lab)
    m0, m1 = Z[lab == 0].mean(0), Z[lab == 1].mean(0)
    d = m1 - m0
    zc = 0.5 * (m0 + m1)
    C = 0.5 * np.cov(Z[lab == 0].T) + 0.5 * np.cov(Z[lab == 1].T) + np.outer(d, d) / 4
    C = np.atleast_2d(C) + ridge * np.trace(np.atleast_2d(C)) / k * np.eye(k)
    b = np.linalg.solve(C, d)
    # labs already alike inside the kept directions: nothing to erase
    b = b / (d @ b) if d @ b > 1e-12 else np.zeros(k)
    # f' = mu + [(f - mu) V - ((f - mu) V - zc) b d'] V'
    inner = np.eye(k) - np.outer(b, d)  # row-vector form: z' = z @ inner + (zc . b) d
    Mt = V @ inner @ V.T  # f' = f @ Mt + t
    t = mu - mu @ Mt + (zc @ b) * (d @ V.T)
    return Mt.T, t


def fit_source_null(cells, lab_feats, lab, k: int, ridge: float = 1e-3) -> SourceNull:
    return SourceNull(*lab_neutral(cells, lab_feats, lab, k, ridge))


# What "costs nothing measurable on val" means when choosing the number of kept directions: each of val's macro-F1
# and mean attribute accuracy within half a point of the neck as trained (val: about 2,100 images, where half a point
# is about one standard error of accuracy), and val's calibration error after the temperature at most 0.03.
FREE_F1 = 0.005
FREE_ATTRIBUTES = 0.005
FREE_ECE = 0.03


def choose_components(rows, base_f1: float, base_attributes: float, near_chance: float):
    """The candidate `auto` applies, or None (the neck stays as trained). `rows`: one dict per candidate k with
    components, dev_probe, val_macro_f1, val_attributes, val_ece. Among the candidates that cost nothing measurable on
    val, those whose dev probe is near chance: the fewest components, since every direction kept is room for the lab
    to stay readable on images the map was not fitted on (the reason the map keeps only the main directions). If
    none is near chance: the least lab-readable. Why not the best val score among them: differences of a few
    thousandths there are noise, and the map can only take information away."""
    free = [r for r in rows
            if r["val_macro_f1"] >= base_f1 - FREE_F1 and r["val_attributes"] >= base_attributes - FREE_ATTRIBUTES
            and r["val_ece"] <= FREE_ECE]
    if not free:
        return None
    near = [r for r in free if r["dev_probe"] <= near_chance]
    if near:
        return min(near, key=lambda r: r["components"])
    return min(free, key=lambda r: (round(r["dev_probe"], 2), r["components"]))
