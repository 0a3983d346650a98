import { cellClass as classInfo, inTaxonomyOrder, type CellClassId } from '../cells/taxonomy.ts';

/**
 * Weak-type review: which classes a learner gets wrong, which mistakes recur, and what a review
 * drill of them should hold. Pure; the attempts come from the learner's recent history.
 */

/** A class needs this many attempts before its recall ranks it (fewer says little). */
export const MIN_ATTEMPTS = 6;
/** Below this recall a class is on the weak list. */
export const WEAK_RECALL = 0.8;
/** A mistake made at least this often recurs. */
export const MIN_RECURRING = 2;

export interface GradedAttempt {
	itemId: string;
	trueClass: CellClassId;
	answeredClass: CellClassId;
	at: number;
	image?: string;
}

export interface ClassRecall {
	cellClass: CellClassId;
	attempts: number;
	correct: number;
	recall: number;
}

export interface WeakRanking {
	/** classes with enough attempts and recall below WEAK_RECALL, lowest recall first */
	weak: ClassRecall[];
	/** every class with enough attempts, lowest recall first */
	ranked: ClassRecall[];
	/** classes answered but with too few attempts to rank */
	tooFew: ClassRecall[];
	/** "X called Y" mistakes made at least MIN_RECURRING times, most frequent first */
	confusions: { trueClass: CellClassId; answeredClass: CellClassId; count: number }[];
}

export function rankWeakClasses(
	attempts: readonly GradedAttempt[],
	options: { minAttempts?: number; weakRecall?: number } = {}
): WeakRanking {
	const minAttempts = options.minAttempts ?? MIN_ATTEMPTS;
	const weakRecall = options.weakRecall ?? WEAK_RECALL;
	const perClass = new Map<CellClassId, { attempts: number; correct: number }>();
	const pairs = new Map<string, { trueClass: CellClassId; answeredClass: CellClassId; count: number }>();
	for (const a of attempts) {
		const c = perClass.get(a.trueClass) ?? { attempts: 0, correct: 0 };
		c.attempts++;
		if (a.trueClass === a.answeredClass) c.correct++;
		else {
			const key = `${a.trueClass}>${a.answeredClass}`;
			const p = pairs.get(key) ?? { trueClass: a.trueClass, answeredClass: a.answeredClass, count: 0 };
			p.count++;
			pairs.set(key, p);
		}
		perClass.set(a.trueClass, c);
	}
	const all = inTaxonomyOrder(perClass.keys()).map((cellClass) => {
		const c = perClass.get(cellClass)!;
		return { cellClass, ...c, recall: c.correct / c.attempts };
	});
	const ranked = all.filter((c) => c.attempts >= minAttempts).sort((a, b) => a.recall - b.recall || b.attempts - a.attempts);
	return {
		ranked,
		weak: ranked.filter((c) => c.recall < weakRecall),
		tooFew: all.filter((c) => c.attempts < minAttempts),
		confusions: [...pairs.values()].filter((p) => p.count >= MIN_RECURRING).sort((a, b) => b.count - a.count)
	};
}

/** Look-alikes of the weak classes (from the taxonomy) that are not weak themselves. */
export function lookAlikesOf(classes: readonly CellClassId[], limitEach = 2): CellClassId[] {
	const out = new Set<CellClassId>();
	for (const c of classes)
		for (const l of classInfo(c)
			.lookAlikes.filter((l) => !classes.includes(l))
			.slice(0, limitEach))
			out.add(l);
	return inTaxonomyOrder(out);
}

/** The images the learner missed in the given classes, most recent miss first, each once. */
export function missedItems(attempts: readonly GradedAttempt[], classes: readonly CellClassId[]): string[] {
	const wanted = new Set(classes);
	const seen = new Set<string>();
	const out: string[] = [];
	for (const a of [...attempts].sort((x, y) => y.at - x.at)) {
		if (a.trueClass === a.answeredClass || !wanted.has(a.trueClass) || seen.has(a.itemId)) continue;
		seen.add(a.itemId);
		out.push(a.itemId);
	}
	return out;
}
