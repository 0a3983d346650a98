"""Calibration and the measures built on it: ECE, temperature, the unfamiliar score, the source probe,
per-image colour standardisation, and the card's schema check."""
import json
import sys
import pathlib

import numpy as np
import pytest
import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from classifier import card as cardmod  # noqa: E402
from classifier.colour import ColourStandardise, lab_stats  # noqa: E402
from classifier.evaluate import calibration_error, fit_temperature, linear_probe, softmax_np  # noqa: E402
from classifier.model import fit_unfamiliar  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[3]


def test_ece_is_zero_when_confidence_matches_accuracy_and_large_when_overconfident():
    conf = np.full(1000, 0.7)
    hits = np.array([1] * 700 + [0] * 300)
    assert calibration_error(conf, hits) == pytest.approx(0.0, abs=1e-9)
    assert calibration_error(np.full(1000, 0.99), hits) == pytest.approx(0.29, abs=1e-6)


def test_fit_temperature_recovers_the_temperature_the_labels_were_drawn_with():
    rng = np.random.default_rng(0)
    logits = rng.normal(0, 3, (4000, 5))
    p = softmax_np(logits / 2.0)
    y = np.array([rng.choice(5, p=row) for row in p])
    assert fit_temperature(logits, y) == pytest.approx(2.0, rel=0.12)


def test_unfamiliar_score_is_small_for_training_like_features_and_large_far_away():
    g = torch.Generator().manual_seed(0)
    means = torch.randn(3, 16, generator=g) * 4
    y = torch.arange(3).repeat_interleave(300)
    feats = means[y] + torch.randn(900, 16, generator=g)
    unf = fit_unfamiliar(feats, y, 3)
    near = unf.mahalanobis(means[[0, 1, 2]] + torch.randn(3, 16, generator=g))
    far = unf.mahalanobis(torch.randn(3, 16, generator=g) * 40)
    assert float(near.max()) < 3.0
    assert float(far.min()) > 20.0


def test_unfamiliar_rule_standardises_each_signal_and_takes_the_larger():
    g = torch.Generator().manual_seed(0)
    means = torch.randn(2, 8, generator=g) * 4
    y = torch.arange(2).repeat_interleave(200)
    unf = fit_unfamiliar(means[y] + torch.randn(400, 8, generator=g), y, 2)
    f = means[[0, 1]]
    sure = torch.tensor([[20.0, 0.0], [0.0, 20.0]])  # confident logits: low energy
    unsure = torch.zeros(2, 2)  # equal logits: energy -log 2
    m = unf.mahalanobis(f)
    unf.set_rule(("mahalanobis",), (1.0, 0.0), (2.0, 1.0))
    assert torch.allclose(unf(f, sure), (m - 1.0) / 2.0)
    unf.set_rule(("energy",), (0.0, -20.0), (1.0, 0.5))
    assert torch.allclose(unf(f, unsure), (-torch.log(torch.tensor(2.0)) + 20.0) / 0.5 * torch.ones(2))
    unf.set_rule(("mahalanobis", "energy"), (1.0, -20.0), (2.0, 0.5))
    both = unf(f, unsure)
    assert torch.allclose(both, torch.maximum((m - 1.0) / 2.0, (-torch.log(torch.tensor(2.0)) + 20.0) / 0.5))
    assert torch.all(unf(f, sure) < both)


def test_linear_probe_is_at_chance_on_noise_and_near_one_on_separable_groups():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(400, 8)).astype(np.float32)
    labels = np.array([0, 1] * 200)
    assert abs(linear_probe(x, labels)["accuracy"] - 0.5) < 0.1
    x2 = x.copy()
    x2[labels == 1, 0] += 5
    assert linear_probe(x2, labels)["accuracy"] > 0.95


def test_colour_standardisation_undoes_a_global_recolouring():
    g = torch.Generator().manual_seed(2)
    x = torch.rand(2, 3, 32, 32, generator=g) * 0.6 + 0.2
    cs = ColourStandardise((-0.3, 0.01, 0.005), (0.12, 0.02, 0.01))
    # a different "stain": per-channel gains (a diagonal change of LMS is close to an affine change in log space)
    y = (x * torch.tensor([0.8, 1.1, 0.9]).view(1, 3, 1, 1)).clamp(0, 1)
    a, b = cs(x), cs(y)
    assert float((a - b).abs().mean()) < 0.02
    m, s = lab_stats(a)
    assert torch.allclose(m, torch.tensor([-0.3, 0.01, 0.005]).expand(2, 3), atol=0.02)


def test_the_card_check_accepts_the_shipped_card_and_refuses_a_misspelt_key():
    card = json.loads((ROOT / "models" / "classifier" / "card.json").read_text())
    cardmod.validate(card)
    bad = dict(card, temprature=1.0)
    import jsonschema
    with pytest.raises(jsonschema.ValidationError):
        cardmod.validate(bad)
    worse = dict(card)
    del worse["classes"]
    with pytest.raises(jsonschema.ValidationError):
        cardmod.validate(worse)
