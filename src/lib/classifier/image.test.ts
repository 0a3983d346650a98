import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { checkFile, cropBox, imageDimensions, MAX_FILE_BYTES, shapeWarnings, tooManyPixels } from './image.ts';

describe('checkFile', () => {
	it('accepts images, and files whose type the system did not give', () => {
		expect(checkFile({ size: 1000, type: 'image/jpeg' })).toBeNull();
		expect(checkFile({ size: 1000, type: '' })).toBeNull();
	});

	it('names the problem with empty, non-image and oversized files', () => {
		expect(checkFile({ size: 0, type: 'image/png' })).toBe('empty');
		expect(checkFile({ size: 10, type: 'application/pdf' })).toBe('not-image');
		expect(checkFile({ size: MAX_FILE_BYTES + 1, type: 'image/jpeg' })).toBe('too-large');
		expect(checkFile({ size: MAX_FILE_BYTES, type: 'image/jpeg' })).toBeNull();
	});
});

describe('image geometry', () => {
	it('flags more than 50 megapixels', () => {
		expect(tooManyPixels(8000, 6000)).toBe(false);
		expect(tooManyPixels(10000, 5001)).toBe(true);
	});

	it('warns about crops smaller than the model input and long rectangles', () => {
		expect(shapeWarnings(320, 320, 192)).toEqual([]);
		expect(shapeWarnings(150, 160, 192)).toEqual(['small']);
		expect(shapeWarnings(4000, 2000, 192)).toEqual(['not-square']);
		expect(shapeWarnings(300, 100, 192)).toEqual(['small', 'not-square']);
		// 3:2 is the usual phone aspect and stays below the limit
		expect(shapeWarnings(3000, 2000, 192)).toEqual([]);
	});

	it('places the crop outline where preprocess crops', () => {
		expect(cropBox(400, 200)).toEqual({ left: 0.25, top: 0, width: 0.5, height: 1 });
		expect(cropBox(320, 320)).toEqual({ left: 0, top: 0, width: 1, height: 1 });
		const odd = cropBox(5, 8); // side 5, y offset floor(3 / 2) = 1
		expect(odd.top).toBeCloseTo(1 / 8);
		expect(odd.height).toBeCloseTo(5 / 8);
	});
});

describe('imageDimensions', () => {
	const make = (format: 'jpeg' | 'png' | 'webp' | 'gif', width: number, height: number, options: object = {}) =>
		sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 180 } } })
			.toFormat(format, options)
			.withMetadata({ exif: { IFD0: { Copyright: 'x'.repeat(2000) } } })
			.toBuffer()
			.then((b) => new Uint8Array(b));

	it.each([
		['jpeg', {}],
		['jpeg', { progressive: true }],
		['png', {}],
		['gif', {}],
		['webp', {}],
		['webp', { lossless: true }]
	] as const)('reads the size of a %s %j from its header', async (format, options) => {
		expect(imageDimensions(await make(format, 321, 203, options))).toEqual({ width: 321, height: 203 });
	});

	it('reads the size from the first bytes only', async () => {
		const jpeg = await make('jpeg', 4000, 3000);
		expect(imageDimensions(jpeg.slice(0, 4096))).toEqual({ width: 4000, height: 3000 });
	});

	it('returns null for other data and for a cut-off header', async () => {
		expect(imageDimensions(new TextEncoder().encode('not an image at all'))).toBeNull();
		expect(imageDimensions(new Uint8Array([0xff, 0xd8, 0xff]))).toBeNull();
		expect(imageDimensions((await make('png', 10, 10)).slice(0, 20))).toBeNull();
	});
});
