"""Can a model's features tell which laboratory a cell came from? For any exported model (ONNX): the input of
its last class layer is taken as the features, for PBC segmented neutrophils (val + test) and the Matek segmented
neutrophils; a 5-fold logistic regression predicts the lab (classifier.evaluate.linear_probe). 50% = no trace.

    /usr/bin/python3 models/training/source_probe.py models/classifier/model.onnx [--limit 200] [--matek card|all|not-train]

The Matek neutrophils: those the model did not train on, as its card says (all of them, or those outside the training
split when it trained on that split's); --matek not-train measures another model on the same images.

Runs the graph with the float64 numpy interpreter (onnx_numpy.py): slow, but the same for any model.
"""
import argparse
import json
import pathlib
import sys

import numpy as np
import onnx

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from classifier import data as D  # noqa: E402
from classifier.config import HELD_OUT_EVAL_ONLY, ROOT  # noqa: E402
from classifier.evaluate import linear_probe  # noqa: E402
from onnx_numpy import run_onnx  # noqa: E402
import preprocess as pp  # noqa: E402


def feature_output(model: onnx.ModelProto) -> str:
    """The tensor that feeds the class head: the first input of the node producing class_probs' logits (the last
    Gemm/MatMul before the class softmax)."""
    producers = {o: n for n in model.graph.node for o in n.output}
    node = producers[model.graph.output[0].name]
    while node.op_type not in ("Gemm", "MatMul"):
        node = producers[node.input[0]]
    return node.input[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model")
    ap.add_argument("--limit", type=int, default=200, help="images per lab")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "datasets"))
    ap.add_argument("--matek", choices=["card", "all", "not-train"], default="card")
    args = ap.parse_args()
    model = onnx.load(args.model)
    card = json.loads((pathlib.Path(args.model).parent / "card.json").read_text())
    size = card["input"]["size"]
    name = feature_output(model)
    model.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    recs = D.load_records(pathlib.Path(args.data))
    pbc = sorted([r for r in recs if r["source"] == "pbc" and r["label"] == "segmented_neutrophil" and r["split"] != "train"],
                 key=lambda r: r["id"])[:args.limit]
    not_train = args.matek == "not-train" or (
        args.matek == "card" and set(HELD_OUT_EVAL_ONLY) & set(card["training"].get("held_out", [])))
    matek = sorted([r for r in recs if r["source"] == "matek-aml" and r["label"] == "segmented_neutrophil"
                    and not (not_train and r["split"] == "train")], key=lambda r: r["id"])[:args.limit]
    feats = []
    for i, group in enumerate((pbc, matek)):
        for k in range(0, len(group), 16):
            x = np.stack([pp.preprocess(r["path"], size) for r in group[k:k + 16]])
            f = run_onnx(model, {"input": x}, [name])[0]
            feats.append(f.reshape(len(x), -1) if f.shape[0] == len(x) else f.reshape(-1, len(x), f.shape[-1]).mean(0))
    X = np.concatenate(feats).astype(np.float32)
    y = np.array([0] * len(pbc) + [1] * len(matek))
    res = linear_probe(X, y)
    print(json.dumps(dict(model=card["name"], created_at=card["created_at"], features=name, dim=int(X.shape[1]),
                          matek="val+test" if not_train else "all", **res)))


if __name__ == "__main__":
    main()
