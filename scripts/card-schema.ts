// Writes models/classifier/card.schema.json: the JSON Schema of the model card, generated from the one
// schema in src/lib/classifier/card.ts, so that the Python trainer checks the card it writes against what
// the app will accept (models/training/classifier/card.py). `npm run schema:card`; a unit test keeps it current.
import { writeFileSync } from 'node:fs';
import { cardJsonSchemaText } from '../src/lib/classifier/card-json-schema.ts';

const out = new URL('../models/classifier/card.schema.json', import.meta.url);
writeFileSync(out, cardJsonSchemaText());
console.log(`wrote ${out.pathname}`);
