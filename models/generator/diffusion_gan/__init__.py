"""Leukodex's synthetic-cell generator: a class-conditional GAN trained with Diffusion-GAN's method.

It shares the classifier's code (models/training: the data split, the pretrained network, the precision helpers),
which this puts on the import path once for the whole package."""
import pathlib
import sys

_TRAINING = str(pathlib.Path(__file__).resolve().parents[2] / "training")
if _TRAINING not in sys.path:
    sys.path.insert(0, _TRAINING)
