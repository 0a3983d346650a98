/**
 * Pictures that are not one white blood cell, for testing the unfamiliar-image rule: random noise,
 * flat and gradient fields, drawings (a house, shapes), text, and red cells only (the corners of
 * real smear images, where no white cell is). Drawn here, deterministically from a seed; the red-cell
 * crops are cut from the dataset images at run time and never stored in the repository.
 */
import sharp from 'sharp';
import type { Rgb } from './shifts.ts';

export type NonCellKind = 'noise' | 'flat' | 'drawing' | 'text' | 'red-cells';

export interface NonCell {
	kind: NonCellKind;
	name: string;
	image: Rgb;
}

/** mulberry32: a small seeded generator, so the set is the same on every run. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

async function fromSvg(svg: string, size: number): Promise<Rgb> {
	const { data, info } = await sharp(Buffer.from(svg))
		.resize(size, size)
		.flatten({ background: '#ffffff' })
		.removeAlpha()
		.raw()
		.toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

function noise(size: number, r: () => number, coloured: boolean): Rgb {
	const data = new Uint8Array(3 * size * size);
	for (let p = 0; p < size * size; p++) {
		const g = r() * 255;
		for (let c = 0; c < 3; c++) data[3 * p + c] = coloured ? Math.floor(r() * 256) : Math.floor(g);
	}
	return { width: size, height: size, channels: 3, data };
}

function field(size: number, from: number[], to: number[]): Rgb {
	const data = new Uint8Array(3 * size * size);
	for (let y = 0; y < size; y++)
		for (let x = 0; x < size; x++) {
			const t = (x + y) / (2 * (size - 1));
			for (let c = 0; c < 3; c++) data[3 * (y * size + x) + c] = Math.round(from[c] + (to[c] - from[c]) * t);
		}
	return { width: size, height: size, channels: 3, data };
}

const colours = ['#c0392b', '#2980b9', '#27ae60', '#8e44ad', '#f39c12', '#2c3e50', '#d35400', '#7f8c8d'];

function house(r: () => number): string {
	const c = () => colours[Math.floor(r() * colours.length)];
	const x = 60 + r() * 40;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320"><rect width="320" height="320" fill="#ffffff"/>
<rect x="${x}" y="150" width="160" height="120" fill="${c()}" stroke="#000" stroke-width="4"/>
<polygon points="${x - 10},150 ${x + 80},70 ${x + 170},150" fill="${c()}" stroke="#000" stroke-width="4"/>
<rect x="${x + 65}" y="200" width="30" height="70" fill="#ffffff" stroke="#000" stroke-width="3"/>
<circle cx="260" cy="50" r="${20 + r() * 15}" fill="#f1c40f"/></svg>`;
}

function shapes(r: () => number): string {
	const parts: string[] = [];
	for (let i = 0; i < 6; i++) {
		const c = colours[Math.floor(r() * colours.length)];
		if (r() < 0.5) parts.push(`<circle cx="${r() * 320}" cy="${r() * 320}" r="${15 + r() * 60}" fill="${c}"/>`);
		else parts.push(`<rect x="${r() * 260}" y="${r() * 260}" width="${20 + r() * 100}" height="${20 + r() * 100}" fill="${c}"/>`);
	}
	return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320"><rect width="320" height="320" fill="${r() < 0.5 ? '#ffffff' : '#fdf2e9'}"/>${parts.join('')}</svg>`;
}

const words = ['Leukodex', 'blood smear', 'Giemsa', 'lymphocyte', 'sample 42', 'QC passed', 'hello', 'microscope', '白血球', '顯微鏡'];

function text(r: () => number): string {
	const lines = Array.from({ length: 4 }, (_, i) => {
		const w = words[Math.floor(r() * words.length)];
		return `<text x="20" y="${70 + i * 65}" font-family="sans-serif" font-size="${28 + r() * 14}" fill="#111">${w}</text>`;
	});
	return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320"><rect width="320" height="320" fill="#ffffff"/>${lines.join('')}</svg>`;
}

/** A corner of a real smear image (100 px of 320, away from the centred white cell), enlarged. */
export async function redCellCrop(path: string, corner: number, size: number): Promise<Rgb> {
	const meta = await sharp(path).metadata();
	const w = meta.width ?? 0;
	const h = meta.height ?? 0;
	const side = Math.round(Math.min(w, h) * 0.3);
	const left = corner % 2 === 0 ? 0 : w - side;
	const top = corner < 2 ? 0 : h - side;
	const { data, info } = await sharp(path)
		.extract({ left, top, width: side, height: side })
		.resize(size, size)
		.removeAlpha()
		.raw()
		.toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** `perKind` pictures of each kind; `smearImages` are dataset image paths to cut red-cell corners from. */
export async function nonCells(perKind: number, smearImages: readonly string[], seed = 7, size = 320): Promise<NonCell[]> {
	const r = rng(seed);
	const out: NonCell[] = [];
	for (let i = 0; i < perKind; i++) out.push({ kind: 'noise', name: `noise-${i}`, image: noise(size, r, i % 2 === 0) });
	for (let i = 0; i < perKind; i++) {
		const from = [r() * 255, r() * 255, r() * 255];
		const to = i % 3 === 0 ? from : [r() * 255, r() * 255, r() * 255];
		out.push({ kind: 'flat', name: `flat-${i}`, image: field(size, from, to) });
	}
	for (let i = 0; i < perKind; i++)
		out.push({ kind: 'drawing', name: `drawing-${i}`, image: await fromSvg(i % 2 === 0 ? house(r) : shapes(r), size) });
	for (let i = 0; i < perKind; i++) out.push({ kind: 'text', name: `text-${i}`, image: await fromSvg(text(r), size) });
	for (let i = 0; i < perKind && smearImages.length > 0; i++) {
		const path = smearImages[Math.floor(r() * smearImages.length)];
		out.push({ kind: 'red-cells', name: `red-cells-${i}`, image: await redCellCrop(path, i % 4, size) });
	}
	return out;
}
