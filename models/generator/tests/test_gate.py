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
