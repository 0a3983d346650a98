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

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * Width and height from the first bytes of a JPEG, PNG, GIF or WebP file, or null when the
 * header is not one of those or is cut short. Lets us refuse a 200-megapixel photo before the
 * browser decodes it into 800 MB of pixels.
 */
export function imageDimensions(bytes: Uint8Array): { width: number; height: number } | null {
	const at = (i: number) => bytes[i] ?? 0;
	const be16 = (i: number) => (at(i) << 8) | at(i + 1);
	const le16 = (i: number) => at(i) | (at(i + 1) << 8);
	const be32 = (i: number) => ((at(i) << 24) >>> 0) + (at(i + 1) << 16) + (at(i + 2) << 8) + at(i + 3);
	const le24 = (i: number) => at(i) | (at(i + 1) << 8) | (at(i + 2) << 16);
	const ascii = (i: number, text: string) => [...text].every((c, k) => at(i + k) === c.charCodeAt(0));

	if (ascii(0, '\x89PNG\r\n\x1a\n') && ascii(12, 'IHDR') && bytes.length >= 24) {
		return { width: be32(16), height: be32(20) };
	}
	if (ascii(0, 'GIF8') && bytes.length >= 10) return { width: le16(6), height: le16(8) };
	if (ascii(0, 'RIFF') && ascii(8, 'WEBP') && bytes.length >= 30) {
		if (ascii(12, 'VP8 ')) return { width: le16(26) & 0x3fff, height: le16(28) & 0x3fff };
		if (ascii(12, 'VP8L')) {
			const [b0, b1, b2, b3] = [at(21), at(22), at(23), at(24)];
			return { width: 1 + (((b1 & 0x3f) << 8) | b0), height: 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)) };
		}
		if (ascii(12, 'VP8X')) return { width: 1 + le24(24), height: 1 + le24(27) };
		return null;
	}
	if (at(0) === 0xff && at(1) === 0xd8) {
		let i = 2;
		while (i + 4 <= bytes.length) {
			if (at(i) !== 0xff) return null;
			const marker = at(i + 1);
			if (marker === 0xff) {
				i++; // fill byte
				continue;
			}
			if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
				i += 2; // markers without a length
				continue;
			}
			if (SOF_MARKERS.has(marker)) return i + 9 <= bytes.length ? { width: be16(i + 7), height: be16(i + 5) } : null;
			i += 2 + be16(i + 2);
		}
	}
	return null;
}
