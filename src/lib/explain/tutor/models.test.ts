import { at } from '../../arrays.ts';
import { describe, expect, it } from 'vitest';
import { baseUrlProblem, chooseModel, locate, MODEL_OPTIONS } from './models.ts';
import { probeGpu } from './capability.ts';
import { cachedModel, deleteCachedModel, type CacheStorageLike } from './cache.ts';
import { buildMessages, factsPayload } from './prompt.ts';
import { gatherFacts } from '../facts.ts';
import { diskFrontmatters } from '../test-data/lessons.ts';

const MiB = 2 ** 20;
const gpu = (features: string[], limit: number) => ({
	features,
	maxStorageBufferBindingSize: limit,
	maxBufferSize: limit,
	description: ''
});

describe('model choice', () => {
	it('takes the f16 build with shader-f16, the f32 build without, and the 8B model only when asked for on a strong GPU', () => {
		expect(chooseModel(gpu(['shader-f16'], 256 * MiB))?.id).toBe('Llama-3.2-1B-Instruct-q4f16_1-MLC');
		expect(chooseModel(gpu([], 256 * MiB))?.id).toBe('Llama-3.2-1B-Instruct-q4f32_1-MLC');
		expect(chooseModel(gpu(['shader-f16'], 2048 * MiB), true)?.id).toBe('Llama-3.1-8B-Instruct-q4f16_1-MLC');
		expect(chooseModel(gpu(['shader-f16'], 256 * MiB), true)?.id).toBe('Llama-3.2-1B-Instruct-q4f16_1-MLC');
		expect(chooseModel(gpu(['shader-f16'], 64 * MiB))).toBeNull();
	});

	it('matches the installed web-llm’s prebuilt model list', async () => {
		const { prebuiltAppConfig } = await import('@mlc-ai/web-llm');
		for (const option of MODEL_OPTIONS) {
			const record = prebuiltAppConfig.model_list.find((m) => m.model_id === option.id);
			expect(record, option.id).toBeDefined();
			expect(record?.model).toBe(option.publicModelUrl);
			expect(record?.model_lib).toBe(option.publicLibUrl);
			expect(record?.vram_required_MB).toBe(option.vramMB);
			expect(record?.low_resource_required).toBe(option.lowResource);
		}
	});

	it('lays out a self-hosted base URL as documented, relative to the page', () => {
		const option = at(MODEL_OPTIONS, 0);
		expect(locate(option, null, 'http://x/drill')).toMatchObject({ modelUrl: option.publicModelUrl, libUrl: option.publicLibUrl });
		expect(locate(option, 'https://intranet.example/llm', 'http://x/drill')).toMatchObject({
			modelUrl: 'https://intranet.example/llm/Llama-3.2-1B-Instruct-q4f16_1-MLC/resolve/main/',
			libUrl: 'https://intranet.example/llm/libs/Llama-3.2-1B-Instruct-q4f16_1_cs1k-webgpu.wasm'
		});
		expect(baseUrlProblem('/models/')).toBeNull();
		expect(baseUrlProblem('ftp://x/')).toBe('invalid');
		expect(baseUrlProblem('http://[bad')).toBe('invalid');
	});
});

describe('capability probe', () => {
	it('reports no WebGPU, no adapter, or the adapter’s features and limits', async () => {
		expect(await probeGpu(undefined)).toMatchObject({ ok: false, reason: 'no-webgpu' });
		expect(await probeGpu({ requestAdapter: async () => null })).toMatchObject({ ok: false, reason: 'no-adapter' });
		const adapter = {
			features: new Set(['shader-f16']),
			limits: { maxStorageBufferBindingSize: 128 * MiB, maxBufferSize: 256 * MiB },
			info: { vendor: 'google', architecture: 'swiftshader' }
		};
		expect(await probeGpu({ requestAdapter: async () => adapter })).toEqual({
			ok: true,
			gpu: { features: ['shader-f16'], maxStorageBufferBindingSize: 128 * MiB, maxBufferSize: 256 * MiB, description: 'google swiftshader' }
		});
	});
});

describe('model cache', () => {
	it('sums what the browser stored for one model and deletes only that', async () => {
		const model = { ...locate(at(MODEL_OPTIONS, 1), null, 'http://x/'), vramMB: 0 };
		const stores = new Map<string, Map<string, number>>([
			[
				'webllm/model',
				new Map([
					[`${model.modelUrl}/resolve/main/params_shard_0.bin`, 1000],
					['https://huggingface.co/other/params_shard_0.bin', 5]
				])
			],
			['webllm/wasm', new Map([[model.libUrl, 300]])]
		]);
		const fake: CacheStorageLike = {
			has: async (name) => stores.has(name),
			open: async (name) => {
				const store = stores.get(name)!;
				return {
					keys: async () => [...store.keys()].map((url) => ({ url })),
					match: async (r) => ({ headers: { get: () => String(store.get(typeof r === 'string' ? r : r.url)) } }),
					delete: async (r) => store.delete(typeof r === 'string' ? r : r.url)
				};
			}
		};
		expect(await cachedModel(model, fake)).toEqual({ files: 2, bytes: 1300 });
		expect(await deleteCachedModel(model, fake)).toBe(2);
		expect(await cachedModel(model, fake)).toEqual({ files: 0, bytes: 0 });
		expect(stores.get('webllm/model')?.size).toBe(1);
	});
});

describe('prompt', () => {
	it('answers in the learner’s language and carries the image’s attributes with their source', () => {
		const facts = gatherFacts({
			cellClass: 'monocyte',
			basis: 'label',
			locale: 'zh-TW',
			lessons: diskFrontmatters('zh-TW'),
			expertAttributes: { cytoplasm_vacuole: 'yes' }
		});
		const messages = buildMessages(facts, [], '  為什麼？ ');
		expect(messages[0]!.content).toContain('請以繁體中文回答');
		expect(messages.at(-1)).toEqual({ role: 'user', content: '為什麼？' });
		expect(factsPayload(facts).image_attributes).toEqual([{ attribute: '細胞質空泡', value: '有', source: 'expert annotation' }]);
	});
});
