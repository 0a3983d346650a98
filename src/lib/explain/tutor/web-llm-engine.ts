import type { AppConfig, MLCEngineInterface } from '@mlc-ai/web-llm';
import type { ChatMessage, LoadProgress, ModelLocation, TutorEngine } from './engine.ts';

/**
 * The tutor's runtime: web-llm's MLCEngine in a Web Worker (worker.ts), driven from here through
 * CreateWebWorkerMLCEngine. This module is only ever reached through a dynamic import
 * (tutor/load.ts), so web-llm is in no route's first-load JavaScript.
 */
export async function createWebLlmEngine(): Promise<TutorEngine> {
	const webllm = await import('@mlc-ai/web-llm');
	let worker: Worker | null = null;
	let engine: MLCEngineInterface | null = null;

	return {
		async load(model: ModelLocation, onProgress: (progress: LoadProgress) => void) {
			const appConfig: AppConfig = {
				model_list: [
					{
						model: model.modelUrl,
						model_id: model.id,
						model_lib: model.libUrl,
						vram_required_MB: model.vramMB,
						low_resource_required: model.lowResource,
						overrides: { context_window_size: model.contextWindow }
					}
				]
			};
			worker ??= new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
			engine = await webllm.CreateWebWorkerMLCEngine(worker, model.id, {
				appConfig,
				initProgressCallback: (report) => onProgress({ progress: report.progress, text: report.text })
			});
		},

		async reply(messages: readonly ChatMessage[], onText: (text: string) => void, signal: AbortSignal) {
			if (!engine) throw new Error('The tutor model is not loaded.');
			const running = engine;
			const stop = () => running.interruptGenerate();
			signal.addEventListener('abort', stop, { once: true });
			try {
				const chunks = await running.chat.completions.create({
					messages: messages.map((m) => ({ role: m.role, content: m.content })),
					stream: true,
					temperature: 0.2,
					max_tokens: 320
				});
				let text = '';
				for await (const chunk of chunks) {
					text += chunk.choices[0]?.delta?.content ?? '';
					onText(text);
					if (signal.aborted) break;
				}
				return text;
			} finally {
				signal.removeEventListener('abort', stop);
			}
		},

		async dispose() {
			try {
				await engine?.unload();
			} finally {
				engine = null;
				worker?.terminate();
				worker = null;
			}
		}
	};
}
