import * as v from 'valibot';
import { issuesText } from '../boundary/issues.ts';

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
	attribute_probs: v.array(v.number()),
	unfamiliar_score: v.optional(v.number())
});

/** The rule that flags an image as unlike anything the model learnt from (see UnfamiliarRule in the docs of the model page). */
export const UnfamiliarRuleSchema = v.object({
	/**
	 * which signals the score combines: 'mahalanobis-tied' (older models: the raw distance, not standardised),
	 * or any of 'mahalanobis' (tied-covariance distance of the neck features to the nearest class mean) and
	 * 'energy' (-logsumexp of the class logits) and 'msp' (minus the largest class probability; the network is
	 * trained with outlier exposure), each standardised as
	 * (value - centre) / scale on augmented validation cells, the larger of them taken
	 */
	method: v.picklist(['mahalanobis-tied', 'mahalanobis', 'energy', 'msp', 'mahalanobis+energy', 'mahalanobis+msp']),
	components: v.optional(v.array(v.picklist(['mahalanobis', 'energy', 'msp']))),
	centre: v.optional(v.record(v.string(), v.number())),
	scale: v.optional(v.record(v.string(), v.number())),
	/** an image whose unfamiliar_score is above this is flagged */
	threshold: v.number(),
	/** the threshold is this quantile of the score over augmented (shifted) validation cells */
	quantile: Prob,
	/** share of validation images flagged, as they are and under the training augmentation */
	val_flagged: Prob,
	val_augmented_flagged: Prob,
	/** share of random-noise inputs flagged */
	noise_flagged: Prob,
	/** share of generated non-cell pictures (noise, fields, drawings, text, red cells only; made from val images) flagged */
	generated_non_cells_flagged: v.optional(Prob),
	generated_non_cells: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
	/** the rules compared on val and generated non-cells; the one that flags the most non-cells is used */
	candidates: v.optional(v.array(v.object({ method: v.string(), val_flagged: Prob, generated_non_cells_flagged: Prob }))),
	fit_images: v.pipe(v.number(), v.integer(), v.minValue(0))
});

/** Where a pretrained start came from (training-time initialisation only; never loaded by the app). */
export const PretrainedSchema = v.object({
	package: v.string(),
	version: v.string(),
	licence: v.string(),
	integrity: v.string(),
	description: v.string(),
	/** which blocks were kept ("all" or "up to block N") */
	blocks: v.string()
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
		attribute_probs: v.string(),
		/** [N]: how unlike the training images the input is (see `unfamiliar`); absent in older models */
		unfamiliar_score: v.optional(v.string())
	}),
	temperature: v.number(),
	/** dihedral views averaged inside the ONNX graph (each a full inference) */
	test_time_views: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
	/** per-image colour standardisation inside the graph (Reinhard l-alpha-beta, to these reference statistics) */
	colour_standardisation: v.optional(
		v.object({
			method: v.literal('reinhard-lab'),
			reference: v.string(),
			mean: v.tuple([v.number(), v.number(), v.number()]),
			std: v.tuple([v.number(), v.number(), v.number()])
		})
	),
	unfamiliar: v.optional(UnfamiliarRuleSchema),
	pretrained: v.optional(PretrainedSchema),
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
					/** the strength annealed linearly from aug_strength to final_strength after this share of the run (0-1) */
					aug_anneal: v.optional(v.object({ final_strength: v.number(), from_progress: v.number() })),
					/** scale jitter: zoom in 1/zoom..zoom (1 = none) */
					zoom: v.optional(v.number()),
					/** weight of the attribute loss against the class loss */
					attr_weight: v.optional(v.number()),
					/** share of each batch drawn from images with WBCAtt attributes (0 = plain shuffled batches) */
					attr_share: v.optional(v.number()),
					/** label smoothing of the attribute losses */
					attr_smoothing: v.optional(v.number()),
					/** pretrained | imagenet-blocks | scratch */
					start: v.optional(v.string()),
					/** the robustness augmentations that were on */
					measures: v.optional(v.array(v.string())),
					colour_standardisation: v.optional(v.boolean()),
					lr: v.optional(v.number()),
					backbone_lr_scale: v.optional(v.number()),
					wd: v.optional(v.number()),
					/** outlier exposure: non-cell pictures added to each batch, and the weight of their uniform-target loss */
					outliers_per_batch: v.optional(v.number()),
					outlier_weight: v.optional(v.number()),
					/** bf16: convolutions and matrix products under bfloat16 autocast (weights, optimiser, losses float32); absent: fp32 */
					precision: v.optional(v.picklist(['fp32', 'bf16'])),
					/**
					 * the source adversary (models/training/classifier/adversary.py): a gradient-reversal head on the neck that
					 * learns to tell the lab of `label` images, `per_lab` of each lab added to every step
					 */
					source_adversary: v.optional(
						v.object({
							weight: v.number(),
							per_lab: v.number(),
							label: v.string(),
							matek_images: v.number(),
							pbc_images: v.number()
						})
					)
				})
			)
		),
		sources: v.array(v.string()),
		augmentation: v.array(v.string()),
		/** images per split per class */
		counts: v.record(v.string(), v.record(v.string(), v.number())),
		/**
		 * `source:label` groups kept out of training and selection, to measure generalisation;
		 * `source:label:val+test` when the group's training split was trained on
		 */
		held_out: v.optional(v.array(v.string()))
	}),
	evaluation: v.object({
		val: MetricsSchema,
		test: MetricsSchema,
		/** Matek segmented neutrophils predicted band or segmented: test split, or all of them when held out of training */
		matek_neutrophils: v.object({
			n: v.number(),
			as_neutrophil: v.number(),
			rate: Prob,
			held_out: v.optional(v.boolean()),
			as_myeloblast: v.optional(v.number()),
			flagged: v.optional(Prob)
		}),
		/** test split: share flagged unfamiliar, and accuracy on the rest */
		test_unfamiliar: v.optional(v.object({ flagged: Prob, accuracy_unflagged: Prob })),
		/** can the features tell the lab? a linear probe's cross-validated accuracy (0.5 = chance) */
		source_probe: v.optional(v.object({ accuracy: Prob, n: v.number(), chance: Prob, what: v.string() })),
		/**
		 * The lab-neutral neck (models/training/classifier/neutral.py): the neck's main directions kept and, inside them,
		 * the mean difference between PBC's and Matek's segmented neutrophils erased; `components` 0 = none was applied.
		 * With it, matek_neutrophils and source_probe count only the Matek neutrophils it was not fitted on.
		 */
		lab_neutral: v.optional(
			v.object({
				components: v.number(),
				fit_images: v.optional(v.object({ pbc: v.number(), matek: v.number() })),
				cell_images: v.optional(v.number()),
				candidates: v.array(
					v.object({
						components: v.number(),
						dev_probe: Prob,
						val_score: v.number(),
						val_accuracy: Prob,
						/** what `auto` weighs (neutral.choose_components); cards before 2026-12-05 have only the score */
						val_macro_f1: v.optional(Prob),
						val_attributes: v.optional(Prob),
						/** after the temperature fitted on val */
						val_ece: v.optional(Prob)
					})
				),
				dev_probe_before: Prob,
				val_score_before: v.number(),
				val_macro_f1_before: v.optional(Prob),
				val_attributes_before: v.optional(Prob)
			})
		),
		/** the same held-out images measured without the lab-neutral map */
		without_lab_neutral: v.optional(
			v.object({
				matek_neutrophils: v.object({ n: v.number(), as_neutrophil: v.number(), rate: Prob, as_myeloblast: v.number() }),
				source_probe: Prob
			})
		),
		/** labels that are not training classes (immature_granulocyte, neutrophil), test split: predicted class counts */
		grouped_labels: v.record(v.string(), v.object({ n: v.number(), predicted: v.record(v.string(), v.number()) })),
		/**
		 * where the dataset's own experts disagree (models/training/classifier/agreement.py): PBC's class label against
		 * a second opinion (WBCAtt's nucleus shape) on `images` PBC cells of the two `classes`, the share on which they
		 * agree; and the model's agreement with PBC's label on the `model_images` test cells of the two classes it
		 * called one of them
		 */
		expert_agreement: v.optional(
			v.object({
				classes: v.tuple([v.string(), v.string()]),
				images: v.number(),
				experts: Prob,
				by_label: v.record(v.string(), v.object({ images: v.number(), other_opinion: v.number() })),
				model_images: v.number(),
				model: Prob,
				second_opinion: v.string()
			})
		)
	}),
	reference: v.object({
		images: v.array(ReferenceImageSchema),
		/** input[c][y][x] = sin(0.1 * (y + 1) * (c + 1)) * cos(0.07 * (x + 1)), already normalized */
		tensor: v.object({
			class_probs: v.array(v.number()),
			attribute_probs: v.array(v.number()),
			unfamiliar_score: v.optional(v.number())
		})
	})
});

export type ModelCard = v.InferOutput<typeof ModelCardSchema>;
export type Metrics = v.InferOutput<typeof MetricsSchema>;

export function parseModelCard(json: unknown): ModelCard {
	const result = v.safeParse(ModelCardSchema, json);
	if (!result.success) {
		throw new Error(`The model card is not valid: ${issuesText(result.issues)}`);
	}
	return result.output;
}
