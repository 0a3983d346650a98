import { base } from '$app/paths';

/** Saves text as a file through the browser's download. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The app's own address (origin and base path), for links that open it on another device. */
export function appUrl(): string {
	return `${location.origin}${base}`;
}

/** A file name from a title: letters, digits and dashes. */
export function fileSlug(text: string): string {
	return (
		text
			.normalize('NFKD')
			.replace(/[^\p{L}\p{N}]+/gu, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 40) || 'assignment'
	);
}

/** Copies text; false when the browser does not allow it (the UI then shows the text to copy by hand). */
export async function copyText(text: string): Promise<boolean> {
	try {
		await navigator.clipboard.writeText(text);
		return true;
	} catch {
		return false;
	}
}
