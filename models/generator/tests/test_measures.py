import copy
import pathlib
import sys

import numpy as np
import pytest
import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from diffusion_gan.diffusion import AdaptiveDiffusion  # noqa: E402
from diffusion_gan.measures import frechet, nearest, pairwise_mean, split_half  # noqa: E402
from diffusion_gan.net import Generator  # noqa: E402


def test_frechet_is_zero_for_identical_sets_and_grows_with_a_shift():
    rng = np.random.default_rng(0)
    a = rng.normal(size=(400, 8))
    assert abs(frechet(a, a)) < 1e-6
    assert abs(frechet(a, a + 3.0) - 9.0 * 8) < 1e-3  # mean shift of 3 in 8 dimensions, same covariance


def test_frechet_matches_the_closed_form_for_diagonal_gaussians():
    rng = np.random.default_rng(1)
    a = rng.normal(size=(20000, 3)) * np.array([1.0, 2.0, 3.0])
    b = rng.normal(size=(20000, 3)) * np.array([2.0, 2.0, 1.0])
    expected = (1 - 2) ** 2 + 0 + (3 - 1) ** 2  # sum (sa - sb)^2 for diagonal covariances
    assert abs(frechet(a, b) - expected) < 0.2


def test_nearest_finds_the_copy():
    rng = np.random.default_rng(2)
    b = rng.normal(size=(50, 4))
    a = b[[7, 3]] + 1e-4
    d, i = nearest(a, b)
    assert list(i) == [7, 3] and d.max() < 1e-3


def test_pairwise_mean_of_two_points_is_their_distance():
    assert abs(pairwise_mean(np.array([[0.0, 0.0], [3.0, 4.0]])) - 5.0) < 1e-9


def test_split_half_is_disjoint_and_fixed():
    a, b = split_half(11, 0)
    assert len(a) == len(b) == 5 and not set(a) & set(b)
    assert list(split_half(11, 0)[0]) == list(a)


def test_diffusion_length_grows_when_the_discriminator_is_sure_of_reals_and_shrinks_back():
    d = AdaptiveDiffusion(target=0.6, interval=4, kimg=1)
    t0 = d.T
    for _ in range(40):
        d.observe(torch.ones(32), 32)  # r_d = 1 > 0.6: overfitting
    assert d.T > t0
    grown = d.T
    for _ in range(40):
        d.observe(-torch.ones(32), 32)
    assert d.T < grown


def test_diffuse_keeps_t0_images_and_noises_late_ones():
    d = AdaptiveDiffusion()
    x = torch.rand(2, 3, 8, 8) * 2 - 1
    y = d.diffuse(x, torch.tensor([0, d.t_max]))
    assert torch.allclose(y[0], x[0])
    assert (y[1] - x[1]).abs().mean() > 0.3  # the image is mostly gone at T_MAX


def test_generator_is_class_conditional_and_in_range():
    g = Generator(4, 64).eval()
    z = torch.randn(1, 128).repeat(2, 1)
    with torch.no_grad():
        out = g(z, torch.tensor([0, 3]))
    assert out.shape == (2, 3, 64, 64) and out.abs().max() <= 1
    assert not torch.allclose(out[0], out[1])


def test_sub_pixel_output_starts_without_a_checkerboard():
    # ICNR: at initialisation each 2x2 block of the shuffled output is one value (conv, then nearest upsampling)
    g = Generator(4, 64).eval()
    h = torch.randn(2, g.to_sub.in_channels, 8, 8)
    with torch.no_grad():
        rgb = torch.nn.functional.pixel_shuffle(g.to_sub(h), 2)
    blocks = rgb.unfold(2, 2, 2).unfold(3, 2, 2)  # [n, 3, 8, 8, 2, 2]
    assert torch.allclose(blocks, blocks[..., :1, :1].expand_as(blocks))
    assert rgb.std() > 0  # not a constant either


def _discriminator(size: int, n_classes: int = 3, classify: bool = False, nucleus: bool = False):
    import torchvision

    from diffusion_gan.net import Discriminator, FrozenFeatures

    features = FrozenFeatures(torchvision.models.mobilenet_v2(weights=None).features)
    return Discriminator(features, n_classes, size, classify=classify, nucleus=nucleus).eval()


def test_discriminator_gives_one_logit_per_image_and_sees_where_things_are():
    torch.manual_seed(0)
    d = _discriminator(64)
    x = torch.rand(2, 3, 64, 64) * 2 - 1
    t = torch.tensor([0, 7])
    y = torch.tensor([0, 2])
    with torch.no_grad():
        out = d(x, t, y)
        # the same picture shifted: sum-pooled heads would score it (almost) the same; the dense 4x4 layers do not
        shifted = d(torch.roll(x, shifts=(16, 16), dims=(2, 3)), t, y)
        other_class = d(x, t, torch.tensor([1, 1]))
    assert out.shape == (2,)
    assert not torch.allclose(out, shifted, atol=1e-4)
    assert not torch.allclose(out, other_class, atol=1e-6)


def test_only_the_heads_train_and_the_generator_records_its_widths():
    d = _discriminator(64)
    assert all(not p.requires_grad for p in d.features.parameters())
    assert sum(p.numel() for p in d.trainable()) > 0
    g = Generator(4, 64, channels=(64, 32, 16, 8, 8))
    assert g.channels == (64, 32, 16, 8, 8)


def test_the_class_head_names_a_class_per_image_learns_from_reals_and_trains_with_the_heads():
    torch.manual_seed(0)
    d = _discriminator(128, n_classes=4, classify=True)
    x = torch.rand(8, 3, 128, 128) * 2 - 1
    t, y = torch.randint(0, 10, (8,)), torch.tensor([0, 1, 2, 3] * 2)
    logit, classes = d(x, t, y, with_class=True)
    assert logit.shape == (8,) and classes.shape == (8, 4)
    # its parameters are trainable with the heads', and a step on the real images' classes lowers their loss
    head = {id(p) for p in d.class_head.parameters()}
    assert head <= {id(p) for p in d.trainable()}
    d.train()
    opt = torch.optim.Adam(d.trainable(), 1e-3)
    losses = []
    for _ in range(25):
        loss = torch.nn.functional.cross_entropy(d(x, t, y, with_class=True)[1], y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(float(loss))
    assert losses[-1] < 0.5 * losses[0]
    # a discriminator without one (runs v1-v7) says so instead of returning something else
    plain = _discriminator(64)
    assert plain.class_head is None
    try:
        plain(x[:, :, :64, :64], t, y % 3, with_class=True)
    except ValueError as e:
        assert "class head" in str(e)
    else:
        raise AssertionError("with_class=True on a discriminator without a class head must fail")


def test_only_the_full_resolution_heads_can_see_a_two_pixel_checkerboard():
    from diffusion_gan.net import PixelHead, TextureHead, timestep_embedding

    torch.manual_seed(0)
    x = torch.rand(2, 3, 64, 64) * 2 - 1
    checker = ((torch.arange(64)[:, None] + torch.arange(64)[None]) % 2 * 2 - 1).float() * 0.2
    t, y = torch.tensor([0, 3]), torch.tensor([0, 1])
    temb = timestep_embedding(t)
    texture, pixel = TextureHead(2), PixelHead(2)
    with torch.no_grad():
        for _ in range(20):  # spectral norm's power iterations, as training would run them
            texture(x, temb, y), pixel(x, temb, y)
        texture.eval(), pixel.eval()
        # run v3's image head averages 2x2 blocks away before it looks: blind to the pattern
        assert torch.allclose(pixel(x, temb, y), pixel(x + checker, temb, y), atol=1e-5)
        assert not torch.allclose(texture(x, temb, y), texture(x + checker, temb, y), atol=1e-3)
    assert len(_discriminator(64).heads) == 5


def test_the_frozen_features_are_unchanged_by_clamping_and_pass_a_bfloat16_gradient_to_the_generator():
    import torchvision

    from diffusion_gan.net import FrozenFeatures

    torch.manual_seed(0)
    original = torchvision.models.mobilenet_v2(weights=None).features.eval()
    x = torch.rand(2, 3, 64, 64) * 2 - 1
    frozen = FrozenFeatures(copy.deepcopy(original))
    assert not any(isinstance(m, torch.nn.Hardtanh) for m in frozen.modules())
    with torch.no_grad():
        assert torch.equal(frozen(x)[2], original[:11]((x + 1) / 2))

    d = _discriminator(64)
    g = Generator(3, 64, channels=(32, 16, 16, 8, 8))
    z, y = torch.randn(2, 128), torch.tensor([0, 2])
    with torch.autocast("cpu", dtype=torch.bfloat16):
        fake = g(z, y)
        logit = d(fake, torch.tensor([0, 5]), y)
    assert fake.dtype == torch.float32  # the picture itself stays float32
    assert logit.dtype == torch.float32
    (-logit.mean()).backward()  # torch 1.13's ReLU6 has no bfloat16 backward: this raised before Clamp6
    assert all(p.grad is not None and torch.isfinite(p.grad).all() for p in g.parameters() if p.requires_grad)


def test_truncated_latents_stay_within_the_bound_and_untruncated_ones_are_unchanged():
    from diffusion_gan.sampling import latent

    plain = latent(7, 3, 11, 128)
    g = torch.Generator().manual_seed((7 * 1_000_003 + 3 * 100_003 + 11) % (2 ** 63))
    assert torch.equal(plain, torch.randn(128, generator=g))  # the bank's earlier images are drawn as before
    assert plain.abs().max() > 1.0
    cut = latent(7, 3, 11, 128, truncation=1.0)
    assert cut.abs().max() <= 1.0
    kept = plain.abs() <= 1.0
    assert torch.equal(cut[kept], plain[kept])  # only the entries outside were drawn again
    assert torch.equal(cut, latent(7, 3, 11, 128, truncation=1.0))  # reproducible


def test_real_and_synthetic_images_reach_the_classifier_through_the_same_resizing():
    from diffusion_gan.data import to_size

    rng = np.random.default_rng(5)
    small = rng.integers(0, 256, size=(3, 128, 128, 3), dtype=np.uint8)
    assert to_size(small, 128) is small
    big = to_size(small, 160)
    assert big.shape == (3, 160, 160, 3) and big.dtype == np.uint8
    # the same picture resized twice gives the same pixels (real and synthetic take one code path)
    assert np.array_equal(big, to_size(small.copy(), 160))


def _cell(lobes: bool, cytoplasm=(0.8, 0.7, 0.8)) -> torch.Tensor:
    """A 128 px field: a pale round cell with a dark purple nucleus, either two round lobes or one ring."""
    yy, xx = torch.meshgrid(torch.arange(128.0), torch.arange(128.0), indexing="ij")
    img = torch.ones(3, 128, 128) * 0.9
    cell = (yy - 64) ** 2 + (xx - 64) ** 2 < 40 ** 2
    for c in range(3):
        img[c][cell] = cytoplasm[c]
    if lobes:
        nuc = ((yy - 64) ** 2 + (xx - 48) ** 2 < 12 ** 2) | ((yy - 64) ** 2 + (xx - 80) ** 2 < 12 ** 2)
    else:
        r2 = (yy - 64) ** 2 + (xx - 64) ** 2
        nuc = (r2 < 20 ** 2) & (r2 > 10 ** 2)
    for c, v in enumerate((0.35, 0.15, 0.5)):
        img[c][nuc] = v
    return img * 2 - 1


def test_the_nucleus_head_sees_the_nucleus_outline_and_not_the_colours():
    from diffusion_gan.net import NucleusHead, nucleus_map, timestep_embedding

    lobed, ring = _cell(True), _cell(False)
    m = nucleus_map(lobed[None])
    assert m.shape == (1, 1, 128, 128)
    assert m[0, 0, 64, 48] > 0.99 and m[0, 0, 64, 64] < 0.01 and m[0, 0, 5, 5] < 0.01
    torch.manual_seed(0)
    head = NucleusHead(2)
    temb = timestep_embedding(torch.tensor([0, 0]))
    y = torch.tensor([1, 1])
    with torch.no_grad():
        # another cytoplasm colour and a red cast on the background: the same nucleus, the same logit
        recoloured = _cell(True, cytoplasm=(0.95, 0.6, 0.7))
        recoloured[0] = torch.where(recoloured[0] > 0.5, torch.tensor(0.95), recoloured[0])
        a = head(torch.stack([lobed, recoloured]), temb, y)
        assert abs(float(a[0] - a[1])) < 1e-3
    # and it can learn to tell two lobes from a ring, for one class
    out = _learn_to_separate(head, torch.stack([lobed, ring]), temb, y, steps=30)
    assert out[0] > 0 > out[1]


def _learn_to_separate(head, x, temb, y, steps: int) -> torch.Tensor:
    """Train a head with the hinge loss to call x[0] real and x[1] fake; its logits after training."""
    opt = torch.optim.Adam(head.parameters(), 1e-3)
    target = torch.tensor([1.0, -1.0])
    for _ in range(steps):
        loss = torch.relu(1 - head(x, temb, y) * target).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        return head(x, temb, y)


def test_a_discriminator_with_the_nucleus_head_keeps_the_earlier_heads_state_dict_keys():
    torch.manual_seed(0)
    plain, with_nucleus = _discriminator(128), _discriminator(128, nucleus=True)
    keys = set(plain.heads.state_dict())
    assert keys < set(with_nucleus.heads.state_dict())
    # a run v6 checkpoint's heads load into the first five; the nucleus head starts fresh
    missing, unexpected = with_nucleus.heads.load_state_dict(plain.heads.state_dict(), strict=False)
    assert not unexpected and missing and all(k.startswith("5.") for k in missing)
    x = torch.rand(4, 3, 128, 128) * 2 - 1
    out = with_nucleus(x, torch.randint(0, 10, (4,)), torch.tensor([0, 1, 2, 0]))
    assert out.shape == (4,) and torch.isfinite(out).all()


def test_the_nucleus_head_can_read_the_full_image_where_a_thin_strand_keeps_its_darkness():
    from diffusion_gan.net import NucleusHead, nucleus_map, timestep_embedding

    joined, apart = _cell(True), _cell(True)
    joined[:, 64, 60:68] = torch.tensor((0.35, 0.15, 0.5))[:, None] * 2 - 1  # a one-pixel strand between the lobes
    # at 64 px the strand is half as dark as the lobes; at 128 px it is as dark
    full = nucleus_map(joined[None])
    assert full[0, 0, 64, 60:68].min() > 0.99
    assert torch.nn.functional.adaptive_avg_pool2d(full, 64)[0, 0, 32, 30:34].max() < 0.51
    torch.manual_seed(0)
    head = NucleusHead(2, pixels=128)
    seen = []
    head.c0.register_forward_hook(lambda _m, inp, _out: seen.append(inp[0].shape[-1]))
    temb = timestep_embedding(torch.tensor([0, 0]))
    out = _learn_to_separate(head, torch.stack([joined, apart]), temb, torch.tensor([0, 0]), steps=40)
    assert seen[0] == 128 and out[0] > 0 > out[1]


def test_a_thin_stem_reads_the_full_image_and_v9s_head_keeps_its_shape():
    from diffusion_gan.net import NucleusHead, timestep_embedding

    torch.manual_seed(0)
    v9 = {k: v.shape for k, v in NucleusHead(2).state_dict().items()}
    assert v9["c0.weight_orig"] == (32, 1, 3, 3) and v9["body.0.weight_orig"] == (64, 32, 3, 3)
    thin = NucleusHead(2, pixels=128, stem=(8, 16))
    shapes = {k: v.shape for k, v in thin.state_dict().items()}
    assert shapes["c0.weight_orig"] == (8, 1, 3, 3) and shapes["body.0.weight_orig"] == (16, 8, 3, 3)
    assert shapes["body.1.weight_orig"] == (64, 16, 3, 3) and shapes["dense.weight_orig"] == v9["dense.weight_orig"]

    # it costs no more multiply-adds than v9's head: each stride-2 3x3 convolution's output area x channels in x out
    def macs(pixels, widths):
        side, total = pixels, 0
        for a, b in zip(widths, widths[1:]):
            side //= 2
            total += side * side * a * b * 9
        return total
    assert macs(128, [1, 8, 16, 64, 64, 64]) <= macs(64, [1, 32, 64, 64, 64, 64])
    joined, apart = _cell(True), _cell(True)
    joined[:, 64, 60:68] = torch.tensor((0.35, 0.15, 0.5))[:, None] * 2 - 1  # a one-pixel strand between the lobes
    temb = timestep_embedding(torch.tensor([0, 0]))
    out = _learn_to_separate(thin, torch.stack([joined, apart]), temb, torch.tensor([0, 0]), steps=40)
    assert out[0] > 0 > out[1]


def test_the_discriminator_builds_its_nucleus_head_at_the_size_asked_but_never_above_the_image():
    import torchvision

    from diffusion_gan.net import Discriminator, FrozenFeatures

    features = FrozenFeatures(torchvision.models.mobilenet_v2(weights=None).features)
    assert Discriminator(features, 3, 128, nucleus=True).heads[-1].pixels == 64  # run v9
    assert Discriminator(features, 3, 128, nucleus=True, nucleus_pixels=128).heads[-1].pixels == 128
    assert Discriminator(features, 3, 64, nucleus=True, nucleus_pixels=128).heads[-1].pixels == 64
    assert Discriminator(features, 3, 128, nucleus=True, nucleus_pixels=128, nucleus_stem=(8, 16)).heads[-1].stem == (8, 16)


def test_a_second_nucleus_head_reads_the_full_image_beside_v9s_and_both_count_in_the_logit():
    import torchvision

    from diffusion_gan.net import Discriminator, FrozenFeatures, NucleusHead

    torch.manual_seed(0)
    features = FrozenFeatures(torchvision.models.mobilenet_v2(weights=None).features)
    v9 = Discriminator(features, 3, 128, nucleus=True)
    both = Discriminator(features, 3, 128, nucleus=True, nucleus_full_stem=(8, 16))
    nucleus = [h for h in both.heads if isinstance(h, NucleusHead)]
    assert [(h.pixels, h.stem) for h in nucleus] == [(64, (32,)), (128, (8, 16))]
    # v9's heads keep their state-dict keys (a v9 checkpoint's discriminator loads into the first six heads)
    assert set(v9.heads.state_dict()) < set(both.heads.state_dict())
    x, t, y = torch.rand(2, 3, 128, 128) * 2 - 1, torch.tensor([0, 3]), torch.tensor([0, 2])
    with torch.no_grad():
        for _ in range(30):  # let the spectral norms' power iterations settle, then freeze them (eval)
            both(x, t, y)
    both.eval()
    base = both(x, t, y)
    with torch.no_grad():
        nucleus[1].out.bias.add_(7.0)
    # the logit is the mean over seven heads, so the second nucleus head moves it by a seventh of its own change
    assert torch.allclose(both(x, t, y) - base, torch.full_like(base, 1.0), atol=1e-4)


def test_frechet_with_fewer_images_than_dimensions_is_the_same_number_taken_in_the_images_space():
    from diffusion_gan.measures import _sqrtm_psd

    rng = np.random.default_rng(3)
    a = rng.standard_normal((40, 64)) @ rng.standard_normal((64, 64))
    b = rng.standard_normal((30, 64)) * 2 + 1
    sa, sb = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    ra = _sqrtm_psd(sa)
    by_square_roots = ((a.mean(0) - b.mean(0)) ** 2).sum() + np.trace(sa) + np.trace(sb) - 2 * np.trace(_sqrtm_psd(ra @ sb @ ra))
    assert frechet(a, b) == pytest.approx(by_square_roots, rel=1e-6)
