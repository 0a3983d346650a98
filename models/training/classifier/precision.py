"""Mixed precision on CPU: convolutions and matrix products under bfloat16 autocast where the CPU computes
bfloat16 natively (AVX-512 BF16 or AMX; this machine has AVX-512 BF16). Weights, optimiser state, losses and
BatchNorm statistics stay float32. Shared by the classifier's and the generator's trainers."""
from __future__ import annotations

import contextlib
import pathlib

import torch
import torch.nn as nn

CHOICES = ("auto", "bf16", "fp32")


class Clamp6(nn.Module):
    """ReLU6 as a clamp: the same numbers (and the same ONNX Clip), but with a bfloat16 backward on CPU, which
    torch 1.13's ReLU6 (hardtanh) lacks."""

    def forward(self, x):
        return torch.clamp(x, 0.0, 6.0)


def clamp_relu6(module: nn.Module) -> nn.Module:
    """Replaces every ReLU6 inside `module` by Clamp6, in place; returns it."""
    for name, child in module.named_children():
        if isinstance(child, nn.Hardtanh) and child.min_val == 0.0 and child.max_val == 6.0:
            setattr(module, name, Clamp6())
        else:
            clamp_relu6(child)
    return module


def cpu_has_bf16(cpuinfo: str | None = None) -> bool:
    """Whether the CPU computes bfloat16 natively; elsewhere torch emulates it, slower than float32."""
    if cpuinfo is None:
        try:
            cpuinfo = pathlib.Path("/proc/cpuinfo").read_text()
        except OSError:
            return False
    flags = next((line.split(":", 1)[1].split() for line in cpuinfo.splitlines() if line.startswith("flags")), [])
    return "avx512_bf16" in flags or "amx_bf16" in flags


def resolve(asked: str, cpuinfo: str | None = None) -> str:
    """'auto' becomes 'bf16' where the CPU has it, else 'fp32'; an explicit choice is kept."""
    if asked not in CHOICES:
        raise ValueError(f"precision must be one of {CHOICES}, not {asked!r}")
    if asked == "auto":
        return "bf16" if cpu_has_bf16(cpuinfo) else "fp32"
    return asked


def autocast(precision: str):
    """The context a training step's forward pass runs in."""
    if precision == "bf16":
        return torch.autocast("cpu", dtype=torch.bfloat16)
    return contextlib.nullcontext()
