"""A tiny ONNX interpreter (float64) for the ops our exported graph uses.

onnxruntime is not installed for Python here and onnx 1.12 has no onnx.reference, so this checks
the exported graph (topology, weights, attributes) against the torch model. Conv uses
torch.nn.functional.conv2d in float64 as the numeric kernel; everything else is numpy.
"""
import numpy as np
import onnx
from onnx import numpy_helper
import torch
import torch.nn.functional as F


def _attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _softmax(x, axis):
    z = x - x.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def _conv(x, w, b, at):
    if at.get("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET"):
        raise NotImplementedError("auto_pad")
    pads = at.get("pads", [0, 0, 0, 0])
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    y = F.conv2d(torch.from_numpy(x), torch.from_numpy(w), None if b is None else torch.from_numpy(b),
                 stride=tuple(at.get("strides", [1, 1])), dilation=tuple(at.get("dilations", [1, 1])),
                 groups=at.get("group", 1))
    return y.numpy()


def run_onnx(model, feeds, outputs, dtype=np.float64):
    """Run the graph on `feeds`; floats are computed in `dtype` (float64 for parity checks, float32 when only
    speed matters, e.g. the generator's measures over thousands of images)."""
    env = {i.name: numpy_helper.to_array(i).astype(dtype) if numpy_helper.to_array(i).dtype.kind == "f"
           else numpy_helper.to_array(i) for i in model.graph.initializer}
    for k, v in feeds.items():
        env[k] = np.asarray(v, dtype=dtype)
    for node in model.graph.node:
        at = _attrs(node)
        ins = [env[n] if n else None for n in node.input]
        op = node.op_type
        if op == "Constant":
            v = numpy_helper.to_array(at["value"])
            out = v.astype(dtype) if v.dtype.kind == "f" else v
        elif op == "Identity":
            out = ins[0]
        elif op == "Conv":
            out = _conv(ins[0], ins[1], ins[2] if len(ins) > 2 else None, at)
        elif op == "Relu":
            out = np.maximum(ins[0], 0)
        elif op == "HardSigmoid":
            out = np.clip(at.get("alpha", 0.2) * ins[0] + at.get("beta", 0.5), 0, 1)
        elif op == "HardSwish":
            out = ins[0] * np.clip(ins[0] / 6 + 0.5, 0, 1)
        elif op == "GlobalAveragePool":
            out = ins[0].mean(axis=(2, 3), keepdims=True)
        elif op == "Mul":
            out = ins[0] * ins[1]
        elif op == "Add":
            out = ins[0] + ins[1]
        elif op == "Div":
            out = ins[0] / ins[1]
        elif op == "Flatten":
            ax = at.get("axis", 1)
            out = ins[0].reshape(int(np.prod(ins[0].shape[:ax])), -1)
        elif op == "Gemm":
            a, b = ins[0], ins[1]
            if at.get("transA", 0):
                a = a.T
            if at.get("transB", 0):
                b = b.T
            out = at.get("alpha", 1.0) * (a @ b)
            if len(ins) > 2 and ins[2] is not None:
                out = out + at.get("beta", 1.0) * ins[2]
        elif op == "Softmax":
            out = _softmax(ins[0], at.get("axis", -1))
        elif op == "Slice":
            x, starts, ends = ins[0], ins[1], ins[2]
            axes = ins[3] if len(ins) > 3 and ins[3] is not None else np.arange(len(starts))
            steps = ins[4] if len(ins) > 4 and ins[4] is not None else np.ones(len(starts), np.int64)
            sl = [slice(None)] * x.ndim
            for s, e, a, st in zip(starts, ends, axes, steps):
                a, s, e, st = int(a), int(s), int(e), int(st)
                dim = x.shape[a]
                if st > 0:
                    sl[a] = slice(s, min(e, dim), st)
                else:  # negative step: an end below -dim means "through index 0"
                    sl[a] = slice(s, None if e < -dim else e, st)
            out = x[tuple(sl)]
        elif op == "Transpose":
            out = np.transpose(ins[0], at.get("perm"))
        elif op == "Reshape":
            shape = [int(v) for v in ins[1]]
            shape = [ins[0].shape[i] if v == 0 and not at.get("allowzero", 0) else v for i, v in enumerate(shape)]
            out = ins[0].reshape(shape)
        elif op == "ReduceMean":
            axes = at.get("axes", None)
            if axes is None and len(ins) > 1 and ins[1] is not None:
                axes = [int(v) for v in ins[1]]
            out = ins[0].mean(axis=tuple(axes) if axes is not None else None, keepdims=bool(at.get("keepdims", 1)))
        elif op == "Shape":
            out = np.array(ins[0].shape, dtype=np.int64)
        elif op == "Gather":
            out = np.take(ins[0], ins[1].astype(np.int64), axis=at.get("axis", 0))
        elif op == "Unsqueeze":
            out = ins[0]
            for a in sorted(int(v) for v in ins[1]):
                out = np.expand_dims(out, a)
        elif op == "Concat":
            out = np.concatenate(ins, axis=at["axis"])
        elif op == "Clip":
            lo = ins[1] if len(ins) > 1 and ins[1] is not None else -np.inf
            hi = ins[2] if len(ins) > 2 and ins[2] is not None else np.inf
            out = np.clip(ins[0], lo, hi)
        elif op == "Sub":
            out = ins[0] - ins[1]
        elif op == "Pow":
            out = np.power(ins[0], ins[1])
        elif op == "Log":
            out = np.log(ins[0])
        elif op == "Sqrt":
            out = np.sqrt(ins[0])
        elif op == "MatMul":
            out = np.matmul(ins[0], ins[1])
        elif op == "Neg":
            out = -ins[0]
        elif op in ("ReduceSum", "ReduceMin", "ReduceMax", "ReduceLogSumExp"):
            axes = at.get("axes", None)
            if axes is None and len(ins) > 1 and ins[1] is not None:
                axes = [int(v) for v in ins[1]]

            def logsumexp(a, axis, keepdims):
                m = np.max(a, axis=axis, keepdims=True)
                r = m + np.log(np.sum(np.exp(a - m), axis=axis, keepdims=True))
                return r if keepdims else np.squeeze(r, axis=axis)
            fn = {"ReduceSum": np.sum, "ReduceMin": np.min, "ReduceMax": np.max, "ReduceLogSumExp": logsumexp}[op]
            out = fn(ins[0], axis=tuple(axes) if axes is not None else None, keepdims=bool(at.get("keepdims", 1)))
        elif op == "Cast":
            to = np.dtype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[at["to"]])
            out = ins[0].astype(dtype if to.kind == "f" else to)
        elif op == "ConstantOfShape":
            v = numpy_helper.to_array(at["value"]) if "value" in at else np.zeros(1, np.float32)
            out = np.full([int(d) for d in ins[0]], v.reshape(-1)[0], dtype=dtype if v.dtype.kind == "f" else v.dtype)
        elif op == "Pad":
            pads = [int(v) for v in ins[1]]
            n = ins[0].ndim
            mode = at.get("mode", b"constant")
            if mode not in (b"constant", "constant"):
                raise NotImplementedError(f"Pad mode {mode}")
            value = float(ins[2]) if len(ins) > 2 and ins[2] is not None and ins[2].size else 0.0
            out = np.pad(ins[0], [(pads[i], pads[i + n]) for i in range(n)], constant_values=value).astype(ins[0].dtype)
        else:
            raise NotImplementedError(f"ONNX op {op} not supported by onnx_numpy")
        env[node.output[0]] = out
    return [env[o] for o in outputs]
