import sharp from 'sharp';
import type { Pixels } from '../../src/lib/classifier/preprocess.ts';

// One libvips thread per image: we decode many small images side by side instead.
sharp.concurrency(1);

export class ImageDecodeError extends Error {}

/**
 * Decodes an image file to interleaved 8-bit RGB, as PIL's `Image.convert("RGB")` does for the
 * training code (both use libjpeg-turbo). Reads every pixel, so a truncated or corrupt file fails
 * here rather than in the learner's browser.
 */
export async function decodeRgb(path: string): Promise<Pixels & { channels: 3 }> {
	return decode(path, true) as Promise<Pixels & { channels: 3 }>;
}

/** Decodes every pixel (so corrupt files fail) but skips the RGB conversion: for images only checked. */
export async function checkImage(path: string): Promise<{ width: number; height: number }> {
	return decode(path, false);
}

async function decode(path: string, rgb: true): Promise<Pixels>;
async function decode(path: string, rgb: false): Promise<{ width: number; height: number }>;
async function decode(path: string, rgb: boolean): Promise<Pixels | { width: number; height: number }> {
	try {
		if (!rgb) {
			const { info } = await sharp(path, { failOn: 'warning' }).raw().toBuffer({ resolveWithObject: true });
			return { width: info.width, height: info.height };
		}
		const { data, info } = await sharp(path, { failOn: 'warning' })
			.toColourspace('srgb')
			.removeAlpha()
			.raw()
			.toBuffer({ resolveWithObject: true });
		if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
		return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length), channels: 3 };
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new ImageDecodeError('image file not found');
		const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
		if (/no such file|missing/i.test(message)) throw new ImageDecodeError('image file not found');
		throw new ImageDecodeError(`image cannot be decoded (${message})`);
	}
}
