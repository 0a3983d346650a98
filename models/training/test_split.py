"""Proves split.py computes the same split as the TypeScript importer (split-vectors.json)."""
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from split import split_of, split_unit  # noqa: E402

vectors = json.loads((pathlib.Path(__file__).parents[2] / "question-bank" / "split-vectors.json").read_text())["vectors"]
bad = [v for v in vectors if split_of(v["source"], v["id"]) != v["split"] or abs(split_unit(v["source"], v["id"]) - v["unit"]) > 1e-12]
splits = {v["split"] for v in vectors}
assert splits == {"train", "val", "test"}, f"vectors should cover all three splits, got {splits}"
if bad:
    print(f"split mismatch on {len(bad)} of {len(vectors)} vectors: {bad[:3]}")
    sys.exit(1)
print(f"split parity: {len(vectors)} vectors agree")
