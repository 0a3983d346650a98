import { MAX_FILE_BYTES, MAX_PIXELS } from '$lib/classifier/image.ts';
import { check } from '$lib/i18n/catalog/check.ts';
import { locale } from '$lib/i18n/locale.svelte.ts';
import type { Problem } from './check-state.svelte.ts';

export function bytesText(bytes: number): string {
	const megabytes = bytes / (1024 * 1024);
	return locale.number(megabytes, { style: 'unit', unit: 'megabyte', maximumFractionDigits: megabytes < 10 ? 1 : 0 });
}

/** The learner-facing sentence for a problem; the technical detail is shown separately. */
export function problemText(problem: Problem): string {
	switch (problem.code) {
		case 'empty':
			return locale.t(check, 'errorEmpty');
		case 'not-image':
			return locale.t(check, 'errorNotImage');
		case 'too-large':
			return locale.t(check, 'errorTooLarge', {
				bytes: bytesText(MAX_FILE_BYTES),
				megapixels: locale.number(MAX_PIXELS / 1e6)
			});
		case 'model-missing':
			return locale.t(check, 'errorModelMissing');
		case 'model-download':
			return locale.t(check, 'errorModelDownload');
		case 'model-invalid':
			return locale.t(check, 'errorModelInvalid');
		case 'card-invalid':
			return locale.t(check, 'errorCardInvalid');
		case 'runtime':
			return locale.t(check, 'errorRuntime');
		case 'inference':
			return locale.t(check, 'errorInference');
	}
}
