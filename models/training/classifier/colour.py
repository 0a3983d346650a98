"""Per-image colour standardisation inside the network (Reinhard et al. 2001, "Color transfer between
images"): RGB -> log LMS -> l-alpha-beta; each image's channel means and standard deviations are replaced
by fixed reference values (measured on PBC training images); back to RGB.

It is part of the model, so it is exported in the ONNX graph: the browser, the importer and Python run the
same arithmetic and the preprocessing contract (crop, resize, normalise) is unchanged. A slide stained or
photographed another way arrives at the network with PBC's colour statistics, so "another lab's colours"
cannot be a feature, and a recolouring to another lab's palette is undone exactly (up to clipping).
"""
import torch
import torch.nn as nn

RGB2LMS = torch.tensor([[0.3811, 0.5783, 0.0402], [0.1967, 0.7244, 0.0782], [0.0241, 0.1288, 0.8444]])
_S = torch.diag(torch.tensor([3 ** -0.5, 6 ** -0.5, 2 ** -0.5]))
LMS2LAB = _S @ torch.tensor([[1.0, 1.0, 1.0], [1.0, 1.0, -2.0], [1.0, -1.0, 0.0]])
EPS = 1.0 / 255.0


def rgb_to_lab(x: torch.Tensor) -> torch.Tensor:
    """x [B,3,H,W] in 0..1 -> l-alpha-beta [B,3,H*W]."""
    B = x.shape[0]
    lms = torch.einsum("ij,bjn->bin", RGB2LMS, x.reshape(B, 3, -1)).clamp(min=EPS)
    return torch.einsum("ij,bjn->bin", LMS2LAB, torch.log10(lms))


def lab_to_rgb(lab: torch.Tensor, shape) -> torch.Tensor:
    lms = torch.pow(10.0, torch.einsum("ij,bjn->bin", torch.linalg.inv(LMS2LAB), lab))
    return torch.einsum("ij,bjn->bin", torch.linalg.inv(RGB2LMS), lms).reshape(shape).clamp(0, 1)


def lab_stats(x: torch.Tensor):
    """Per-image channel mean and standard deviation in l-alpha-beta: ([B,3], [B,3])."""
    lab = rgb_to_lab(x)
    return lab.mean(2), lab.std(2)


class ColourStandardise(nn.Module):
    def __init__(self, ref_mean=(0.0, 0.0, 0.0), ref_std=(1.0, 1.0, 1.0), enabled=True):
        super().__init__()
        self.enabled = enabled
        self.register_buffer("ref_mean", torch.tensor(ref_mean, dtype=torch.float32))
        self.register_buffer("ref_std", torch.tensor(ref_std, dtype=torch.float32))
        self.register_buffer("lms2lab", LMS2LAB.clone())
        self.register_buffer("lab2lms", torch.linalg.inv(LMS2LAB))
        self.register_buffer("rgb2lms", RGB2LMS.clone())
        self.register_buffer("lms2rgb", torch.linalg.inv(RGB2LMS))

    def forward(self, x):  # x [B,3,H,W] in 0..1
        if not self.enabled:
            return x
        B, C, H, W = x.shape
        flat = x.reshape(B, 3, H * W)
        lms = torch.matmul(self.rgb2lms, flat).clamp(min=EPS)
        lab = torch.matmul(self.lms2lab, torch.log10(lms))
        mean = lab.mean(dim=2, keepdim=True)
        std = (lab - mean).pow(2).mean(dim=2, keepdim=True).add(1e-6).sqrt()
        lab = (lab - mean) / std * self.ref_std.view(1, 3, 1) + self.ref_mean.view(1, 3, 1)
        lms = torch.pow(10.0, torch.matmul(self.lab2lms, lab))
        return torch.matmul(self.lms2rgb, lms).reshape(B, C, H, W).clamp(0, 1)


@torch.no_grad()
def reference_stats(xu8: torch.Tensor, batch=256):
    """Mean over images of the per-image l-alpha-beta means and standard deviations (uint8 [N,3,S,S])."""
    ms, ss = [], []
    for i in range(0, len(xu8), batch):
        x = xu8[i:i + batch].float() / 255.0
        lab = rgb_to_lab(x)
        ms.append(lab.mean(2))
        ss.append((lab - lab.mean(2, keepdim=True)).pow(2).mean(2).add(1e-6).sqrt())
    return torch.cat(ms).mean(0).tolist(), torch.cat(ss).mean(0).tolist()
