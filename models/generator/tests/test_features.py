"""The discriminator's frozen feature network: the nsfwjs blocks or a trained classifier's (train.py --features)."""
import pathlib
import sys

import pytest
import torch

HERE = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))
import train as T  # noqa: E402
from classifier import pretrained as P  # noqa: E402
from diffusion_gan.net import FrozenFeatures  # noqa: E402


def classifier_checkpoint(path: pathlib.Path, seed: int = 3) -> dict:
    """A checkpoint shaped like a classifier run's final.pt: {'state': Net's state dict, ...}."""
    torch.manual_seed(seed)
    features = P.keras_mobilenet_v2().features
    for p in features.parameters():
        p.data.normal_()
    state = {f"features.{k}": v for k, v in features.state_dict().items()}
    state["cls.weight"] = torch.zeros(12, 256)
    torch.save({"state": state, "views": 2}, path)
    return state


def test_a_classifier_checkpoint_gives_its_own_blocks_0_to_9(tmp_path):
    state = classifier_checkpoint(tmp_path / "final.pt")
    features = T.feature_network(str(tmp_path / "final.pt"))
    loaded = features.state_dict()
    for k, v in loaded.items():
        if int(k.split(".")[0]) <= FrozenFeatures.LAST_MODULE:
            assert torch.equal(v, state[f"features.{k}"]), k
    # and the discriminator reads them: its stride-16 map differs from a fresh network's
    x = torch.rand(1, 3, 64, 64) * 2 - 1
    fresh = FrozenFeatures(P.keras_mobilenet_v2().features)
    assert not torch.allclose(FrozenFeatures(features)(x)[2], fresh(x)[2])
    facts = T.feature_facts(str(tmp_path / "final.pt"))
    assert "classifier" in facts["network"] and facts["checkpoint"].endswith("final.pt")


def test_a_file_that_is_not_a_classifier_checkpoint_is_refused_plainly(tmp_path):
    (tmp_path / "card.json").write_text("{}")
    with pytest.raises(SystemExit, match="cannot read .*card.json as a torch checkpoint"):
        T.feature_network(str(tmp_path / "card.json"))
    torch.save({"G": {}}, tmp_path / "generator.pt")
    with pytest.raises(SystemExit, match="not a classifier checkpoint"):
        T.feature_network(str(tmp_path / "generator.pt"))
