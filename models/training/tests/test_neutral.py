"""The lab-neutral neck (classifier/neutral.py): inside the kept principal directions the labs' means become equal,
what differs between classes survives, the map is one affine layer, and it exports to ONNX."""
import pathlib
import sys

import numpy as np
import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from classifier.evaluate import linear_probe  # noqa: E402
from classifier.neutral import SourceNull, fit_source_null, lab_neutral, principal  # noqa: E402

D = 24


def features(n, seed):
    """Cells whose class shows along two strong directions; the lab shows along a strong direction (mixed with the
    class) and along a weak one, where cells hardly vary (as in the real neck)."""
    g = np.random.default_rng(seed)
    basis = np.linalg.qr(np.random.default_rng(99).standard_normal((D, D)))[0].T
    scales = np.r_[np.full(6, 3.0), np.full(D - 6, 0.05)]
    cls = g.integers(0, 3, n)
    lab = g.integers(0, 2, n)
    z = g.standard_normal((n, D)) * scales
    z[:, 0] += (cls - 1) * 6.0
    z[:, 1] += (cls == 2) * 5.0
    z[:, 2] += (lab * 2 - 1) * 2.5
    z[:, 10] += (lab * 2 - 1) * 0.1  # two sd apart in a weak direction
    return (z @ basis + 1.0).astype(np.float32), cls, lab


def apply(M, t, F):
    return np.asarray(F, np.float64) @ M.T + t


def test_the_labs_have_equal_means_after_the_map_and_the_class_survives():
    x, cls, lab = features(3000, 0)
    M, t = lab_neutral(x, x, lab, k=6)
    p = apply(M, t, x)
    assert np.abs(p[lab == 1].mean(0) - p[lab == 0].mean(0)).max() < 1e-8
    xt, clst, labt = features(1200, 1)
    pt = apply(M, t, xt)
    # the lab: readable before (strong and weak directions), near chance on unseen cells after
    assert linear_probe(xt, labt)["accuracy"] > 0.8
    assert linear_probe(pt.astype(np.float32), labt)["accuracy"] < 0.6
    # the class: as readable as before
    for c in range(3):
        before = linear_probe(xt, (clst == c).astype(np.int64))["accuracy"]
        after = linear_probe(pt.astype(np.float32), (clst == c).astype(np.int64))["accuracy"]
        assert after > before - 0.02


def test_the_map_is_the_principal_projection_with_the_mean_difference_erased():
    x, _, lab = features(2000, 2)
    mu, V = principal(x, 6)
    assert np.allclose(V.T @ V, np.eye(6), atol=1e-8)
    M, t = lab_neutral(x, x, lab, k=6)
    p = apply(M, t, x)
    # nothing outside the kept directions: every image has the cells' mean there
    out = (p - mu) - (p - mu) @ V @ V.T
    assert np.abs(out).max() < 1e-6
    # with the labs already alike, the map is the plain projection
    same = np.zeros_like(lab)
    same[: len(same) // 2] = 1
    x2 = x.copy()
    x2[same == 1] = x[same == 0][: (same == 1).sum()]
    M2, t2 = lab_neutral(x, x2, same, k=6)
    assert np.allclose(apply(M2, t2, x), mu + (x - mu) @ V @ V.T, atol=1e-5)


def test_the_layer_is_the_identity_when_off_and_exports_to_onnx(tmp_path):
    import onnx
    from onnx_numpy import run_onnx  # the numpy ONNX runner the trainer's parity check uses

    x, _, lab = features(600, 3)
    null = fit_source_null(x, x, lab, k=6).eval()
    f = torch.from_numpy(x[:5])
    with torch.no_grad():
        want = null(f).numpy()
        null.enabled = False
        assert torch.equal(null(f), f)
        null.enabled = True
    path = tmp_path / "null.onnx"
    torch.onnx.export(null, f, str(path), input_names=["f"], output_names=["g"], opset_version=17,
                      dynamic_axes={"f": {0: "n"}, "g": {0: "n"}})
    onnx.checker.check_model(onnx.load(str(path)))
    got = run_onnx(onnx.load(str(path)), {"f": x[:5]}, ["g"])[0]
    assert np.abs(got - want).max() < 1e-4
    assert isinstance(null, SourceNull)


def _row(k, probe, f1=0.90, attributes=0.91, ece=0.02):
    return dict(components=k, dev_probe=probe, val_macro_f1=f1, val_attributes=attributes, val_ece=ece)


def test_auto_takes_the_fewest_directions_among_free_near_chance_candidates():
    from classifier.neutral import choose_components
    rows = [_row(16, 0.50, attributes=0.895), _row(24, 0.55, ece=0.04), _row(32, 0.56), _row(48, 0.52),
            _row(64, 0.58, f1=0.904)]
    # 16 costs 1.5 points of attributes, 24's calibration is off: 32 is the fewest that costs nothing
    assert choose_components(rows, base_f1=0.901, base_attributes=0.912, near_chance=0.6)["components"] == 32
    # a 0.6-point loss of macro-F1 is a cost too
    assert choose_components([_row(32, 0.5, f1=0.895)], 0.901, 0.91, 0.6) is None


def test_auto_without_a_near_chance_candidate_takes_the_least_lab_readable():
    from classifier.neutral import choose_components
    rows = [_row(16, 0.74), _row(32, 0.70), _row(64, 0.703)]
    assert choose_components(rows, 0.90, 0.91, 0.6)["components"] == 32
