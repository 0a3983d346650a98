"""The deterministic train/val/test split, identical to src/lib/bank/split.ts.

u = first 8 hex digits of SHA-256("<source>:<id>") as an unsigned 32-bit int / 2**32;
train if u < 0.70, val if u < 0.85, else test. question-bank/split-vectors.json proves
both sides agree (models/training/test_split.py).
"""
import hashlib

TRAIN, VAL = 0.70, 0.85


def split_unit(source: str, item_id: str) -> float:
    digest = hashlib.sha256(f"{source}:{item_id}".encode("utf-8")).hexdigest()
    return int(digest[:8], 16) / 2**32


def split_of(source: str, item_id: str) -> str:
    u = split_unit(source, item_id)
    if u < TRAIN:
        return "train"
    if u < VAL:
        return "val"
    return "test"
