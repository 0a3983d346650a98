import type { CellClassId } from '$lib/cells/taxonomy.ts';
import type { BankItem, ItemPrediction } from '$lib/bank/schema.ts';
import type { ItemPredictions } from '$lib/bank/load.ts';
import type { Attempt, Drill } from '$lib/progress/records.ts';
import { StorageFullError, type ProgressStore } from '$lib/progress/store.ts';
import { locale } from '../../lib/i18n/locale.svelte.ts';

/**
 * One drill in progress: which item is shown and what stage the learner is at.
 *
 *   answering ──answer──► saving ──saved──► feedback ──next──► answering (next item) … done
 *                           └──failed──► saveFailed ──retry──► saving
 *
 * Feedback only ever follows a successful save; an answer that failed to save stays in
 * `pending` (memory) until the learner retries, so it is never lost silently.
 */
export type Stage =
	| { kind: 'answering' }
	| { kind: 'saving'; answer: CellClassId }
	| { kind: 'saveFailed'; answer: CellClassId; message: string; storageFull: boolean }
	/** modelProblem: why the attempt has no answer from the classifier, when it could not be loaded in time;
	 * prediction: the classifier's full answer for the item (its attribute estimates feed the explanation) */
	| { kind: 'feedback'; attempt: Attempt; modelProblem?: string; prediction?: ItemPrediction }
	| { kind: 'done' };

/** How long saving an answer waits for the classifier's answers before saving without them. */
export const MODEL_ANSWER_WAIT_MS = 4000;

export interface DrillRunOptions {
	/** the classifier's answers for the bank's items (predictions.json); none by default */
	predictions?: () => Promise<ItemPredictions>;
	now?: () => number;
	/** the stored attempt of drill.feedbackOn: the run resumes on that item's feedback */
	resumeFeedback?: Attempt;
}

export class DrillRun {
	drill = $state.raw<Drill>() as Drill;
	/** index in drill.itemIds of the item on screen; ahead of drill.position after skips */
	index = $state(0);
	stage = $state.raw<Stage>({ kind: 'answering' });
	imageFailed = $state(false);
	/** the current image has been displayed (answers are accepted from then on) */
	imageReady = $state(false);
	skippedCount = $state(0);

	readonly #store: ProgressStore;
	readonly #items: ReadonlyMap<string, BankItem>;
	readonly #now: () => number;
	readonly #loadPredictions: () => Promise<ItemPredictions>;
	#predictions: Promise<ItemPredictions | null> | null = null;
	/** why the last load of the classifier's answers failed */
	#predictionsProblem = '';
	#shownAt: number | null = null;
	#pendingMs = 0;

	item = $derived<BankItem | undefined>(this.#itemAt(this.index));
	total = $derived(this.drill.itemIds.length);

	constructor(store: ProgressStore, drill: Drill, items: ReadonlyMap<string, BankItem>, options: DrillRunOptions = {}) {
		this.#store = store;
		this.#items = items;
		this.#now = options.now ?? (() => performance.now());
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- an empty answer set, never changed
		this.#loadPredictions = options.predictions ?? (() => Promise.resolve(new Map()));
		this.drill = drill;
		// resume where the stored drill stands: every earlier item has an attempt or was skipped
		this.index = Math.min(drill.position, drill.itemIds.length);
		const resumed = options.resumeFeedback;
		const feedbackIndex = drill.feedbackOn === undefined ? -1 : drill.itemIds.indexOf(drill.feedbackOn);
		if (resumed && feedbackIndex >= 0 && resumed.itemId === drill.feedbackOn && resumed.drillId === drill.id) {
			// reloaded while feedback was on screen: the same feedback again, not the next item
			this.index = feedbackIndex;
			this.stage = { kind: 'feedback', attempt: resumed };
		} else if (this.index >= drill.itemIds.length) this.stage = { kind: 'done' };
	}

	#itemAt(index: number): BankItem | undefined {
		const id = this.drill.itemIds[index];
		return id === undefined ? undefined : this.#items.get(id);
	}

	/** The image is on screen: the answer clock starts now. */
	imageShown(): void {
		this.imageFailed = false;
		this.imageReady = true;
		this.#shownAt ??= this.#now();
		// fetched only now, so the first image never shares the connection with it
		void this.#modelAnswers();
	}

	/** The classifier's answers, loaded once; null (and #predictionsProblem set) if they cannot be. */
	#modelAnswers(): Promise<ItemPredictions | null> {
		this.#predictions ??= this.#loadPredictions().catch((error: unknown) => {
			this.#predictionsProblem = locale.problem(error);
			this.#predictions = null; // the next answer tries again
			return null;
		});
		return this.#predictions;
	}

	/** The classifier's answer for an item, or why there is none to store (not for an item it has no answer for). */
	async #modelAnswerFor(itemId: string): Promise<{ prediction?: ItemPrediction; problem?: string }> {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), MODEL_ANSWER_WAIT_MS)));
		try {
			const answers = await Promise.race([this.#modelAnswers(), late]);
			if (answers === 'late')
				return { problem: `The classifier’s answers (predictions.json) took longer than ${MODEL_ANSWER_WAIT_MS / 1000} s to load.` };
			if (answers === null) return { problem: this.#predictionsProblem };
			return { prediction: answers.get(itemId) };
		} finally {
			clearTimeout(timer);
		}
	}

	imageError(): void {
		this.imageFailed = true;
		this.imageReady = false;
	}

	/** Answers can only be given while an image is visibly on screen. */
	get canAnswer(): boolean {
		return this.stage.kind === 'answering' && this.item !== undefined && this.imageReady;
	}

	/** An answer is given but not stored yet (saving, or kept after a failed save): leaving the page would lose it. */
	get answerUnsaved(): boolean {
		return this.stage.kind === 'saving' || this.stage.kind === 'saveFailed';
	}

	async answer(answeredClass: CellClassId, learnerId: string): Promise<void> {
		if (!this.canAnswer) return;
		this.#pendingMs = Math.max(0, Math.round(this.#now() - (this.#shownAt ?? this.#now())));
		await this.#save(answeredClass, learnerId);
	}

	/** Saves the answer kept in memory after a failed save. */
	async retry(learnerId: string): Promise<void> {
		if (this.stage.kind !== 'saveFailed') return;
		await this.#save(this.stage.answer, learnerId);
	}

	async #save(answeredClass: CellClassId, learnerId: string): Promise<void> {
		const item = this.item;
		if (!item) return;
		this.stage = { kind: 'saving', answer: answeredClass };
		const model = await this.#modelAnswerFor(item.id);
		const top = model.prediction?.top[0];
		try {
			const { attempt, drill } = await this.#store.recordAttempt({
				learnerId,
				drillId: this.drill.id,
				itemId: item.id,
				image: item.image,
				provenance: item.provenance,
				trueClass: item.label,
				answeredClass,
				msToAnswer: this.#pendingMs,
				at: Date.now(),
				...(top ? { modelClass: top.cellClass, modelConfidence: top.p } : {})
			});
			this.drill = drill;
			this.stage = {
				kind: 'feedback',
				attempt,
				...(model.problem ? { modelProblem: model.problem } : {}),
				...(model.prediction ? { prediction: model.prediction } : {})
			};
		} catch (error) {
			this.stage = {
				kind: 'saveFailed',
				answer: answeredClass,
				message: locale.problem(error),
				storageFull: error instanceof StorageFullError
			};
		}
	}

	/** After feedback: the next item, or the end of the drill. */
	async next(): Promise<void> {
		if (this.stage.kind !== 'feedback') return;
		await this.#advance();
	}

	/** Passes over an item whose image cannot be shown; nothing is recorded for it. */
	async skip(): Promise<void> {
		if (this.stage.kind !== 'answering' || (this.item && !this.imageFailed)) return;
		this.skippedCount++;
		await this.#advance();
	}

	async #advance(): Promise<void> {
		if (this.drill.feedbackOn !== undefined) {
			try {
				this.drill = await this.#store.leaveFeedback(this.drill.id);
			} catch {
				// at worst a reload shows this feedback once more
			}
		}
		this.#shownAt = null;
		this.imageFailed = false;
		this.imageReady = false;
		this.index++;
		if (this.index < this.total) {
			this.stage = { kind: 'answering' };
			return;
		}
		// A skipped last item leaves the stored drill short of its end; close it so that it is
		// not offered for resuming.
		if (this.drill.finishedAt === undefined) {
			try {
				await this.#store.abandonDrill(this.drill.id);
			} catch {
				// still shown as done here; at worst the home page offers to resume the skipped item
			}
		}
		this.stage = { kind: 'done' };
	}
}
