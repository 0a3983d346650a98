import type { Pixels } from '../src/lib/classifier/preprocess.ts';

/**
 * Measures a source's magnification from its red cells. A normal red cell is about 7.5 µm across
 * and blood-smear images are full of them, so the median diameter (in pixels) of the single red
 * cells in a sample of a source's images gives its pixels per micrometre; the importer then
 * resamples every source to one scale. Pure functions on decoded pixels: no I/O.
 */

export const RED_CELL_DIAMETER_UM = 7.5;

/** Otsu's threshold of a 256-bin histogram: the level that best separates two classes. */
export function otsuThreshold(histogram: ArrayLike<number>): number {
	let total = 0;
	let sum = 0;
	for (let i = 0; i < 256; i++) {
		total += histogram[i];
		sum += i * histogram[i];
	}
	let below = 0;
	let sumBelow = 0;
	let best = 0;
	let bestVariance = -1;
	for (let t = 0; t < 256; t++) {
		below += histogram[t];
		if (below === 0) continue;
		const above = total - below;
		if (above === 0) break;
		sumBelow += t * histogram[t];
		const meanBelow = sumBelow / below;
		const meanAbove = (sum - sumBelow) / above;
		const variance = below * above * (meanBelow - meanAbove) ** 2;
		if (variance > bestVariance) {
			bestVariance = variance;
			best = t;
		}
	}
	return best;
}

/**
 * Two thresholds that best split a 256-bin histogram into three classes (Otsu's criterion):
 * in a smear image, stained white cell < red cells < background.
 */
export function otsuThresholds3(histogram: ArrayLike<number>): [number, number] {
	const count = new Float64Array(257);
	const moment = new Float64Array(257);
	for (let i = 0; i < 256; i++) {
		count[i + 1] = count[i] + histogram[i];
		moment[i + 1] = moment[i] + i * histogram[i];
	}
	const part = (from: number, to: number) => {
		const w = count[to] - count[from];
		return w === 0 ? 0 : (moment[to] - moment[from]) ** 2 / w;
	};
	let best: [number, number] = [0, 0];
	let bestScore = -1;
	for (let a = 1; a < 255; a++) {
		for (let b = a + 1; b < 256; b++) {
			const score = part(0, a) + part(a, b) + part(b, 256);
			if (score > bestScore) {
				bestScore = score;
				best = [a - 1, b - 1];
			}
		}
	}
	return best;
}

/**
 * Diameters in pixels of the single, whole red cells in one image. Cells are the pixels darker
 * than the background in the green channel (the upper of two Otsu thresholds); their pale centres are filled; a component
 * is kept when it does not touch the border, is not the stained white cell (bluer than red), and
 * is about as round as a disc (its area is close to that of its largest inscribed circle, which
 * drops clumps and fragments). The diameter is twice that circle's radius.
 */
export function redCellDiameters(image: Pixels, minDiameter = 8): number[] {
	const { width, height, data, channels } = image;
	const n = width * height;
	const histogram = new Uint32Array(256);
	for (let i = 0; i < n; i++) histogram[data[i * channels + 1]]++;
	const threshold = otsuThresholds3(histogram)[1];

	// 1 = cell (darker than the background), 0 = background
	const mask = new Uint8Array(n);
	for (let i = 0; i < n; i++) if (data[i * channels + 1] <= threshold) mask[i] = 1;
	fillHoles(mask, width, height);

	const distance = distanceToBackground(mask, width, height);
	const label = new Int32Array(n).fill(-1);
	const diameters: number[] = [];
	const queue = new Int32Array(n);
	for (let start = 0; start < n; start++) {
		if (mask[start] === 0 || label[start] !== -1) continue;
		let head = 0;
		let tail = 0;
		queue[tail++] = start;
		label[start] = start;
		let area = 0;
		let bluish = 0;
		let touchesBorder = false;
		let inscribed = 0;
		while (head < tail) {
			const p = queue[head++];
			area++;
			const x = p % width;
			const y = (p - x) / width;
			if (x === 0 || y === 0 || x === width - 1 || y === height - 1) touchesBorder = true;
			const o = p * channels;
			// white-cell stain (nucleus, blue cytoplasm) is bluer than red; red cells are redder than blue
			if (data[o + 2] > data[o] + 10) bluish++;
			if (distance[p] > inscribed) inscribed = distance[p];
			for (const q of [p - 1, p + 1, p - width, p + width]) {
				if (q < 0 || q >= n || mask[q] === 0 || label[q] !== -1) continue;
				if ((q === p - 1 || q === p + 1) && Math.floor(q / width) !== y) continue;
				label[q] = start;
				queue[tail++] = q;
			}
		}
		if (touchesBorder || bluish > area * 0.05) continue;
		const diameter = 2 * inscribed;
		if (diameter < minDiameter) continue;
		const roundness = area / (Math.PI * inscribed * inscribed);
		if (roundness < 0.75 || roundness > 1.35) continue;
		diameters.push(diameter);
	}
	return diameters;
}

/** Background pixels that cannot be reached from the border (a red cell's pale centre) become cell. */
function fillHoles(mask: Uint8Array, width: number, height: number): void {
	const n = width * height;
	const outside = new Uint8Array(n);
	const stack: number[] = [];
	const push = (p: number) => {
		if (mask[p] === 0 && outside[p] === 0) {
			outside[p] = 1;
			stack.push(p);
		}
	};
	for (let x = 0; x < width; x++) {
		push(x);
		push((height - 1) * width + x);
	}
	for (let y = 0; y < height; y++) {
		push(y * width);
		push(y * width + width - 1);
	}
	while (stack.length > 0) {
		const p = stack.pop()!;
		const x = p % width;
		if (x > 0) push(p - 1);
		if (x < width - 1) push(p + 1);
		if (p >= width) push(p - width);
		if (p < n - width) push(p + width);
	}
	for (let i = 0; i < n; i++) if (outside[i] === 0) mask[i] = 1;
}

/**
 * Chamfer distance (1, √2) from each cell pixel to the nearest background pixel or the image
 * edge, in two passes; within a few per cent of the Euclidean distance, plenty for a median.
 */
export function distanceToBackground(mask: Uint8Array, width: number, height: number): Float32Array {
	const d = new Float32Array(width * height);
	const diagonal = Math.SQRT2;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const p = y * width + x;
			if (mask[p] === 0) continue;
			let best = Math.min(x + 1, y + 1);
			if (x > 0) best = Math.min(best, d[p - 1] + 1);
			if (y > 0) {
				best = Math.min(best, d[p - width] + 1);
				if (x > 0) best = Math.min(best, d[p - width - 1] + diagonal);
				if (x < width - 1) best = Math.min(best, d[p - width + 1] + diagonal);
			}
			d[p] = best;
		}
	}
	for (let y = height - 1; y >= 0; y--) {
		for (let x = width - 1; x >= 0; x--) {
			const p = y * width + x;
			if (mask[p] === 0) continue;
			let best = Math.min(d[p], width - x, height - y);
			if (x < width - 1) best = Math.min(best, d[p + 1] + 1);
			if (y < height - 1) {
				best = Math.min(best, d[p + width] + 1);
				if (x < width - 1) best = Math.min(best, d[p + width + 1] + diagonal);
				if (x > 0) best = Math.min(best, d[p + width - 1] + diagonal);
			}
			d[p] = best;
		}
	}
	return d;
}

export function median(values: readonly number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Fewer single red cells than this in a source's sample: its scale is not measured. */
export const MIN_RED_CELLS = 20;

export interface MeasuredScale {
	/** median red-cell diameter in pixels; null when too few red cells were found */
	redCellDiameterPx: number | null;
	pxPerUm: number | null;
	cellsMeasured: number;
	imagesSampled: number;
}

/** A source's scale from the red cells of its sample images. */
export function sourceScale(perImage: readonly number[][]): MeasuredScale {
	const all = perImage.flat();
	if (all.length < MIN_RED_CELLS)
		return { redCellDiameterPx: null, pxPerUm: null, cellsMeasured: all.length, imagesSampled: perImage.length };
	const diameter = median(all);
	return {
		redCellDiameterPx: diameter,
		pxPerUm: diameter / RED_CELL_DIAMETER_UM,
		cellsMeasured: all.length,
		imagesSampled: perImage.length
	};
}
