"""What the classifier learns: classes, attributes, sources. Shared by every stage of the trainer."""
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
TRAINING = HERE.parent
ROOT = TRAINING.parents[1]

CLASSES = ["basophil", "eosinophil", "erythroblast", "promyelocyte", "myelocyte", "metamyelocyte",
           "band_neutrophil", "segmented_neutrophil", "lymphocyte", "monocyte", "platelet", "myeloblast"]
# labels in the data that are not training classes (a stage or subtype not given): reported, never trained on
GROUPED = ["immature_granulocyte", "neutrophil"]
ATTRIBUTES = ["cell_size", "cell_shape", "nucleus_shape", "nuclear_cytoplasmic_ratio", "chromatin_density",
              "cytoplasm_vacuole", "cytoplasm_texture", "cytoplasm_colour", "granule_type", "granule_colour",
              "granularity"]
SOURCES = ["pbc", "matek-aml"]
# The Matek segmented neutrophils are kept out of training and selection: they are the only images of a
# class that both sources share, so they measure whether the model learnt the cell or the lab.
HELD_OUT = [("matek-aml", "segmented_neutrophil")]
# How the card's training.held_out names them (read by scripts/lib/held-out.ts and source_probe.py): all held out,
# or only their val and test images (the source adversary trains on their training split).
HELD_OUT_ALL = [f"{s}:{label}" for s, label in HELD_OUT]
HELD_OUT_EVAL_ONLY = [f"{s}:{label}:val+test" for s, label in HELD_OUT]
# Fixed reference images for the card: (source, label) -> first test-split id in sorted order.
REFERENCE = [("pbc", "basophil"), ("pbc", "eosinophil"), ("pbc", "erythroblast"), ("pbc", "promyelocyte"),
             ("pbc", "band_neutrophil"), ("pbc", "lymphocyte"), ("pbc", "platelet"), ("matek-aml", "myeloblast")]


def selection_score(macro_f1: float, mean_attr: float) -> float:
    """The one number runs, epochs, BatchNorm statistics and test-time views are chosen by (on val)."""
    return macro_f1 + 0.25 * mean_attr
