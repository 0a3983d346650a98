import type { ModelLocation } from './engine.ts';

/**
 * The models the tutor may run, as in web-llm 0.2.86's prebuilt list (models.test.ts checks ids,
 * URLs and memory figures against the installed library, so an upgrade cannot drift silently).
 * Copied rather than imported so the drill never loads web-llm to show a consent dialog.
 */
export interface ModelOption {
	id: string;
	/** short display name */
	name: string;
	/** the public location of the weights (a Hugging Face repository) */
	publicModelUrl: string;
	/** the public location of the compiled model library */
	publicLibUrl: string;
	vramMB: number;
	/** approximate download: parameters × 4.5 bits (4-bit weights plus group scales), rounded up */
	downloadMB: number;
	/** needs WebGPU's shader-f16 feature */
	needsF16: boolean;
	lowResource: boolean;
	contextWindow: number;
	size: 'default' | 'large';
}

const LIBS = 'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base';
const HF = 'https://huggingface.co/mlc-ai';

export const MODEL_OPTIONS: readonly ModelOption[] = [
	{
		id: 'Llama-3.2-1B-Instruct-q4f16_1-MLC',
		name: 'Llama 3.2 1B Instruct (q4f16)',
		publicModelUrl: `${HF}/Llama-3.2-1B-Instruct-q4f16_1-MLC`,
		publicLibUrl: `${LIBS}/Llama-3.2-1B-Instruct-q4f16_1_cs1k-webgpu.wasm`,
		vramMB: 879.04,
		downloadMB: 700,
		needsF16: true,
		lowResource: true,
		contextWindow: 4096,
		size: 'default'
	},
	{
		id: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
		name: 'Llama 3.2 1B Instruct (q4f32)',
		publicModelUrl: `${HF}/Llama-3.2-1B-Instruct-q4f32_1-MLC`,
		publicLibUrl: `${LIBS}/Llama-3.2-1B-Instruct-q4f32_1_cs1k-webgpu.wasm`,
		vramMB: 1128.82,
		downloadMB: 700,
		needsF16: false,
		lowResource: true,
		contextWindow: 4096,
		size: 'default'
	},
	{
		id: 'Llama-3.1-8B-Instruct-q4f16_1-MLC',
		name: 'Llama 3.1 8B Instruct (q4f16)',
		publicModelUrl: `${HF}/Llama-3.1-8B-Instruct-q4f16_1-MLC`,
		publicLibUrl: `${LIBS}/Llama-3_1-8B-Instruct-q4f16_1_cs1k-webgpu.wasm`,
		vramMB: 5001.0,
		downloadMB: 4600,
		needsF16: true,
		lowResource: false,
		contextWindow: 4096,
		size: 'large'
	}
];

export interface GpuInfo {
	features: readonly string[];
	maxStorageBufferBindingSize: number;
	maxBufferSize: number;
	description: string;
}

const MiB = 1024 * 1024;
/** web-llm's low-resource models run with WebGPU's default 128 MiB storage-buffer limit */
const SMALL_LIMIT = 128 * MiB;
/** the 8B model needs large buffers: take 1 GiB as the mark of a strong GPU */
const LARGE_LIMIT = 1024 * MiB;

/**
 * The model this GPU can run: the 1B model in f16 where the adapter has shader-f16, its f32 build
 * where it does not, the 8B model only when the learner asked for it and the limits are large.
 * null: the adapter's limits are below what even the small model needs.
 */
export function chooseModel(gpu: GpuInfo, preferLarge = false): ModelOption | null {
	const f16 = gpu.features.includes('shader-f16');
	const limit = Math.min(gpu.maxStorageBufferBindingSize, gpu.maxBufferSize);
	if (preferLarge && f16 && limit >= LARGE_LIMIT) return MODEL_OPTIONS.find((m) => m.size === 'large')!;
	if (limit < SMALL_LIMIT) return null;
	return MODEL_OPTIONS.find((m) => m.size === 'default' && m.needsF16 === f16)!;
}

/**
 * Where to fetch a model from: the public default, or a base URL an administrator serves (for a
 * hospital intranet), laid out as
 *   <base>/<model id>/resolve/main/   mlc-chat-config.json, tensor-cache.json, params_shard_*.bin, tokenizer files
 *   <base>/libs/<library file>.wasm   the compiled model library (file name as in the public URL)
 * (see docs/tutor-models.md).
 */
export function locate(option: ModelOption, baseUrl: string | null, pageUrl: string): ModelLocation {
	const common = { id: option.id, vramMB: option.vramMB, lowResource: option.lowResource, contextWindow: option.contextWindow };
	if (!baseUrl) return { ...common, modelUrl: option.publicModelUrl, libUrl: option.publicLibUrl };
	const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, pageUrl);
	const libFile = option.publicLibUrl.slice(option.publicLibUrl.lastIndexOf('/') + 1);
	return { ...common, modelUrl: new URL(`${option.id}/resolve/main/`, base).href, libUrl: new URL(`libs/${libFile}`, base).href };
}

/** A base URL the settings accept: http(s), or a path on this site. Returns the reason it is not, or null. */
export function baseUrlProblem(value: string): 'invalid' | null {
	const trimmed = value.trim();
	if (trimmed === '') return null;
	try {
		const url = new URL(trimmed, 'http://site.invalid/');
		return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'invalid';
	} catch {
		return 'invalid';
	}
}
