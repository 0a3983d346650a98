import { stat } from 'node:fs/promises';
import sharp from 'sharp';
import type { Pixels } from '../../src/lib/classifier/preprocess.ts';

// One libvips thread per image: we decode many small images side by side instead.
sharp.concurrency(1);

export class ImageDecodeError extends Error {}

/**
 * Decodes an image file to interleaved 8-bit RGB, as PIL's `Image.convert("RGB")` does for the
 * training code (both use libjpeg-turbo). Reads every pixel, so a truncated or corrupt file fails
 * here rather than in the learner's browser. `bytes`, when the caller has already read the file,
 * saves reading it again; `path` still tells a missing file from a corrupt one.
 */
export async function decodeRgb(path: string, bytes?: Buffer): Promise<Pixels & { channels: 3 }> {
	return decode(path, true, bytes) as Promise<Pixels & { channels: 3 }>;
}

/** Decodes every pixel (so corrupt files fail) but skips the RGB conversion: for images only checked. */
export async function checkImage(path: string): Promise<{ width: number; height: number }> {
	return decode(path, false);
}

async function decode(path: string, rgb: true, bytes?: Buffer): Promise<Pixels>;
async function decode(path: string, rgb: false): Promise<{ width: number; height: number }>;
async function decode(path: string, rgb: boolean, bytes?: Buffer): Promise<Pixels | { width: number; height: number }> {
	const input = bytes ?? path;
	try {
		return await decodeOnce(input, rgb);
	} catch (first) {
		if (await missing(path)) throw new ImageDecodeError('image file not found');
		// libvips keeps one error buffer for all threads, so a failure's message can name another
		// image that failed at the same moment. Decode this one again on its own for its own message.
		return serially(async () => {
			try {
				return await decodeOnce(input, rgb);
			} catch (error) {
				const message = error instanceof Error ? error.message.split('\n')[0] : String(error ?? first);
				throw new ImageDecodeError(`image cannot be decoded (${message})`);
			}
		});
	}
}

async function decodeOnce(input: string | Buffer, rgb: boolean): Promise<Pixels | { width: number; height: number }> {
	if (!rgb) {
		const { info } = await sharp(input, { failOn: 'warning' }).raw().toBuffer({ resolveWithObject: true });
		return { width: info.width, height: info.height };
	}
	const { data, info } = await sharp(input, { failOn: 'warning' })
		.toColourspace('srgb')
		.removeAlpha()
		.raw()
		.toBuffer({ resolveWithObject: true });
	if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
	return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length), channels: 3 };
}

async function missing(path: string): Promise<boolean> {
	try {
		return !(await stat(path)).isFile();
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR';
	}
}

let queue: Promise<unknown> = Promise.resolve();
/** Runs `task` after every earlier serial task has settled, with no other serial task in flight. */
function serially<T>(task: () => Promise<T>): Promise<T> {
	const run = queue.then(task, task);
	queue = run.catch(() => undefined);
	return run;
}
