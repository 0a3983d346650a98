import { at } from '../../arrays.ts';
import { describe, expect, it, vi } from 'vitest';
import { gatherFacts } from '../facts.ts';
import { diskFrontmatters } from '../test-data/lessons.ts';
import type { Capability } from './capability.ts';
import { FakeEngine } from './fake-engine.ts';
import { Tutor, type TutorDeps } from './tutor.ts';

const lessons = diskFrontmatters('en');
const facts = gatherFacts({
	cellClass: 'band_neutrophil',
	basis: 'label',
	locale: 'en',
	lessons,
	expertAttributes: { nucleus_shape: 'unsegmented-band', cytoplasm_vacuole: 'no' },
	answered: 'segmented_neutrophil'
});

const f32Gpu: Capability = {
	ok: true,
	gpu: { features: [], maxStorageBufferBindingSize: 2 ** 28, maxBufferSize: 2 ** 28, description: 'SwiftShader' }
};

function setup(engine: FakeEngine, overrides: Partial<TutorDeps> = {}) {
	const count = vi.fn();
	const createEngine = vi.fn(async () => engine);
	const tutor = new Tutor(facts, {
		probe: async () => f32Gpu,
		createEngine,
		isCached: async () => false,
		settings: () => ({ baseUrl: null, preferLarge: false }),
		count,
		pageUrl: () => 'http://127.0.0.1:4173/drill',
		...overrides
	});
	return { tutor, count, createEngine };
}

async function ready(tutor: Tutor) {
	await tutor.open();
	await tutor.accept();
	expect(tutor.state.kind).toBe('ready');
}

describe('tutor', () => {
	it('tells a device without WebGPU so, and never creates an engine', async () => {
		const { tutor, createEngine } = setup(new FakeEngine([]), {
			probe: async () => ({ ok: false, reason: 'no-webgpu', detail: 'navigator.gpu is not available' })
		});
		await tutor.open();
		expect(tutor.state).toMatchObject({ kind: 'unsupported', reason: 'no-webgpu' });
		expect(createEngine).not.toHaveBeenCalled();
		expect(tutor.fallback).toContain('How to tell a band neutrophil from a segmented neutrophil');
	});

	it('refuses a GPU whose buffer limits are below the small model’s', async () => {
		const small: Capability = {
			ok: true,
			gpu: { features: ['shader-f16'], maxStorageBufferBindingSize: 2 ** 26, maxBufferSize: 2 ** 28, description: '' }
		};
		const { tutor } = setup(new FakeEngine([]), { probe: async () => small });
		await tutor.open();
		expect(tutor.state).toMatchObject({ kind: 'unsupported', reason: 'limits' });
	});

	it('asks for consent with the model’s name and download size before anything is fetched', async () => {
		const { tutor, createEngine } = setup(new FakeEngine([]), { isCached: async () => true });
		await tutor.open();
		expect(tutor.state).toMatchObject({
			kind: 'consent',
			cached: true,
			option: { id: 'Llama-3.2-1B-Instruct-q4f32_1-MLC', downloadMB: 700 }
		});
		expect(createEngine).not.toHaveBeenCalled();
		tutor.decline();
		expect(tutor.state.kind).toBe('idle');
	});

	it('reports download progress, then is ready; the configured base URL is where the model is fetched from', async () => {
		const engine = new FakeEngine([]);
		const { tutor } = setup(engine, { settings: () => ({ baseUrl: '/llm/', preferLarge: false }) });
		const seen: number[] = [];
		tutor.subscribe(() => tutor.state.kind === 'loading' && seen.push(tutor.state.progress));
		await ready(tutor);
		expect(seen).toEqual([0, 0.5, 1]);
		expect(engine.loaded).toMatchObject({
			modelUrl: 'http://127.0.0.1:4173/llm/Llama-3.2-1B-Instruct-q4f32_1-MLC/resolve/main/',
			libUrl: 'http://127.0.0.1:4173/llm/libs/Llama-3.2-1B-Instruct-q4f32_1_cs1k-webgpu.wasm'
		});
	});

	it('after a failed download says why, drops the engine, and can start over', async () => {
		const engine = new FakeEngine([], { failLoad: 'Cannot fetch http://127.0.0.1:4173/llm/…/mlc-chat-config.json: 404' });
		const { tutor, createEngine } = setup(engine);
		await tutor.open();
		await tutor.accept();
		expect(tutor.state).toMatchObject({ kind: 'failed', stage: 'download', detail: expect.stringContaining('404') });
		expect(engine.disposed).toBe(true);
		await tutor.retry();
		expect(tutor.state.kind).toBe('consent');
		await tutor.accept();
		expect(createEngine).toHaveBeenCalledTimes(2);
	});

	it('streams an answer, lets it stand when it agrees with the facts, and counts the pass', async () => {
		const answer = 'This is a band neutrophil: the nucleus is one curved band with no constriction below one-third of its width.';
		const { tutor, count } = setup(new FakeEngine([answer]));
		await ready(tutor);
		const partials: string[] = [];
		tutor.subscribe(() => tutor.state.kind === 'answering' && partials.push(tutor.state.partial));
		const turn = await tutor.ask('Why is it not segmented?');
		expect(partials.length).toBeGreaterThan(5);
		expect(partials.at(-1)).toBe(answer);
		expect(turn).toMatchObject({ status: 'checked', answer });
		expect(count).toHaveBeenCalledWith(true);
	});

	it('replaces an answer that contradicts the facts with the grounded explanation, and counts the failure', async () => {
		const { tutor, count } = setup(new FakeEngine(['This is a segmented neutrophil with three lobes and many vacuoles.']));
		await ready(tutor);
		const turn = await tutor.ask('What is it?');
		expect(turn?.status).toBe('replaced');
		expect(turn?.answer).toBe(tutor.fallback);
		expect(turn?.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['other-class', 'contradiction']));
		expect(count).toHaveBeenCalledWith(false);
	});

	it('stops a reply on request; the unfinished text does not stand', async () => {
		const engine = new FakeEngine(['This is a band neutrophil and the reason is the shape of its nucleus.']);
		const { tutor, count } = setup(engine);
		await ready(tutor);
		let words = 0;
		engine.pause = async () => {
			if (++words === 3) tutor.stop();
		};
		const turn = await tutor.ask('Why?');
		expect(turn).toMatchObject({ status: 'stopped', answer: tutor.fallback });
		expect(turn?.original.length).toBeGreaterThan(0);
		expect(count).not.toHaveBeenCalled();
		expect(tutor.state.kind).toBe('ready');
	});

	it('keeps the conversation for follow-up questions, with the facts in the system prompt', async () => {
		const first = 'This is a band neutrophil.';
		const engine = new FakeEngine([first, 'The band neutrophil nucleus here has no filament.']);
		const { tutor } = setup(engine);
		await ready(tutor);
		await tutor.ask('What is it?');
		await tutor.ask('And the filament?');
		const second = at(engine.requests, 1);
		expect(second.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
		expect(second[0]!.content).toContain('"id": "band_neutrophil"');
		expect(second[0]!.content).toContain('Do not diagnose patients');
		expect(second[2]!.content).toBe(first);
		expect(second[3]!.content).toBe('And the filament?');
		expect(tutor.turns).toHaveLength(2);
	});
});
