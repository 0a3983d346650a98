import * as v from 'valibot';

/**
 * The model card: the contract between models/training (Python writes models/classifier/card.json)
 * and the app, the importer and the CLI tools (TypeScript reads it). Keys are snake_case because
 * the metric objects are the same shape as the eval CLI's JSON output.
 */
const Prob = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

export const PerClassSchema = v.object({
	precision: Prob,
	recall: Prob,
	f1: Prob,
	support: v.pipe(v.number(), v.integer(), v.minValue(0))
});

export const ConfusionSchema = v.object({
	/** row and column labels; rows = true class, columns = predicted class */
	labels: v.array(v.string()),
	matrix: v.array(v.array(v.pipe(v.number(), v.integer(), v.minValue(0))))
});

export const MetricsSchema = v.object({
	n: v.pipe(v.number(), v.integer(), v.minValue(0)),
	accuracy: Prob,
	macro_f1: Prob,
	per_class: v.record(v.string(), PerClassSchema),
	confusion: ConfusionSchema,
	/** expected calibration error of the top-class confidence, 15 equal-width bins */
	ece: v.optional(Prob),
	/** accuracy per WBCAtt attribute, over images that carry that attribute */
	attribute_accuracy: v.optional(v.record(v.string(), Prob)),
	mean_attribute_accuracy: v.optional(Prob)
});

export const AttributeSchema = v.object({
	name: v.string(),
	/** the annotators' own vocabulary, in output order */
	values: v.pipe(v.array(v.string()), v.minLength(2))
});

export const ReferenceImageSchema = v.object({
	source: v.string(),
	id: v.string(),
	/** path relative to the dataset folder (../shared/datasets/<source>/) */
	file: v.string(),
	label: v.string(),
	class_probs: v.array(v.number()),
	attribute_probs: v.array(v.number())
});

export const ModelCardSchema = v.object({
	schema_version: v.literal(1),
	name: v.string(),
	created_at: v.string(),
	architecture: v.string(),
	/** file name of the ONNX model, relative to the card */
	model_file: v.string(),
	model_bytes: v.pipe(v.number(), v.integer()),
	classes: v.pipe(v.array(v.string()), v.minLength(2)),
	attributes: v.array(AttributeSchema),
	input: v.object({
		size: v.pipe(v.number(), v.integer(), v.minValue(16)),
		layout: v.literal('NCHW'),
		/** centre square of side min(w, h), offset floor((w - side) / 2), floor((h - side) / 2) */
		crop: v.literal('center-square'),
		/** separable area (box) resampling with fractional pixel coverage */
		resize: v.literal('area'),
		/** x = (pixel / 255 - mean[c]) / std[c], RGB order */
		mean: v.tuple([v.number(), v.number(), v.number()]),
		std: v.tuple([v.number(), v.number(), v.number()])
	}),
	outputs: v.object({
		/** [N, classes.length] softmax of logits / temperature */
		class_probs: v.string(),
		/** [N, sum of attribute vocab sizes]: per-attribute softmax blocks, in attributes order */
		attribute_probs: v.string()
	}),
	temperature: v.number(),
	training: v.object({
		seed: v.number(),
		epochs: v.number(),
		seconds: v.number(),
		/** the runs the training is made of, in order, each continuing from the one before (epochs and seconds above are the sums) */
		stages: v.optional(
			v.array(
				v.object({
					size: v.number(),
					epochs: v.number(),
					seconds: v.number(),
					/** colour/stain/blur/noise augmentation scale (1 = the listed ranges) */
					aug_strength: v.optional(v.number()),
					/** scale jitter: zoom in 1/zoom..zoom (1 = none) */
					zoom: v.optional(v.number()),
					/** weight of the attribute loss against the class loss */
					attr_weight: v.optional(v.number()),
					/** share of each batch drawn from images with WBCAtt attributes (0 = plain shuffled batches) */
					attr_share: v.optional(v.number()),
					/** label smoothing of the attribute losses */
					attr_smoothing: v.optional(v.number())
				})
			)
		),
		sources: v.array(v.string()),
		augmentation: v.array(v.string()),
		/** images per split per class */
		counts: v.record(v.string(), v.record(v.string(), v.number()))
	}),
	evaluation: v.object({
		val: MetricsSchema,
		test: MetricsSchema,
		/** same-stain check: Matek segmented neutrophils (test split) predicted band or segmented */
		matek_neutrophils: v.object({ n: v.number(), as_neutrophil: v.number(), rate: Prob }),
		/** labels that are not training classes (immature_granulocyte, neutrophil), test split: predicted class counts */
		grouped_labels: v.record(v.string(), v.object({ n: v.number(), predicted: v.record(v.string(), v.number()) }))
	}),
	reference: v.object({
		images: v.array(ReferenceImageSchema),
		/** input[c][y][x] = sin(0.1 * (y + 1) * (c + 1)) * cos(0.07 * (x + 1)), already normalized */
		tensor: v.object({ class_probs: v.array(v.number()), attribute_probs: v.array(v.number()) })
	})
});

export type ModelCard = v.InferOutput<typeof ModelCardSchema>;
export type Metrics = v.InferOutput<typeof MetricsSchema>;

export function parseModelCard(json: unknown): ModelCard {
	const result = v.safeParse(ModelCardSchema, json);
	if (!result.success) {
		const issues = result.issues.slice(0, 5).map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`);
		throw new Error(`The model card is not valid: ${issues.join('; ')}`);
	}
	return result.output;
}
