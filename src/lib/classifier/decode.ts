/**
 * Browser image decoding for the worker: Blob → centre square as RGBA pixels.
 * Only the centre square is read back, so a 12-megapixel phone photo costs one square of memory,
 * not the whole frame; preprocess() then sees a square image and its own crop is the identity.
 */
import { ClassifierError } from './errors.ts';
import { imageDimensions, tooManyPixels } from './image.ts';
import { centerSquare, type Pixels } from './preprocess.ts';

export interface Decoded {
	/** size of the whole decoded image (EXIF orientation applied, as the page shows it) */
	width: number;
	height: number;
	square: Pixels;
}

/** Enough of the file for any JPEG's size header, even after a large EXIF block with a thumbnail. */
const HEADER_BYTES = 512 * 1024;

export async function decodeSquare(image: Blob): Promise<Decoded> {
	const header = imageDimensions(new Uint8Array(await image.slice(0, HEADER_BYTES).arrayBuffer()));
	if (header && tooManyPixels(header.width, header.height)) {
		throw new ClassifierError('too-large', `The image is ${header.width}×${header.height} pixels.`);
	}
	let bitmap: ImageBitmap;
	try {
		// No colour-space conversion: the training pipeline (PIL, sharp) reads the stored samples as-is.
		bitmap = await createImageBitmap(image, {
			colorSpaceConversion: 'none',
			premultiplyAlpha: 'none',
			imageOrientation: 'from-image'
		});
	} catch (error) {
		throw new ClassifierError('not-image', `The browser could not decode this file: ${String(error)}`);
	}
	try {
		const { width, height } = bitmap;
		if (width < 1 || height < 1) throw new ClassifierError('not-image', 'The image has no pixels.');
		if (tooManyPixels(width, height)) {
			throw new ClassifierError('too-large', `The image is ${width}×${height} pixels.`);
		}
		const { side, x, y } = centerSquare(width, height);
		const canvas = new OffscreenCanvas(side, side);
		const context = canvas.getContext('2d', { willReadFrequently: true });
		if (!context) throw new ClassifierError('runtime', 'No 2D canvas is available in this browser.');
		context.drawImage(bitmap, x, y, side, side, 0, 0, side, side);
		const { data } = context.getImageData(0, 0, side, side);
		return { width, height, square: { width: side, height: side, data, channels: 4 } };
	} finally {
		bitmap.close();
	}
}
