import { fsrs, createEmptyCard, Rating, type Card } from 'ts-fsrs';
import type { CellClassId } from '../cells/taxonomy.ts';
import { ASSIGNMENT_RECORD_VERSION, type ScheduleCard } from './assignment-records.ts';

/**
 * Spaced repetition with FSRS (ts-fsrs), graded pass/fail: a right answer is "Good", a wrong one
 * "Again". Two kinds of card per learner: one per cell class (every answer on a cell of that
 * class reviews it) and one per image the learner missed (created by the miss, reviewed whenever
 * that image comes up again). Pure: callers pass the time.
 *
 * Day-level scheduling (no minute-level learning steps): a technician reviews once a day or so,
 * and "due today" is what the home page counts.
 */
const scheduler = fsrs({ enable_fuzz: false, enable_short_term: false });

/** An item missed this many times is a leech: shown apart, with its lesson and look-alike. */
export const LEECH_MISSES = 3;

export function classKey(cellClass: CellClassId): string {
	return `class:${cellClass}`;
}

export function itemKey(itemId: string): string {
	return `item:${itemId}`;
}

function toFsrs(card: ScheduleCard): Card {
	return {
		due: new Date(card.due),
		stability: card.stability,
		difficulty: card.difficulty,
		elapsed_days: 0,
		scheduled_days: card.scheduledDays,
		learning_steps: card.learningSteps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		...(card.lastReview !== undefined ? { last_review: new Date(card.lastReview) } : {})
	};
}

/** The card after one pass/fail review at `at`; `previous` undefined for a new card. */
export function review(
	previous: ScheduleCard | undefined,
	identity: Pick<ScheduleCard, 'learnerId' | 'key' | 'kind' | 'cellClass' | 'itemId' | 'image'>,
	pass: boolean,
	at: number,
	answeredClass?: CellClassId
): ScheduleCard {
	const when = new Date(at);
	const before = previous ? toFsrs(previous) : createEmptyCard(when);
	const { card } = scheduler.next(before, when, pass ? Rating.Good : Rating.Again);
	const wrong = previous?.wrongAnswers ?? [];
	return {
		schemaVersion: ASSIGNMENT_RECORD_VERSION,
		...identity,
		due: card.due.getTime(),
		stability: card.stability,
		difficulty: card.difficulty,
		scheduledDays: card.scheduled_days,
		learningSteps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		lastReview: at,
		misses: (previous?.misses ?? 0) + (pass ? 0 : 1),
		wrongAnswers: !pass && answeredClass ? [...wrong, answeredClass].slice(-5) : wrong
	};
}

export interface ReviewedAttempt {
	learnerId: string;
	itemId: string;
	image: string;
	trueClass: CellClassId;
	answeredClass: CellClassId;
	at: number;
}

/**
 * The cards one attempt changes: its class's card always; its image's card when the answer was
 * wrong or the image already has a card (an image answered right the first time gets none).
 */
export function cardsAfterAttempt(
	attempt: ReviewedAttempt,
	current: { classCard?: ScheduleCard; itemCard?: ScheduleCard }
): ScheduleCard[] {
	const pass = attempt.trueClass === attempt.answeredClass;
	const base = { learnerId: attempt.learnerId, cellClass: attempt.trueClass };
	const out = [
		review(current.classCard, { ...base, key: classKey(attempt.trueClass), kind: 'class' }, pass, attempt.at, attempt.answeredClass)
	];
	if (!pass || current.itemCard) {
		out.push(
			review(
				current.itemCard,
				{ ...base, key: itemKey(attempt.itemId), kind: 'item', itemId: attempt.itemId, image: attempt.image },
				pass,
				attempt.at,
				attempt.answeredClass
			)
		);
	}
	return out;
}

/** End of the local day containing `now` (epoch ms): what "due today" counts up to. */
export function endOfLocalDay(now: number): number {
	const d = new Date(now);
	d.setHours(23, 59, 59, 999);
	return d.getTime();
}

export interface DueSummary {
	classes: ScheduleCard[];
	items: ScheduleCard[];
	leeches: ScheduleCard[];
}

/** Cards due by the end of today (earliest first), and the leeches among all item cards. */
export function dueToday(cards: readonly ScheduleCard[], now: number): DueSummary {
	const end = endOfLocalDay(now);
	const due = cards.filter((c) => c.due <= end).sort((a, b) => a.due - b.due);
	return {
		classes: due.filter((c) => c.kind === 'class'),
		items: due.filter((c) => c.kind === 'item'),
		leeches: cards.filter(isLeech).sort((a, b) => b.misses - a.misses)
	};
}

export function isLeech(card: ScheduleCard): boolean {
	return card.kind === 'item' && card.misses >= LEECH_MISSES;
}
