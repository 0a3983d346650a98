import { asset } from '$app/paths';
import { assess, type Assessment } from '$lib/classifier/assess.ts';
import type { ModelCard } from '$lib/classifier/card.ts';
import { ClassifierClient, type Progress } from '$lib/classifier/client.ts';
import { ClassifierError } from '$lib/classifier/errors.ts';
import { checkFile } from '$lib/classifier/image.ts';
import { CARD_PATH, loadModelCard, inferenceThreads, ModelCardError, sessionSpec } from '$lib/classifier/model-files.ts';
import { readOutputs, type ModelAnswer } from '$lib/classifier/outputs.ts';
import type { Classification, ClassifierErrorCode } from '$lib/classifier/protocol.ts';
import { locale } from '../../lib/i18n/locale.svelte.ts';

/** Why something failed, as a code the page translates plus the technical detail. */
export type Problem = { code: ClassifierErrorCode | 'empty' | 'card-invalid'; detail: string };

export interface CheckResult {
	answer: ModelAnswer;
	assessment: Assessment;
	classification: Classification;
}

// One worker per page lifetime: leaving /check and coming back must not download the model again.
let sharedClient: ClassifierClient | null = null;

function clientFor(card: ModelCard): ClassifierClient {
	const threads = inferenceThreads(self.crossOriginIsolated, navigator.hardwareConcurrency);
	const spec = sessionSpec(card, new URL(asset(CARD_PATH), location.href).href, threads);
	if (sharedClient?.spec.modelUrl !== spec.modelUrl) {
		sharedClient?.dispose();
		sharedClient = new ClassifierClient(spec);
	}
	return sharedClient;
}

function toProblem(error: unknown): Problem {
	if (error instanceof ClassifierError) return { code: error.code, detail: error.message };
	if (error instanceof ModelCardError) {
		const code = error.problem === 'missing' ? 'model-missing' : error.problem === 'unreachable' ? 'model-download' : 'card-invalid';
		return { code, detail: error.message };
	}
	return { code: 'inference', detail: locale.problem(error) };
}

/** The /check page: model loading, the chosen image and its classification. */
export class CheckState {
	card = $state.raw<ModelCard | null>(null);
	model = $state<'loading-card' | 'loading-model' | 'ready' | 'failed'>('loading-card');
	progress = $state.raw<Progress | null>(null);
	modelProblem = $state.raw<Problem | null>(null);

	imageUrl = $state<string | null>(null);
	imageName = $state('');
	/** natural size of the shown image (EXIF orientation applied), for the crop outline */
	imageSize = $state.raw<{ width: number; height: number } | null>(null);
	busy = $state(false);
	result = $state.raw<CheckResult | null>(null);
	imageProblem = $state.raw<Problem | null>(null);

	#request = 0;

	/** Reads the card and starts downloading the model, so it is ready when the image is chosen. */
	async start() {
		this.model = 'loading-card';
		this.modelProblem = null;
		try {
			this.card = await loadModelCard(asset(CARD_PATH));
			this.model = 'loading-model';
			await clientFor(this.card).load((progress) => (this.progress = progress));
			this.model = 'ready';
		} catch (error) {
			this.model = 'failed';
			this.modelProblem = toProblem(error);
		} finally {
			this.progress = null;
		}
	}

	async choose(file: File) {
		const request = ++this.#request;
		this.result = null;
		this.imageProblem = null;
		this.imageSize = null;
		if (this.imageUrl) URL.revokeObjectURL(this.imageUrl);
		this.imageUrl = null;
		this.imageName = file.name;
		const problem = checkFile(file);
		if (problem) {
			this.imageProblem = { code: problem, detail: `${file.name}: ${file.type || 'no type'}, ${file.size} bytes` };
			return;
		}
		this.imageUrl = URL.createObjectURL(file);
		if (!this.card) {
			await this.start();
			if (!this.card || request !== this.#request) return;
		}
		const card = this.card;
		this.busy = true;
		try {
			const classification = await clientFor(card).classify(file, (progress) => (this.progress = progress));
			if (request !== this.#request) return;
			this.model = 'ready';
			this.modelProblem = null;
			this.result = {
				classification,
				answer: readOutputs(card, classification.classProbs, classification.attributeProbs),
				assessment: assess(
					classification.classProbs,
					classification,
					card.input.size,
					classification.unfamiliarScore !== null && card.unfamiliar
						? { score: classification.unfamiliarScore, threshold: card.unfamiliar.threshold }
						: null
				)
			};
		} catch (error) {
			if (request !== this.#request) return;
			const problem = toProblem(error);
			if (problem.code === 'not-image' || problem.code === 'too-large') {
				this.imageProblem = problem;
				if (this.imageUrl) URL.revokeObjectURL(this.imageUrl);
				this.imageUrl = null;
			} else {
				this.model = 'failed';
				this.modelProblem = problem;
			}
		} finally {
			if (request === this.#request) {
				this.busy = false;
				this.progress = null;
			}
		}
	}

	/** The page is left: free the picture (the worker and its model stay for the next visit). */
	dispose() {
		this.#request++;
		if (this.imageUrl) URL.revokeObjectURL(this.imageUrl);
	}
}
