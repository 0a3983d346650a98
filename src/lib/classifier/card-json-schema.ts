import { toJsonSchema } from '@valibot/to-json-schema';
import { ModelCardSchema } from './card.ts';

/** The model card's JSON Schema text, as committed in models/classifier/card.schema.json. */
export function cardJsonSchemaText(): string {
	return JSON.stringify(toJsonSchema(ModelCardSchema, { errorMode: 'throw' }), null, 1) + '\n';
}
