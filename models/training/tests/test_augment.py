"""The training augmentation: shapes, ranges, determinism, and that each measure does what it says."""
import math
import sys
import pathlib

import pytest
import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from classifier import augment as A  # noqa: E402


def cells(n=8, S=64, seed=0):
    """Pale background with a dark purple disc: enough structure for colour and blur to act on."""
    g = torch.Generator().manual_seed(seed)
    yy, xx = torch.meshgrid(torch.arange(S), torch.arange(S), indexing="ij")
    disc = (((yy - S / 2) ** 2 + (xx - S / 2) ** 2) < (S / 4) ** 2).float()
    bg = torch.tensor([230.0, 200.0, 210.0]).view(3, 1, 1)
    fg = torch.tensor([90.0, 40.0, 140.0]).view(3, 1, 1)
    img = bg * (1 - disc) + fg * disc
    x = img.unsqueeze(0).repeat(n, 1, 1, 1) + torch.randn((n, 3, S, S), generator=g) * 3
    return x.clamp(0, 255).to(torch.uint8)


def test_output_is_float_in_unit_range_with_the_input_shape():
    x = cells()
    y = A.augment(x, torch.Generator().manual_seed(1))
    assert y.shape == x.shape and y.dtype == torch.float32
    assert float(y.min()) >= 0.0 and float(y.max()) <= 1.0


def test_same_seed_same_images_other_seed_other_images():
    x = cells()
    a = A.augment(x, torch.Generator().manual_seed(3))
    b = A.augment(x, torch.Generator().manual_seed(3))
    c = A.augment(x, torch.Generator().manual_seed(4))
    assert torch.equal(a, b)
    assert not torch.allclose(a, c)


def test_unknown_measures_are_not_silently_accepted_by_describe():
    with pytest.raises(ValueError):
        A.describe(["sharpen"])


@pytest.mark.parametrize("measure", A.MEASURES)
def test_each_measure_changes_the_image(measure):
    x = cells(16).float() / 255
    g = torch.Generator().manual_seed(5)
    fn = {"framing": lambda v: A.geometry(v, g, A.WIDE_ZOOM), "stain": lambda v: A.stain(v, g),
          "illumination": lambda v: A.illumination(v, g, 1.0), "resolution": lambda v: A.resolution(v, g, 1.0),
          "jpeg": lambda v: A.jpeg(v, g, 1.0), "focus": lambda v: A.focus(v, g, 1.0), "noise": lambda v: A.noise(v, g, 1.0)}
    y = fn[measure](x)
    assert y.shape == x.shape
    assert float((y - x).abs().mean()) > 1e-3


def test_focus_and_resolution_remove_fine_detail():
    x = cells(8).float() / 255
    g = torch.Generator().manual_seed(6)

    def detail(v):  # mean absolute difference between neighbouring pixels
        return float((v[..., 1:] - v[..., :-1]).abs().mean())

    assert detail(A.focus(x, g, 1.0)) < 0.8 * detail(x)
    assert detail(A.resolution(x, g, 1.0)) < 0.8 * detail(x)


def test_gaussian_blur_keeps_a_flat_image_flat_and_the_mean():
    x = torch.full((2, 3, 32, 32), 0.4)
    y = A.gaussian_blur(x, torch.tensor([1.0, 2.0]))
    assert torch.allclose(y, x, atol=1e-6)


def test_wide_framing_shrinks_or_enlarges_the_cell():
    x = cells(64, S=64).float() / 255
    g = torch.Generator().manual_seed(7)
    y = A.geometry(x, g, A.WIDE_ZOOM)
    dark = (y.mean(1) < 0.45).float().mean((1, 2))       # share of the frame the purple disc covers
    base = float((x.mean(1) < 0.45).float().mean())
    assert float(dark.min()) < 0.75 * base and float(dark.max()) > 1.3 * base


def test_without_stain_measures_colour_is_kept_apart_from_geometry():
    x = cells(4).float()
    y = A.augment(x.to(torch.uint8), torch.Generator().manual_seed(8), measures=frozenset())
    # geometry only: the background colour (corner mean) stays close to the original
    assert torch.allclose(y[:, :, :4, :4].mean((2, 3)), x[:, :, :4, :4].mean((2, 3)) / 255, atol=0.06)
    assert not math.isnan(float(y.sum()))


def test_outlier_pictures_are_uint8_like_the_cache_reproducible_and_not_cells():
    from classifier import outliers as ood
    X = (torch.rand(6, 3, 48, 48) * 255).to(torch.uint8)
    a = ood.outlier_batch(20, 48, torch.Generator().manual_seed(5), X)
    b = ood.outlier_batch(20, 48, torch.Generator().manual_seed(5), X)
    assert a.dtype == torch.uint8 and a.shape == (20, 3, 48, 48)
    assert torch.equal(a, b)
    assert len({tuple(p.flatten()[:64].tolist()) for p in a}) > 15  # a varied set, not one picture


def test_outlier_loss_is_smallest_for_equal_class_probabilities():
    from classifier import outliers as ood
    k = 12
    flat = torch.zeros(4, k)
    sure = torch.zeros(4, k)
    sure[:, 3] = 9.0
    assert float(ood.uniform_loss(flat)) == pytest.approx(math.log(k), rel=1e-5)
    assert float(ood.uniform_loss(sure)) > float(ood.uniform_loss(flat)) + 1


def test_annealed_strength_holds_then_falls_linearly_to_the_final_strength():
    assert A.annealed_strength(1.0, None, 0.75, 0.99) == 1.0  # no annealing asked
    assert A.annealed_strength(1.0, 0.3, 0.75, 0.5) == 1.0
    assert A.annealed_strength(1.0, 0.3, 0.75, 0.75) == 1.0
    assert A.annealed_strength(1.0, 0.3, 0.75, 0.875) == pytest.approx(0.65)
    assert A.annealed_strength(1.0, 0.3, 0.75, 1.0) == pytest.approx(0.3)
    assert A.annealed_strength(1.0, 0.3, 0.75, 1.2) == pytest.approx(0.3)  # the budget's last step can overshoot


def test_zoom_range_is_wide_at_full_strength_mild_at_none_and_nested_between():
    assert A.zoom_range(1.0) == pytest.approx(A.WIDE_ZOOM)
    assert A.zoom_range(2.0) == pytest.approx(A.WIDE_ZOOM)
    assert A.zoom_range(0.0) == pytest.approx(A.MILD_ZOOM)
    lo, hi = A.zoom_range(0.3)
    assert A.WIDE_ZOOM[0] < lo < A.MILD_ZOOM[0] and A.MILD_ZOOM[1] < hi < A.WIDE_ZOOM[1]
    # log-space: zooming in and out narrow alike
    assert math.log(lo) == pytest.approx(0.7 * math.log(A.MILD_ZOOM[0]) + 0.3 * math.log(A.WIDE_ZOOM[0]))


def test_weaker_strength_changes_fewer_images():
    x = cells(n=64)
    # the same seed draws the same geometry and the same coin values; a weaker strength lowers the odds
    plain = A.augment(x, torch.Generator().manual_seed(5), frozenset())
    changed = {}
    for strength in (1.0, 0.2):
        y = A.augment(x, torch.Generator().manual_seed(5), frozenset({"noise"}), strength)
        changed[strength] = set(torch.nonzero((y - plain).abs().amax(dim=(1, 2, 3)) > 1e-6).flatten().tolist())
    assert changed[0.2] < changed[1.0]  # a strict subset
    assert len(changed[1.0]) > 5
    assert "annealed" in A.anneal_text(1.0, 0.3, 0.75) and "75%" in A.anneal_text(1.0, 0.3, 0.75)
