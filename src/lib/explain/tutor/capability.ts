import type { GpuInfo } from './models.ts';
import { errorText } from '../../errors.ts';

/**
 * Can this browser run the tutor at all? WebGPU, then an adapter, then its features and limits.
 * Asked of the browser directly (no web-llm), so a device that cannot run it is told so before
 * anything is downloaded.
 */
export type Capability = { ok: true; gpu: GpuInfo } | { ok: false; reason: 'no-webgpu' | 'no-adapter' | 'error'; detail: string };

/** The part of navigator.gpu the probe uses (so tests can pass a fake). */
export interface GpuLike {
	requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<AdapterLike | null>;
}

export interface AdapterLike {
	features: ReadonlySetLike<string>;
	limits: { maxStorageBufferBindingSize: number; maxBufferSize: number };
	info?: { vendor?: string; architecture?: string; description?: string };
}

interface ReadonlySetLike<T> {
	has(value: T): boolean;
	forEach(callback: (value: T) => void): void;
}

export async function probeGpu(
	gpu: GpuLike | undefined = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu
): Promise<Capability> {
	if (!gpu) return { ok: false, reason: 'no-webgpu', detail: 'navigator.gpu is not available in this browser.' };
	let adapter: AdapterLike | null;
	try {
		adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
	} catch (error) {
		return { ok: false, reason: 'error', detail: errorText(error) };
	}
	if (!adapter) return { ok: false, reason: 'no-adapter', detail: 'WebGPU is present but no GPU adapter is available.' };
	const features: string[] = [];
	adapter.features.forEach((f) => features.push(f));
	const info = adapter.info;
	return {
		ok: true,
		gpu: {
			features,
			maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
			maxBufferSize: adapter.limits.maxBufferSize,
			description: [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ')
		}
	};
}
