"""The network's frozen backbone prefix: pretrained weights and BatchNorm statistics that training and BatchNorm
re-estimation leave alone."""
import sys
import pathlib

import pytest
import torch
import torch.nn as nn
import torchvision

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from classifier.evaluate import recalibrate_bn  # noqa: E402
from classifier.model import Net  # noqa: E402


def small_net(frozen):
    torch.manual_seed(0)
    features = torchvision.models.mobilenet_v2(weights=None).features
    return Net(3, [2, 3], backbone="mnv2", features=features, frozen=frozen)


def bn_state(module):
    return {k: v.clone() for k, v in module.state_dict().items() if "running" in k}


def test_frozen_modules_stay_in_eval_mode_and_get_no_gradient():
    net = small_net(frozen=3)
    net.train()
    assert all(not m.training for block in net.features[:3] for m in block.modules())
    assert all(m.training for block in net.features[3:] for m in block.modules())
    before = bn_state(net.features[:3])
    logits, attr, _ = net(torch.randn(4, 3, 64, 64))
    (logits.sum() + attr.sum()).backward()
    assert all(p.grad is None for p in net.features[:3].parameters())
    assert all(p.grad is not None for p in net.features[3:].parameters())
    after = bn_state(net.features[:3])
    assert all(torch.equal(before[k], after[k]) for k in before)  # a training forward did not move their statistics


def test_batchnorm_re_estimation_keeps_the_frozen_statistics():
    net = small_net(frozen=2)
    frozen_before = bn_state(net.features[:2])
    free_before = bn_state(net.features[2:])
    recalibrate_bn(net, [torch.randn(8, 3, 64, 64) * 3 + 1 for _ in range(2)])
    assert all(torch.equal(frozen_before[k], v) for k, v in bn_state(net.features[:2]).items())
    assert any(not torch.equal(free_before[k], v) for k, v in bn_state(net.features[2:]).items())
    assert not net.training


def test_nothing_is_frozen_by_default():
    net = small_net(frozen=0)
    assert all(p.requires_grad for p in net.parameters())
    net.train()
    assert all(m.training for m in net.modules() if isinstance(m, nn.BatchNorm2d))


def test_random_start_is_the_pretrained_layout_without_its_weights():
    import importlib.util  # by path: models/generator has a train.py too, and one pytest run imports both
    spec = importlib.util.spec_from_file_location("classifier_train", pathlib.Path(__file__).resolve().parents[1] / "train.py")
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    args = train.parse_args(["--start", "random"])
    d = {"vocab": [("cell_size", ["small", "big"])], "colour_ref": {"mean": (0.0, 0.0, 0.0), "std": (1.0, 1.0, 1.0)}}
    info = {}
    net = train.build_model(args, d, info)
    assert "pretrained_weights" not in d and info == {}  # nothing fetched, no provenance to state
    from classifier.model import net_for
    layout = net_for("random", 12, [2])
    assert net.state_dict().keys() == layout.state_dict().keys()  # what the later stages load it into
    assert isinstance(net.features[0][0], nn.Conv2d) and net.features[0][0].out_channels == 32  # MobileNetV2's stem
    with pytest.raises(SystemExit):
        train.parse_args(["--start", "random", "--freeze", "7"])
