"""Each class is measured against real test cells of the labs the generator learnt it from (evaluate.comparable)."""
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from diffusion_gan import data as GD  # noqa: E402
from evaluate import comparable  # noqa: E402


def test_only_test_cells_of_a_lab_the_class_was_trained_from_are_compared():
    train = [{"label": "segmented_neutrophil", "source": "pbc"}, {"label": "myeloblast", "source": "matek-aml"},
             {"label": "segmented_neutrophil", "source": "pbc"}]
    trained_on = GD.class_sources(train)
    assert trained_on == {"segmented_neutrophil": ["pbc"], "myeloblast": ["matek-aml"]}
    test = [{"label": "segmented_neutrophil", "source": "pbc"}, {"label": "segmented_neutrophil", "source": "matek-aml"},
            {"label": "myeloblast", "source": "matek-aml"}, {"label": "lymphocyte", "source": "pbc"}]
    # Munich's neutrophils are not what the class was learnt from; a class with no training images is compared with nothing
    assert comparable(test, trained_on).tolist() == [True, False, True, False]


@pytest.mark.skipif(not (GD.DATA / "pbc" / "manifest.csv").exists(), reason="needs ../shared/datasets")
def test_the_shared_split_trains_segmented_neutrophils_on_pbc_alone_and_tests_on_both_labs():
    trained_on = GD.class_sources(GD.records("train"))
    tested_on = GD.class_sources(GD.records("test"))
    assert trained_on["segmented_neutrophil"] == ["pbc"]
    assert tested_on["segmented_neutrophil"] == ["matek-aml", "pbc"]  # why the comparison has to choose
    assert trained_on["myeloblast"] == ["matek-aml"]
    assert all(trained_on[c] == tested_on[c] for c in trained_on if c != "segmented_neutrophil")


def test_a_class_is_measured_over_many_halvings_of_its_real_images():
    import numpy as np

    from diffusion_gan import measures as M
    from evaluate import SPLITS, closeness

    rng = np.random.default_rng(0)
    real = rng.standard_normal((80, 8))
    idx = np.arange(80)
    halves = [M.split_half(80, seed=k) for k in range(SPLITS)]
    p = np.full((80, 2), [0.9, 0.1])
    alike = closeness(p, rng.standard_normal((60, 8)), p, real, idx, halves, 0)
    shifted = closeness(p, rng.standard_normal((60, 8)) + 3.0, p, real, idx, halves, 0)
    # each figure is the median over the halvings, not the first halving's
    floors = [M.frechet(real[a], real[b]) for a, b in halves]
    assert alike["floor"] == round(float(np.median(floors)), 3)
    assert alike["floor"] != round(floors[0], 3)
    assert 0.3 < alike["frechet"] / alike["floor"] < 3  # drawn like the real ones: near the floor
    assert shifted["frechet"] / shifted["floor"] > 10
