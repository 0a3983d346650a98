"""select_snapshot.py: choosing one of a run's snapshots on val figures."""
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from select_snapshot import candidates, choose, summarise, worst_ratio  # noqa: E402


def cls(frechet, floor, agreement, second=None, second_floor=None, holes=None, holes_real=None):
    m = {"frechet": frechet, "frechet_real_floor": floor, "classifier_agreement": agreement}
    if second is not None:
        m.update(frechet_second=second, frechet_second_floor=second_floor)
    if holes is not None:
        m.update(nucleus_hole_share=holes, nucleus_hole_share_real=holes_real)
    return m


def test_the_worst_ratio_is_the_farther_yardstick():
    assert worst_ratio(cls(30, 10, 0.9)) == pytest.approx(3.0)
    assert worst_ratio(cls(30, 10, 0.9, second=5, second_floor=1)) == pytest.approx(5.0)


def test_summarise_counts_the_classes_through_the_bank_gate():
    card = {"per_class": {
        "platelet": cls(35, 10, 0.97, second=3.9, second_floor=1),           # through
        "band_neutrophil": cls(35, 10, 0.91, second=3.9, second_floor=1, holes=0.58, holes_real=0.21),  # rings
        "myelocyte": cls(38, 10, 0.60, second=2, second_floor=1),            # named too rarely
    }}
    s = summarise(card)
    assert s["passing"] == ["platelet"]
    assert s["worst_ratio"] == {"platelet": 3.9, "band_neutrophil": 3.9, "myelocyte": 3.8}
    assert s["geometric_mean_ratio"] == pytest.approx((3.9 * 3.9 * 3.8) ** (1 / 3), abs=1e-3)


def test_more_classes_through_wins_then_nearer_then_the_name():
    summaries = {
        "step-000500": {"passing": ["platelet"], "geometric_mean_ratio": 5.0},
        "step-001000": {"passing": ["platelet", "lymphocyte"], "geometric_mean_ratio": 9.0},
        "end": {"passing": ["platelet", "basophil"], "geometric_mean_ratio": 8.0},
    }
    assert choose(summaries) == "end"
    summaries["end"]["geometric_mean_ratio"] = 9.0
    assert choose(summaries) == "end"  # a full tie: by name, whatever the order they came in
    assert choose(dict(reversed(list(summaries.items())))) == "end"
    with pytest.raises(ValueError):
        choose({})


def test_candidates_are_the_snapshots_from_min_steps_and_the_end(tmp_path):
    for step in (455, 2000, 4000):
        (tmp_path / "snapshots" / f"step-{step:06d}").mkdir(parents=True)
        (tmp_path / "snapshots" / f"step-{step:06d}" / "generator.pt").write_bytes(b"")
    (tmp_path / "snapshots" / "step-003000").mkdir()  # a snapshot cut off before its weights were written
    assert list(candidates(tmp_path, 1000)) == ["step-002000", "step-004000"]
    for step in (455, 2000, 4000):
        (tmp_path / "snapshots" / f"step-{step:06d}" / "generator.pt").write_bytes(b"weights %d" % step)
    (tmp_path / "generator.pt").write_bytes(b"weights 4001")
    assert list(candidates(tmp_path)) == ["step-000455", "step-002000", "step-004000", "end"]
    (tmp_path / "generator.pt").write_bytes(b"weights 4000")  # the last snapshot fell on the end of the run
    assert list(candidates(tmp_path)) == ["step-000455", "step-002000", "step-004000"]
