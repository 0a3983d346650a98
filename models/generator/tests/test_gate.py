"""make_bank.py's class gate: which classes' generated images may reach drills."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from make_bank import passes_gate  # noqa: E402

PLATELET = {"frechet": 16.8, "frechet_real_floor": 10.2, "classifier_agreement": 0.99}


def test_a_class_passes_within_the_ratio_with_enough_agreement():
    assert passes_gate(PLATELET, 4.0, 0.8)


def test_too_far_or_too_rarely_named_fails():
    assert not passes_gate({**PLATELET, "frechet": 41.0}, 4.0, 0.8)
    assert not passes_gate({**PLATELET, "classifier_agreement": 0.79}, 4.0, 0.8)
    assert not passes_gate(None, 4.0, 0.8)


def test_the_second_yardstick_must_agree_when_the_card_has_it():
    assert passes_gate({**PLATELET, "frechet_second": 1.13, "frechet_second_floor": 0.34}, 4.0, 0.8)
    # near in the yardstick's features, far in the second network's: not for drills
    assert not passes_gate({**PLATELET, "frechet_second": 1.55, "frechet_second_floor": 0.34}, 4.0, 0.8)


def test_a_class_whose_nuclei_are_rings_more_often_than_real_ones_fails_when_the_card_measured_it():
    # run v12 at 120 minutes, band neutrophils: within 4x both floors, named band 91% of the time, but doughnuts
    bands = {"frechet": 135.8, "frechet_real_floor": 38.2, "classifier_agreement": 0.91,
             "frechet_second": 3.37, "frechet_second_floor": 0.86}
    assert passes_gate(bands, 4.0, 0.8)  # what the gate said before it looked at holes
    assert not passes_gate({**bands, "nucleus_hole_share": 0.58, "nucleus_hole_share_real": 0.21}, 4.0, 0.8)
    assert passes_gate({**bands, "nucleus_hole_share": 0.35, "nucleus_hole_share_real": 0.21}, 4.0, 0.8)
    # one-sided: fewer holes than real cells is no reason to refuse (granular cells' masks enclose pale gaps often)
    assert passes_gate({**bands, "nucleus_hole_share": 0.10, "nucleus_hole_share_real": 0.93}, 4.0, 0.8)


def test_a_dark_smeared_ground_reads_darker_than_a_light_field():
    import numpy as np

    from make_bank import border_luminance

    light = np.full((2, 128, 128, 3), 235, dtype=np.uint8)
    light[:, 40:88, 40:88] = (90, 40, 140)  # a dark cell in the middle does not count
    dark = light.copy()
    dark[1, :, :64] = (70, 50, 110)  # half the field a dark square
    lum = border_luminance(np.concatenate([light[:1], dark[1:]]))
    assert abs(lum[0] - 235) < 1e-3
    assert lum[1] < 0.75 * lum[0]


def test_the_val_card_must_be_the_same_generator_measured_on_val(tmp_path):
    import json

    import pytest

    from make_bank import read_val_card
    card = {"generator_version": "9b98c9cfe355", "yardstick": {"compared_split": "test"}, "per_class": {}}
    assert read_val_card(str(tmp_path / "card-val.json"), card) is None  # none: the test card alone decides
    val = {**card, "yardstick": {"compared_split": "val"}, "per_class": {"platelet": PLATELET}}
    (tmp_path / "card-val.json").write_text(json.dumps(val))
    assert read_val_card(str(tmp_path / "card-val.json"), card)["per_class"]["platelet"] == PLATELET
    (tmp_path / "card-val.json").write_text(json.dumps({**val, "generator_version": "000000000000"}))
    with pytest.raises(SystemExit, match="another generator"):
        read_val_card(str(tmp_path / "card-val.json"), card)
    (tmp_path / "card-val.json").write_text(json.dumps({**val, "yardstick": {"compared_split": "test"}}))
    with pytest.raises(SystemExit, match="val split"):
        read_val_card(str(tmp_path / "card-val.json"), card)
