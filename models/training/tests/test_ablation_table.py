import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import ablation_table  # noqa: E402


def shift(id_, f1, blast=0.0):
    return {"id": id_, "macro_f1": f1, "false_myeloblast": blast, "accuracy": f1, "n": 240}


def write_arm(root: pathlib.Path, arm: str, test_acc: float, shifts: list[dict], finished: bool = True):
    run = root / f"abl-{arm}"
    (run / "model").mkdir(parents=True)
    if not finished:
        return
    metrics = {"accuracy": test_acc, "macro_f1": test_acc - 0.01, "ece": 0.02, "mean_attribute_accuracy": 0.9}
    card = {"training": {"epochs": 4, "seconds": 720.0},
            "evaluation": {"val": dict(metrics), "test": dict(metrics),
                           "matek_neutrophils": {"n": 151, "as_neutrophil": 140},
                           "source_probe": {"accuracy": 0.61}}}
    (run / "model" / "card.json").write_text(json.dumps(card))
    (run / "robustness.json").write_text(json.dumps({"shifts": shifts, "non_cells": {"n": 100, "flagged": 0.97}}))


def test_rows_follow_the_arm_order_and_name_the_worst_shift(tmp_path, capsys):
    write_arm(tmp_path, "scratch", 0.85, [shift("none", 0.86), shift("jpeg", 0.80), shift("scale-down", 0.60, 0.05)])
    write_arm(tmp_path, "baseline", 0.88, [shift("none", 0.88), shift("jpeg", 0.87, 0.01), shift("scale-down", 0.84)])
    write_arm(tmp_path, "no-framing", 0.0, [], finished=False)
    out = tmp_path / "rows.json"
    assert ablation_table.main(["--runs", str(tmp_path), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    rows = json.loads(out.read_text())
    assert [r["arm"] for r in rows] == ["baseline", "scratch"]
    assert rows[1]["worst_shift"] == "scale-down" and rows[1]["worst_shift_macro_f1"] == 0.60
    assert rows[1]["most_false_myeloblast"] == 0.05
    assert abs(rows[0]["mean_shift_macro_f1"] - 0.855) < 1e-9  # the unshifted images are not a shift
    assert "| scratch | 4 |" in printed and "60.0% (scale-down) | 26.0 pt |" in printed and "84.0% (scale-down) | 4.0 pt |" in printed
    assert "not finished yet: abl-no-framing" in printed


def test_no_finished_arm_is_an_error(tmp_path, capsys):
    write_arm(tmp_path, "baseline", 0.0, [], finished=False)
    assert ablation_table.main(["--runs", str(tmp_path)]) == 1
    assert "no finished arm" in capsys.readouterr().err
