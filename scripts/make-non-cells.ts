// `npm run make:non-cells -- <folder> [--per-kind 20] [--data ../shared/datasets]`
// Writes pictures that are not white blood cells (noise, plain fields, drawings, text, red cells only) with a
// manifest.csv (label = the kind), for `npm run eval:classifier -- <folder>`: its `flagged` should be near 1.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { splitOf } from '../src/lib/bank/split.ts';
import { readManifest } from './lib/manifest.ts';
import { nonCells } from './lib/non-cells.ts';

async function main(): Promise<number> {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: { 'per-kind': { type: 'string', default: '20' }, data: { type: 'string', default: '../shared/datasets' } }
	});
	const perKind = Number(values['per-kind']);
	if (positionals.length !== 1 || !(Number.isInteger(perKind) && perKind > 0)) {
		console.error('Usage: npm run make:non-cells -- <folder> [--per-kind 20] [--data ../shared/datasets]');
		return 2;
	}
	const folder = resolve(positionals[0]);
	await mkdir(folder, { recursive: true });
	const pbc = await readManifest(resolve(values.data, 'pbc', 'manifest.csv'));
	const smears = pbc.rows.filter((r) => splitOf('pbc', r.id) === 'test').map((r) => r.path);
	const pictures = await nonCells(perKind, smears);
	const lines = ['id,file,label'];
	for (const p of pictures) {
		const file = `${p.name}.png`;
		await writeFile(
			resolve(folder, file),
			await sharp(Buffer.from(p.image.data), { raw: { width: p.image.width, height: p.image.height, channels: 3 } })
				.png()
				.toBuffer()
		);
		lines.push(`${p.name},${file},${p.kind}`);
	}
	await writeFile(resolve(folder, 'manifest.csv'), lines.join('\n') + '\n');
	console.log(`Wrote ${pictures.length} pictures and manifest.csv to ${folder}`);
	return 0;
}

main().then((code) => process.exit(code));
