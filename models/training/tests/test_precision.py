"""Mixed precision (classifier/precision.py): chosen only where the CPU computes bfloat16, and a network whose
ReLU6 became a clamp computes the same numbers in float32 and trains under bfloat16 autocast."""
import copy
import pathlib
import sys

import pytest
import torch
import torch.nn.functional as F
import torchvision

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from classifier import precision  # noqa: E402
from classifier.model import Net  # noqa: E402

WITH_BF16 = "processor\t: 0\nflags\t\t: fpu sse avx2 avx512f avx512_bf16 avx512_vnni\n"
WITHOUT = "processor\t: 0\nflags\t\t: fpu sse avx2 avx512f avx512_vnni\n"


def test_auto_is_bf16_only_where_the_cpu_computes_it_and_an_explicit_choice_is_kept():
    assert precision.resolve("auto", WITH_BF16) == "bf16"
    assert precision.resolve("auto", WITHOUT) == "fp32"
    assert precision.resolve("auto", "") == "fp32"
    assert precision.resolve("fp32", WITH_BF16) == "fp32"
    assert precision.resolve("bf16", WITHOUT) == "bf16"
    assert precision.cpu_has_bf16("flags\t\t: fpu amx_bf16 amx_tile\n")
    with pytest.raises(ValueError):
        precision.resolve("fp16", WITH_BF16)


def test_clamped_relu6_gives_the_same_numbers():
    torch.manual_seed(0)
    original = torchvision.models.mobilenet_v2(weights=None).features.eval()
    clamped = precision.clamp_relu6(copy.deepcopy(original))
    assert sum(isinstance(m, torch.nn.Hardtanh) for m in original.modules()) > 0
    assert not any(isinstance(m, torch.nn.Hardtanh) for m in clamped.modules())
    x = torch.rand(2, 3, 64, 64)
    with torch.no_grad():
        assert torch.equal(clamped(x), original(x))


def test_a_training_step_runs_under_bfloat16_with_float32_weights_and_finite_gradients():
    torch.manual_seed(0)
    net = Net(3, [2, 3], backbone="mnv2", features=torchvision.models.mobilenet_v2(weights=None).features).train()
    x, y = torch.randn(4, 3, 64, 64), torch.tensor([0, 1, 2, 0])
    with precision.autocast("bf16"):
        logits, attrs, _ = net(x)  # ReLU6's backward raised "not implemented for 'BFloat16'" before the clamp
    assert logits.dtype == torch.bfloat16
    (F.cross_entropy(logits.float(), y) + attrs.float().pow(2).mean()).backward()
    grads = [p.grad for p in net.parameters() if p.requires_grad]
    assert all(g is not None and g.dtype == torch.float32 and torch.isfinite(g).all() for g in grads)
    with precision.autocast("fp32"):
        assert net(x)[0].dtype == torch.float32
