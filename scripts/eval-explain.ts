// `npm run eval:explain [-- --bank static/bank/bank.json] [--out result.json]`
// Grounded explanations for every bank item with an expert WBCAtt annotation (the right answer and
// each look-alike wrong answer, English and Traditional Chinese), checked against that annotation;
// and the validator's precision and recall on the hand-written answers in validator-cases.ts.
// Exits 1 if consistency is below 100% or precision or recall below 0.95.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseBank } from '../src/lib/bank/schema.ts';
import { checkConsistency, scoreValidator, summarize } from '../src/lib/explain/evaluate.ts';
import { diskFrontmatters } from '../src/lib/explain/test-data/lessons.ts';
import { HELD_OUT_IDS, VALIDATOR_CASES } from '../src/lib/explain/validator-cases.ts';
import { errorText } from '../src/lib/errors.ts';

async function main(): Promise<number> {
	const { values } = parseArgs({ options: { bank: { type: 'string', default: 'static/bank/bank.json' }, out: { type: 'string' } } });
	const bankPath = resolve(values.bank!);
	let bank;
	try {
		bank = parseBank(JSON.parse(await readFile(bankPath, 'utf8')));
	} catch (error) {
		console.error(
			`Cannot read the question bank at ${bankPath}: ${errorText(error)}\nBuild it with \`npm run bank\`, or pass --bank <file>.`
		);
		return 1;
	}
	const items = bank.items.flatMap((item) =>
		item.attributes && Object.keys(item.attributes).length > 0 ? [{ id: item.id, label: item.label, attributes: item.attributes }] : []
	);
	if (items.length === 0) {
		console.error('The bank has no item with an expert attribute annotation: nothing to check.');
		return 1;
	}
	const lessons = { en: diskFrontmatters('en'), 'zh-TW': diskFrontmatters('zh-TW') };
	const consistency = checkConsistency(items, lessons);
	const validator = scoreValidator(VALIDATOR_CASES);
	const heldOut = scoreValidator(VALIDATOR_CASES.filter((c) => HELD_OUT_IDS.has(c.id)));
	const rate = consistency.consistent / consistency.n;

	const fmt = (x: number) => x.toFixed(1);
	console.log(`Items with expert attributes: ${items.length} (of ${bank.items.length} in the bank)`);
	console.log(`Explanations: ${consistency.n} (right answer + each look-alike wrong answer, en and zh-TW)`);
	console.log(`Consistency with the expert annotation: ${(rate * 100).toFixed(2)}% (${consistency.consistent} of ${consistency.n})`);
	for (const locale of ['en', 'zh-TW'] as const) {
		const chars = summarize(consistency.lengths[locale]);
		const sentences = summarize(consistency.sentences[locale]);
		console.log(
			`  ${locale}: characters mean ${fmt(chars.mean)}, median ${chars.median}, range ${chars.min}–${chars.max}; sentences mean ${fmt(sentences.mean)}, range ${sentences.min}–${sentences.max}`
		);
	}
	for (const f of consistency.failures.slice(0, 10)) console.log(`  ✗ ${f.itemId} (${f.locale}, answered ${f.answered}): ${f.problem}`);
	console.log(
		`Validator on ${validator.n} hand-written answers: precision ${validator.precision.toFixed(3)}, recall ${validator.recall.toFixed(3)} (rejected ${validator.truePositives} of ${validator.truePositives + validator.falseNegatives} bad, ${validator.falsePositives} of ${validator.falsePositives + validator.trueNegatives} good)`
	);
	console.log(
		`  of which ${heldOut.n} written after tuning (held out): precision ${heldOut.precision.toFixed(3)}, recall ${heldOut.recall.toFixed(3)}`
	);
	for (const m of validator.mistakes)
		console.log(`  ✗ ${m.id}: expected ${m.expectedBad ? 'rejected' : 'accepted'} (${m.problems.join(', ') || 'no problem found'})`);

	if (values.out) {
		const result = {
			consistency: rate,
			n_explanations: consistency.n,
			n_items: items.length,
			lengths: { en: summarize(consistency.lengths.en), 'zh-TW': summarize(consistency.lengths['zh-TW']) },
			sentences: { en: summarize(consistency.sentences.en), 'zh-TW': summarize(consistency.sentences['zh-TW']) },
			inconsistencies: consistency.failures.slice(0, 100),
			validator: {
				n: validator.n,
				precision: validator.precision,
				recall: validator.recall,
				true_positives: validator.truePositives,
				false_positives: validator.falsePositives,
				false_negatives: validator.falseNegatives,
				true_negatives: validator.trueNegatives,
				mistakes: validator.mistakes,
				held_out: { n: heldOut.n, precision: heldOut.precision, recall: heldOut.recall }
			}
		};
		await writeFile(resolve(values.out), JSON.stringify(result, null, 1) + '\n');
		console.log(`Wrote ${resolve(values.out)}`);
	}
	return rate === 1 && validator.precision >= 0.95 && validator.recall >= 0.95 ? 0 : 1;
}

main().then((code) => process.exit(code));
