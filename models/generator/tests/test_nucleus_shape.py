"""The classifier-independent lobe measure (diffusion_gan/nucleus_shape.py) on drawn cells."""
import pathlib
import sys

import numpy as np
import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from diffusion_gan.nucleus_shape import SIZE, nucleus_pieces, split_share  # noqa: E402

NUCLEUS = (90, 40, 130)  # dark purple: green well below the nucleus threshold
CYTOPLASM = (215, 190, 210)
GROUND = (235, 225, 215)


def field(paint) -> np.ndarray:
    yy, xx = np.mgrid[0:SIZE, 0:SIZE]
    img = np.empty((SIZE, SIZE, 3), np.uint8)
    img[:] = GROUND
    img[(yy - 64) ** 2 + (xx - 64) ** 2 < 40 ** 2] = CYTOPLASM
    paint(img, yy, xx)
    return img


def lobes_with_strand(img, yy, xx):
    img[((yy - 64) ** 2 + (xx - 44) ** 2 < 11 ** 2) | ((yy - 64) ** 2 + (xx - 84) ** 2 < 11 ** 2)] = NUCLEUS
    img[63:65, 50:78] = NUCLEUS  # a 2 px strand joins them


def band(img, yy, xx):
    r = np.sqrt((yy - 64) ** 2 + (xx - 64) ** 2)
    img[(r > 14) & (r < 26) & (yy > 52)] = NUCLEUS  # a thick, curved rod (12 px wide)


def round_nucleus(img, yy, xx):
    img[(yy - 64) ** 2 + (xx - 64) ** 2 < 20 ** 2] = NUCLEUS


def test_a_strand_between_two_lobes_is_cut_and_a_thick_rod_or_round_nucleus_is_not():
    images = np.stack([field(lobes_with_strand), field(band), field(round_nucleus), field(lambda *_: None)])
    pieces = nucleus_pieces(images)
    assert pieces.tolist() == [2, 1, 1, 0]
    assert split_share(pieces) == 0.25
    # without erosion the strand holds the lobes together
    assert nucleus_pieces(images[:1], erode=0).tolist() == [1]


def test_only_what_reaches_the_middle_of_the_field_counts():
    def corner_only(img, yy, xx):
        img[(yy - 10) ** 2 + (xx - 10) ** 2 < 8 ** 2] = NUCLEUS  # a neighbour's nucleus at the field's edge

    assert nucleus_pieces(field(corner_only)[None]).tolist() == [0]


def test_other_sizes_are_refused():
    with pytest.raises(ValueError, match="128 px"):
        nucleus_pieces(np.zeros((1, 64, 64, 3), np.uint8))


def test_a_ring_encloses_its_pale_centre_and_a_c_shape_or_a_solid_nucleus_does_not():
    from diffusion_gan.nucleus_shape import hole_share, nucleus_hole_area

    field = np.full((128, 128, 3), (235, 200, 190), dtype=np.uint8)
    yy, xx = np.mgrid[:128, :128]
    r = np.hypot(yy - 64, xx - 64)
    ring, c_shape, solid = field.copy(), field.copy(), field.copy()
    ring[(r >= 8) & (r <= 18)] = (70, 40, 120)
    c_shape[(r >= 8) & (r <= 18) & ~((xx > 64) & (abs(yy - 64) < 5))] = (70, 40, 120)  # the ring with a gap
    solid[r <= 18] = (70, 40, 120)
    areas = nucleus_hole_area(np.stack([ring, c_shape, solid]))
    assert areas[0] >= 150  # the pale disc of radius 8 inside the ring: about 200 px
    assert areas[1] == 0 and areas[2] == 0
    assert hole_share(areas) == pytest.approx(1 / 3)
