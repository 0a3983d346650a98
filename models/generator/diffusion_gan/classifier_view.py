"""The shipped classifier (models/classifier/model.onnx, as the browser runs it) as the generator's yardstick:
class probabilities and the penultimate features (the input of its class layer, mean over its test-time views).

No Inception weights can be downloaded here, so Fréchet distances are in these features, not FID's."""
from __future__ import annotations

import json
import pathlib

import numpy as np
import onnx
from onnx_numpy import run_onnx  # models/training (diffusion_gan/__init__.py)
from source_probe import feature_output

ROOT = pathlib.Path(__file__).resolve().parents[3]

MODEL_DIR = ROOT / "models" / "classifier"


class ClassifierView:
    def __init__(self, model_dir: pathlib.Path = MODEL_DIR):
        self.card = json.loads((model_dir / "card.json").read_text())
        self.model = onnx.load(str(model_dir / self.card["model_file"]))
        self.feature = feature_output(self.model)
        self.model.graph.output.append(onnx.helper.make_tensor_value_info(self.feature, onnx.TensorProto.FLOAT, None))
        self.classes = list(self.card["classes"])
        self.size = int(self.card["input"]["size"])
        self.mean = np.asarray(self.card["input"]["mean"], np.float32)[:, None, None]
        self.std = np.asarray(self.card["input"]["std"], np.float32)[:, None, None]
        self.key = f'{self.card["name"]} {self.card["created_at"]}'

    def run(self, images_u8: np.ndarray, batch: int = 32, progress: str | None = None, unfamiliar: bool = False):
        """uint8 [N, S, S, 3] at the classifier's input size -> (probabilities [N, C], features [N, F]), and with
        unfamiliar=True also the unfamiliar score [N] (flagged above the card's unfamiliar.threshold)."""
        if images_u8.shape[1] != self.size:
            raise ValueError(f"images must be {self.size} px (the classifier's input)")
        probs, feats, scores = [], [], []
        names = [o.name for o in self.model.graph.output]
        # a classifier without an unfamiliar score (the second yardstick, an earlier model) is run for the rest only
        wanted = [names[0], self.feature] + ([self.card["outputs"]["unfamiliar_score"]] if unfamiliar else [])
        for i in range(0, len(images_u8), batch):
            x = (images_u8[i:i + batch].astype(np.float32).transpose(0, 3, 1, 2) / 255.0 - self.mean) / self.std
            p, f, *u = run_onnx(self.model, {"input": x}, wanted, dtype=np.float32)
            n = len(x)
            probs.append(p)
            if unfamiliar:
                scores.append(np.asarray(u[0]).reshape(n))
            feats.append(f.reshape(n, -1) if f.shape[0] == n else f.reshape(-1, n, f.shape[-1]).mean(0))
            if progress and (i // batch) % 20 == 0:
                print(f"  {progress}: {i + n}/{len(images_u8)}", flush=True)
        out = np.concatenate(probs), np.concatenate(feats).astype(np.float32)
        return (*out, np.concatenate(scores)) if unfamiliar else out
