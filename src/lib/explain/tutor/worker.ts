// The tutor's worker: web-llm's engine behind its own message handler (CreateWebWorkerMLCEngine
// on the page side, web-llm-engine.ts). Started only when the learner agreed to load the model.
import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';

const handler = new WebWorkerMLCEngineHandler();
self.onmessage = (event: MessageEvent) => handler.onmessage(event);
