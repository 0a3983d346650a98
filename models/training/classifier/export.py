"""ONNX export, reference outputs for the TypeScript parity test, and the torch-vs-ONNX check."""
import numpy as np
import torch

from .config import REFERENCE, TRAINING
import sys

sys.path.insert(0, str(TRAINING))
import preprocess as pp  # noqa: E402

OUTPUTS = ["class_probs", "attribute_probs", "unfamiliar_score"]


def export_onnx(exp, S, path):
    import onnx
    dummy = torch.zeros(1, 3, S, S)
    torch.onnx.export(exp, dummy, str(path), opset_version=17, input_names=["input"], output_names=OUTPUTS,
                      dynamic_axes={n: {0: "N"} for n in ["input"] + OUTPUTS}, do_constant_folding=True)
    om = onnx.load(str(path))
    onnx.checker.check_model(om)
    return om


def synthetic_tensor(S):
    """input[c][y][x] = sin(0.1 * (y + 1) * (c + 1)) * cos(0.07 * (x + 1)), already normalised."""
    cc, yy, xx = np.meshgrid(np.arange(3), np.arange(S), np.arange(S), indexing="ij")
    return (np.sin(0.1 * (yy + 1) * (cc + 1)) * np.cos(0.07 * (xx + 1))).astype(np.float32)


@torch.no_grad()
def reference_outputs(exp, recs, S):
    """The exported model's outputs for fixed test images (the first test id of each REFERENCE pair) and
    the synthetic tensor: the TypeScript side must reproduce them from the image files."""
    images = []
    for source, label in REFERENCE:
        cand = sorted([r for r in recs if r["source"] == source and r["label"] == label and r["split"] == "test"],
                      key=lambda r: r["id"])
        if not cand:
            continue
        r = cand[0]
        cp, ap, us = exp(torch.from_numpy(pp.preprocess(r["path"], S))[None])
        images.append(dict(source=source, id=r["id"], file=r["file"], label=label, class_probs=[float(v) for v in cp[0]],
                           attribute_probs=[float(v) for v in ap[0]], unfamiliar_score=float(us[0])))
    cp, ap, us = exp(torch.from_numpy(synthetic_tensor(S))[None])
    tensor = dict(class_probs=[float(v) for v in cp[0]], attribute_probs=[float(v) for v in ap[0]],
                  unfamiliar_score=float(us[0]))
    return dict(images=images, tensor=tensor)


@torch.no_grad()
def parity(exp, om, inputs: np.ndarray):
    """Max |torch - ONNX| per output, the ONNX graph run by the float64 numpy interpreter."""
    from onnx_numpy import run_onnx
    outs = run_onnx(om, {"input": inputs}, OUTPUTS)
    touts = exp(torch.from_numpy(inputs))
    res = {}
    for name, o, t in zip(OUTPUTS, outs, touts):
        t = t.numpy()
        # the unfamiliar score is a distance (not a probability): compare relatively
        scale = max(1.0, float(np.abs(t).max())) if name == "unfamiliar_score" else 1.0
        res[name] = float(np.abs(o - t).max() / scale)
    return res
