"""The model card (models/classifier/card.json): what Python writes and TypeScript reads
(src/lib/classifier/card.ts). Checked against the JSON Schema generated from that TypeScript schema
(models/classifier/card.schema.json, `npm run schema:card`)."""
import datetime
import json
import pathlib

from . import augment as aug
from .outliers import DESCRIPTION as OUTLIER_TEXT
from .config import ATTRIBUTES, CLASSES, HELD_OUT_ALL, HELD_OUT_EVAL_ONLY, ROOT, SOURCES, TRAINING
import sys

sys.path.insert(0, str(TRAINING))
import preprocess as pp  # noqa: E402

SCHEMA = ROOT / "models" / "classifier" / "card.schema.json"


def counts(by):
    return {sp: {c: sum(1 for r in rs if r["label"] == c) for c in CLASSES} for sp, rs in by.items()}


def build_card(args, d, ck, chosen, T, rule, evaluation, refs, onnx_path, pretrained):
    measures = [m for m in args.measures.split(",") if m]
    views = chosen["views"]
    if args.start == "scratch":
        backbone = "MobileNetV3-small (torchvision) from random weights"
    elif args.start == "random":
        backbone = "MobileNetV2 (torchvision layout, Keras padding) from random weights"
    else:
        backbone = (f"MobileNetV2 (torchvision layout, Keras padding) initialised from the pretrained network in npm "
                    f"package {pretrained.get('package')}@{pretrained.get('version')} ({pretrained.get('blocks')})")
    colour = "none" if args.no_colour_standardisation else "per-image Reinhard l-alpha-beta standardisation to PBC's statistics"
    lab_neutral = evaluation.get("lab_neutral") or {}
    adv = getattr(args, "source_adversary", 0.0)
    neck = "1280->256 hardswish neck" + (
        f" made lab-neutral (its top {lab_neutral['components']} principal directions kept, the mean difference between "
        f"PBC's and Matek's segmented neutrophils erased inside them)" if lab_neutral.get("components") else "") + (
        f" trained against a source adversary (gradient reversal, weight {adv}) on the segmented neutrophils of both labs"
        if adv > 0 else "")
    arch = (f"{colour}, then {backbone}; {neck}; class head ({len(CLASSES)}) + {len(ATTRIBUTES)} "
            f"WBCAtt attribute softmax heads; unfamiliar score ({rule['method']}): "
            + " and ".join({"mahalanobis": "tied-covariance Mahalanobis distance of the neck features to the nearest class mean",
                            "energy": "energy -logsumexp(class logits)",
                            "msp": "minus the largest class probability"}[c]
                           for c in rule.get("components", ["mahalanobis"]))
            + (f", trained with outlier exposure ({args.outliers} non-cell pictures per batch)" if args.outliers else "")
            + f"; weights + BatchNorm statistics ({chosen['weights']}, {chosen['bn']}) "
            f"selected on val"
            + (f"; {views}-view dihedral test-time augmentation (mean logits and features) inside the ONNX graph" if views > 1 else ""))
    stage = dict(size=args.size, epochs=int(ck["epoch"]), seconds=round(float(ck["train_seconds"]), 1),
                 aug_strength=args.aug_strength, attr_weight=args.attr_weight, attr_smoothing=args.attr_smoothing,
                 start=args.start, measures=measures, colour_standardisation=not args.no_colour_standardisation,
                 lr=args.lr, backbone_lr_scale=args.backbone_lr_scale, wd=args.wd,
                 outliers_per_batch=args.outliers, outlier_weight=args.outlier_weight,
                 precision=args.precision)
    annealed = args.aug_final_strength is not None
    if annealed:
        stage["aug_anneal"] = dict(final_strength=args.aug_final_strength, from_progress=args.aug_anneal_from)
    if adv > 0:
        stage["source_adversary"] = dict(weight=adv, per_lab=args.adversary_k, label="segmented_neutrophil",
                                         matek_images=len(d.get("adv_matek", [])), pbc_images=len(d.get("adv_pbc", [])))
    held_out = [] if args.include_held_out else HELD_OUT_EVAL_ONLY if adv > 0 else HELD_OUT_ALL
    card = dict(
        schema_version=1,
        name=("leukodex-wbc-mnv2" if args.start != "scratch" else "leukodex-wbc-mnv3s") + ("-smoke" if args.smoke else ""),
        created_at=datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        architecture=arch,
        model_file=onnx_path.name,
        model_bytes=int(onnx_path.stat().st_size),
        classes=list(CLASSES),
        attributes=[dict(name=a, values=list(v)) for a, v in d["vocab"]],
        input=dict(size=args.size, layout="NCHW", crop="center-square", resize="area", mean=list(pp.MEAN), std=list(pp.STD)),
        outputs=dict(class_probs="class_probs", attribute_probs="attribute_probs", unfamiliar_score="unfamiliar_score"),
        temperature=T,
        test_time_views=views,
        colour_standardisation=None if args.no_colour_standardisation else dict(
            method="reinhard-lab", reference="pbc-train", mean=[float(v) for v in d["colour_ref"]["mean"]],
            std=[float(v) for v in d["colour_ref"]["std"]]),
        unfamiliar=rule,
        pretrained=pretrained or None,
        training=dict(seed=args.seed, epochs=stage["epochs"], seconds=stage["seconds"], stages=[stage],
                      sources=list(SOURCES), counts=counts(d["by"]),
                      augmentation=aug.describe(measures) + ([OUTLIER_TEXT] if args.outliers else [])
                      + ([aug.anneal_text(args.aug_strength, args.aug_final_strength, args.aug_anneal_from)]
                         if annealed else []),
                      held_out=held_out),
        evaluation=evaluation,
        reference=refs,
    )
    return {k: v for k, v in card.items() if v is not None}


def strict(schema):
    """The schema with every object closed to keys it does not name (the TypeScript side would drop them
    silently; here a misspelt key is an error)."""
    if isinstance(schema, dict):
        out = {k: strict(v) for k, v in schema.items()}
        if out.get("type") == "object" and "properties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [strict(v) for v in schema]
    return schema


def validate(card, schema_path=SCHEMA):
    """Raise if the card does not satisfy the JSON Schema generated from the TypeScript card schema."""
    import jsonschema
    schema = strict(json.loads(pathlib.Path(schema_path).read_text()))
    jsonschema.validate(card, schema)


def write_card(card, path):
    validate(card)
    pathlib.Path(path).write_text(json.dumps(card, indent=1) + "\n")
