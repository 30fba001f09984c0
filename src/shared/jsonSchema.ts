// The model format as JSON Schema (draft 2020-12), derived from the zod schema so the two
// never disagree. Each camelCase property gets its snake_case twin (Keras's spelling),
// marked as an alias, because the validator accepts both; so do the snake_case names of
// activations, losses and initializers.
import { z } from 'zod';
import { modelFileSchema } from './modelSchema';
import { camelKeyToSnake, camelValueToSnake } from './keyAliases';

type JsonObject = { [key: string]: unknown };

// The keys whose values keyAliases.ts also accepts in snake_case.
const SNAKE_VALUED_KEYS = new Set(['loss', 'activation', 'kernelInitializer']);

/** The JSON Schema of `*.cnn.json` files, with snake_case aliases. */
export function buildJsonSchema(): JsonObject {
  const schema = z.toJSONSchema(modelFileSchema, { target: 'draft-2020-12', unrepresentable: 'any' }) as JsonObject;
  addAliases(schema);
  return {
    $schema: schema.$schema,
    $id: 'https://cnn-lab.dev/schemas/cnn.schema.json',
    title: 'CNN Lab model file (*.cnn.json)',
    description: 'A Keras-style convolutional network: data set, layers, compile and fit settings, augmentation.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

function addAliases(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(addAliases);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const obj = node as JsonObject;
  const props = obj.properties as Record<string, JsonObject> | undefined;
  if (props) {
    for (const key of Object.keys(props)) {
      if (SNAKE_VALUED_KEYS.has(key)) props[key] = withSnakeValues(props[key]);
    }
    const required = Array.isArray(obj.required) ? (obj.required as string[]) : [];
    const eitherSpelling = new Map<string, string>();
    for (const [key, value] of Object.entries({ ...props })) {
      const snake = camelKeyToSnake(key);
      if (snake === key || snake in props) continue;
      props[snake] = { ...value, description: `Keras spelling of "${key}".`, deprecationMessage: `CNN Lab writes this "${key}".` };
      if (required.includes(key)) eitherSpelling.set(key, snake);
    }
    if (eitherSpelling.size > 0) {
      // A required argument may be written either way, but not both (the validator calls that a duplicate).
      obj.required = required.filter((k) => !eitherSpelling.has(k));
      const rules = [...eitherSpelling].map(([key, snake]) => ({ oneOf: [{ required: [key] }, { required: [snake] }] }));
      obj.allOf = [...((obj.allOf as JsonObject[] | undefined) ?? []), ...rules];
    }
  }
  Object.values(obj).forEach(addAliases);
}

/** An enum of camelCase names, widened to accept their Keras snake_case spellings too. */
function withSnakeValues(schema: JsonObject): JsonObject {
  const names = Array.isArray(schema.enum) ? (schema.enum as unknown[]).filter((v): v is string => typeof v === 'string') : [];
  const snake = names.map(camelValueToSnake).filter((s, i) => s !== names[i]);
  if (snake.length === 0) return schema;
  return {
    anyOf: [
      schema,
      { type: 'string', enum: snake, description: 'Keras spelling.', deprecationMessage: 'CNN Lab writes these names in camelCase.' },
    ],
  };
}
