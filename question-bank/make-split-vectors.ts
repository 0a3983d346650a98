// Writes question-bank/split-vectors.json: fixed (source, id) pairs with their split and unit
// value, so the Python training code can prove it computes the same split (test_split.py).
import { writeFileSync } from 'node:fs';
import { splitOf, splitUnit } from '../src/lib/bank/split.ts';

const ids = [
	['pbc', 'BA_100102'],
	['pbc', 'SNE_999'],
	['pbc', 'LY_1'],
	['matek-aml', 'MYO_0028'],
	['matek-aml', 'NGS_0001'],
	['my-lab', 'cell 42'],
	['my-lab', 'ñandú-é'],
	['x', ''],
	['細胞', '嗜中性球-7']
];
for (let i = 0; i < 40; i++) ids.push(['pbc', `EO_${1000 + i * 37}`]);
const vectors = ids.map(([source, id]) => ({ source, id, unit: splitUnit(source, id), split: splitOf(source, id) }));
writeFileSync(
	new URL('./split-vectors.json', import.meta.url),
	JSON.stringify({ schemaVersion: 1, algorithm: 'sha256-u32 <0.70 train, <0.85 val, else test', vectors }, null, 1) + '\n'
);
console.log(`wrote ${vectors.length} split vectors`);
