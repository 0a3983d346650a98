/**
 * Checks on a user's image file and its size, before and after decoding. Pure: no DOM.
 * Limits keep a phone from running out of memory: a 50-megapixel RGBA frame is already 200 MB.
 */
import { centerSquare } from './preprocess.ts';

export const MAX_FILE_BYTES = 40 * 1024 * 1024;
export const MAX_PIXELS = 50_000_000;
/** Longest side / shortest side above which the centre crop throws away a lot of the picture. */
export const MAX_ASPECT = 1.5;

export type FileProblem = 'empty' | 'not-image' | 'too-large';

/** A problem that stops us before decoding, or null. An empty MIME type is allowed: some systems omit it. */
export function checkFile(file: { size: number; type: string }): FileProblem | null {
	if (file.size === 0) return 'empty';
	if (file.type !== '' && !file.type.startsWith('image/')) return 'not-image';
	if (file.size > MAX_FILE_BYTES) return 'too-large';
	return null;
}

export function tooManyPixels(width: number, height: number): boolean {
	return width * height > MAX_PIXELS;
}

export type ShapeWarning = 'small' | 'not-square';

/**
 * Warnings about the picture's geometry for a model whose input is `inputSize` px square:
 * a crop smaller than the input is blown up (the model never saw such blur); a very long
 * rectangle loses most of its area to the centre crop, so the cell may be cut off.
 */
export function shapeWarnings(width: number, height: number, inputSize: number): ShapeWarning[] {
	const warnings: ShapeWarning[] = [];
	if (centerSquare(width, height).side < inputSize) warnings.push('small');
	if (Math.max(width, height) / Math.min(width, height) > MAX_ASPECT) warnings.push('not-square');
	return warnings;
}

/** The centre crop as fractions of the image, for drawing its outline over the picture. */
export function cropBox(width: number, height: number) {
	const { side, x, y } = centerSquare(width, height);
	return { left: x / width, top: y / height, width: side / width, height: side / height };
}
