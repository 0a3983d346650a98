import qrcode from 'qrcode-generator';

/**
 * The QR code of a text as an SVG path (one unit per module, with a 4-module quiet zone), or null
 * when the text is too long for any QR code at error-correction level M (about 2,300 bytes).
 */
export function qrPath(text: string): { size: number; path: string } | null {
	const qr = qrcode(0, 'M');
	try {
		qr.addData(text, 'Byte');
		qr.make();
	} catch {
		return null;
	}
	const n = qr.getModuleCount();
	const margin = 4;
	let path = '';
	for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) path += `M${c + margin} ${r + margin}h1v1h-1z`;
	return { size: n + 2 * margin, path };
}
