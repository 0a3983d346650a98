"""evaluate.py's --out: a .json file, or a folder (existing or not) that gets card.json and the figures."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from evaluate import card_path  # noqa: E402


def test_a_json_path_is_the_card_and_anything_else_is_a_folder(tmp_path):
    assert card_path(str(tmp_path / "card.json")) == tmp_path / "card.json"
    assert card_path(str(tmp_path / "v10-card.JSON")) == tmp_path / "v10-card.JSON"
    assert card_path(str(tmp_path)) == tmp_path / "card.json"
    assert card_path(str(tmp_path / "not-yet")) == tmp_path / "not-yet" / "card.json"
    (tmp_path / "odd.json").mkdir()
    assert card_path(str(tmp_path / "odd.json")) == tmp_path / "odd.json" / "card.json"
