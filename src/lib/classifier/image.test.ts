import { describe, expect, it } from 'vitest';
import { checkFile, cropBox, MAX_FILE_BYTES, shapeWarnings, tooManyPixels } from './image.ts';

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
