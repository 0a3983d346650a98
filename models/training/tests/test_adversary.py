"""The source adversary (classifier/adversary.py): the gradient is reversed, each step gets both labs' shared-class
images in equal numbers, a run resumes the same draws, and training against it makes the lab unreadable where
plain training leaves it readable. Also the split that trains on the held-out group's training images."""
import pathlib
import sys

import numpy as np
import pytest
import torch
import torch.nn.functional as F

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from classifier import data as D  # noqa: E402
from classifier.adversary import PairSampler, SourceAdversary, ramp, reverse_gradient  # noqa: E402
from classifier.evaluate import linear_probe  # noqa: E402


def test_the_gradient_is_reversed_and_scaled_and_the_values_pass_unchanged():
    x = torch.randn(5, 3, requires_grad=True)
    y = reverse_gradient(x, 0.3)
    assert torch.equal(y, x)
    (y * torch.arange(3.0)).sum().backward()
    assert torch.allclose(x.grad, -0.3 * torch.arange(3.0).expand(5, 3))


def test_the_strength_ramps_from_zero_towards_one():
    values = [ramp(p) for p in np.linspace(0, 1, 11)]
    assert values[0] == 0.0 and values[-1] > 0.999
    assert all(b > a for a, b in zip(values, values[1:]))
    assert ramp(-1) == 0.0 and ramp(2) == ramp(1)


def test_each_step_has_k_of_each_lab_and_a_pass_sees_every_image_once():
    pbc, matek = list(range(100, 110)), [7, 8, 9]
    s = PairSampler(pbc, matek, 3, torch.Generator().manual_seed(0))
    seen_matek = []
    for step in range(3):
        ip, im = s()
        assert len(ip) == 3 and len(im) == 3
        assert set(ip.tolist()) <= set(pbc) and set(im.tolist()) <= set(matek)
        seen_matek += im.tolist()
    assert sorted(seen_matek) == sorted(matek * 3)  # three full passes over the three Matek images
    ip = torch.cat([s()[0] for _ in range(10)]).tolist()  # 30 draws from 10 images: whole passes, no image missed
    assert sorted(set(ip)) == pbc


def test_a_resumed_sampler_draws_what_the_uninterrupted_one_would():
    a = PairSampler(list(range(20)), list(range(50, 57)), 4, torch.Generator().manual_seed(1))
    for _ in range(3):
        a()
    st = a.state()
    expected = [a() for _ in range(4)]
    b = PairSampler(list(range(20)), list(range(50, 57)), 4, torch.Generator().manual_seed(1))
    b.load(st)
    got = [b() for _ in range(4)]
    for (e0, e1), (g0, g1) in zip(expected, got):
        assert torch.equal(e0, g0) and torch.equal(e1, g1)


def test_a_lab_without_shared_class_images_is_an_error():
    with pytest.raises(ValueError, match="both labs"):
        PairSampler([1, 2], [], 2, torch.Generator())


def lab_probe_after_training(adversary_weight: float) -> float:
    """A linear encoder trained on a class; the lab shows strongly in the input. Returns a probe's accuracy on the
    lab from the encoder's output for fresh images."""
    torch.manual_seed(0)
    g = np.random.default_rng(0)

    def sample(n):
        cls = g.integers(0, 2, n)
        lab = g.integers(0, 2, n)
        x = g.standard_normal((n, 8)).astype(np.float32)
        x[:, 0] += (cls * 2 - 1) * 2.0
        x[:, 1] += (lab * 2 - 1) * 3.0
        return torch.from_numpy(x), torch.from_numpy(cls), torch.from_numpy(lab).float()

    enc, head = torch.nn.Linear(8, 4), torch.nn.Linear(4, 2)
    adv = SourceAdversary(4, hidden=16)
    opt = torch.optim.Adam([*enc.parameters(), *head.parameters(), *adv.parameters()], lr=1e-2)
    for step in range(600):
        x, cls, lab = sample(128)
        f = enc(x)
        loss = F.cross_entropy(head(f), cls)
        if adversary_weight:
            loss = loss + adversary_weight * F.binary_cross_entropy_with_logits(adv(f, 1.0), lab)
        opt.zero_grad()
        loss.backward()
        opt.step()
    x, cls, lab = sample(1000)
    with torch.no_grad():
        f = enc(x).numpy()
        acc = float((head(enc(x)).argmax(1) == cls).float().mean())
    assert acc > 0.9  # the class is still learnt
    return linear_probe(f, lab.long().numpy())["accuracy"]


def test_training_against_the_adversary_makes_the_lab_unreadable():
    plain, against = lab_probe_after_training(0.0), lab_probe_after_training(1.0)
    assert plain > 0.8
    assert against < 0.65


def rec(source, label, split, held_out=False):
    return dict(source=source, id=f"{source}-{label}-{split}", label=label, split=split, held_out=held_out, attrs={})


def test_the_held_out_groups_training_split_can_be_trained_on_while_val_and_test_stay_out():
    recs = [rec("pbc", "segmented_neutrophil", sp) for sp in ("train", "val", "test")]
    recs += [rec("matek-aml", "segmented_neutrophil", sp, held_out=True) for sp in ("train", "val", "test")]
    plain = D.splits(recs)
    assert [r["source"] for r in plain["train"]] == ["pbc"] and [r["source"] for r in plain["val"]] == ["pbc"]
    both = D.splits(recs, train_on_held_train=True)
    assert sorted(r["source"] for r in both["train"]) == ["matek-aml", "pbc"]
    assert [r["source"] for r in both["val"]] == ["pbc"]
    assert sorted(r["source"] for r in both["test"]) == ["matek-aml", "pbc"]
