"""The experts' band/segmented agreement and the model's, as the card reports them."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from classifier.agreement import expert_agreement  # noqa: E402


def rec(label, shape, source="pbc"):
    return dict(source=source, label=label, attrs={"nucleus_shape": shape})


CONFUSION = {"labels": ["band_neutrophil", "segmented_neutrophil", "metamyelocyte"],
             "matrix": [[8, 2, 5], [1, 9, 0], [0, 0, 4]]}


def test_counts_the_second_opinion_against_the_label_and_reads_the_model_off_the_confusion():
    recs = ([rec("band_neutrophil", "unsegmented-band")] * 3 + [rec("band_neutrophil", "segmented-bilobed")]
            + [rec("segmented_neutrophil", "segmented-multilobed")] * 2 + [rec("segmented_neutrophil", "unsegmented-band")] * 2
            # no second opinion: another shape, no shape, another lab, another class
            + [rec("band_neutrophil", "irregular"), rec("segmented_neutrophil", ""),
               rec("segmented_neutrophil", "unsegmented-band", source="matek-aml"), rec("monocyte", "unsegmented-band")])
    out = expert_agreement(recs, CONFUSION)
    assert out["images"] == 8 and out["experts"] == 0.625
    assert out["by_label"] == {"band_neutrophil": {"images": 4, "other_opinion": 1},
                               "segmented_neutrophil": {"images": 4, "other_opinion": 2}}
    # the 2x2 block only: the 5 bands called metamyelocyte are another kind of mistake
    assert out["model_images"] == 20 and out["model"] == 0.85
    assert out["classes"] == ["band_neutrophil", "segmented_neutrophil"]


def test_nothing_to_report_without_a_second_opinion_or_without_the_classes():
    assert expert_agreement([rec("band_neutrophil", "")], CONFUSION) is None
    assert expert_agreement([rec("band_neutrophil", "unsegmented-band")],
                            {"labels": ["monocyte"], "matrix": [[1]]}) is None
