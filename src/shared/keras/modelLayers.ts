// The layer list of a Keras model, in the order data flows through it. A Sequential model
// lists its layers in order already; a functional model (class Functional or Model) is
// accepted when its graph is one chain, and refused with each branching layer named otherwise.
import { describeLayer, type ImportIssues } from './importIssues';
import { isImportableLayerClass, type KerasLayerEntry } from './importLayer';
import { isObject, type JsonObject } from './kerasJson';
import type { KerasModelSource } from './kerasModelSource';

/** A layer entry with its index in the file's layer list. */
export interface IndexedLayerEntry extends KerasLayerEntry {
  readonly index: number;
  /** Keras 3's `module` and `registered_name`, which tell built-in layers from custom ones. */
  readonly module?: string;
  readonly registeredName?: string;
  /** Keras 3's record of the input shape a layer was built with. */
  readonly buildInputShape?: unknown;
}

/** The model's layers in data-flow order; records an error and returns [] when there is no such order. */
export function modelLayers(source: KerasModelSource, issues: ImportIssues): IndexedLayerEntry[] {
  const { className, config } = source;
  if (className === 'Sequential') {
    // Keras 1 up to 2.2.2 wrote a Sequential model's config as the bare list of layers.
    const list = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
    if (!Array.isArray(list)) {
      issues.error('model', 'a Sequential model without a layer list');
      return [];
    }
    return readEntries(list, issues);
  }
  if (className === 'Functional' || className === 'Model') {
    const list = isObject(config) ? config.layers : undefined;
    if (!Array.isArray(list)) {
      issues.error('model', `a ${className} model without a layer list`);
      return [];
    }
    return chainOrder(readEntries(list, issues), list, config as JsonObject, issues);
  }
  issues.error('model', `a ${className} model is not available; CNN Lab imports Sequential models and single-chain functional models`);
  return [];
}

function readEntries(list: unknown[], issues: ImportIssues): IndexedLayerEntry[] {
  const entries: IndexedLayerEntry[] = [];
  list.forEach((item, index) => {
    if (!isObject(item) || typeof item.class_name !== 'string') {
      issues.error(`layers[${index}]`, 'not a Keras layer ({"class_name": …, "config": {…}})');
      return;
    }
    const config = isObject(item.config) ? item.config : {};
    const name = typeof config.name === 'string' ? config.name : typeof item.name === 'string' ? item.name : undefined;
    entries.push({
      index,
      className: item.class_name,
      config,
      ...(name !== undefined ? { name } : {}),
      ...(typeof item.module === 'string' ? { module: item.module } : {}),
      ...(typeof item.registered_name === 'string' ? { registeredName: item.registered_name } : {}),
      ...(isObject(item.build_config) ? { buildInputShape: item.build_config.input_shape } : {}),
    });
  });
  return entries;
}

function chainOrder(entries: IndexedLayerEntry[], list: unknown[], config: JsonObject, issues: ImportIssues): IndexedLayerEntry[] {
  const byName = new Map(entries.map((e) => [e.name ?? '', e]));
  const sources = new Map<string, string[]>();
  const consumers = new Map<string, string[]>();
  const problems: string[][] = [];
  const describe = (e: IndexedLayerEntry): string => describeLayer(e.index, e.name, e.className);

  for (const entry of entries) {
    const raw = list[entry.index] as JsonObject;
    const nodes = Array.isArray(raw.inbound_nodes) ? raw.inbound_nodes : [];
    if (nodes.length > 1) problems.push([describe(entry), `is called ${nodes.length} times (a shared layer)`]);
    const inputs = nodes.length === 0 ? [] : inboundLayerNames(nodes[0]);
    sources.set(entry.name ?? '', inputs);
    for (const input of inputs) consumers.set(input, [...(consumers.get(input) ?? []), entry.name ?? '']);
    if (entry.className !== 'InputLayer' && inputs.length !== 1) {
      problems.push([describe(entry), `takes ${inputs.length} inputs (${inputs.join(', ') || 'none'}): a merge of branches`]);
    }
  }
  for (const entry of entries) {
    const outputs = consumers.get(entry.name ?? '') ?? [];
    if (outputs.length > 1) problems.push([describe(entry), `feeds ${outputs.length} layers (${outputs.join(', ')}): a branch`]);
  }
  const inputNames = endpointNames(config.input_layers);
  const outputNames = endpointNames(config.output_layers);
  if (inputNames.length !== 1) problems.push(['model', `has ${inputNames.length} inputs; CNN Lab models take one image`]);
  if (outputNames.length !== 1) problems.push(['model', `has ${outputNames.length} outputs; CNN Lab models give one prediction`]);

  if (problems.length === 0) {
    const order: IndexedLayerEntry[] = [];
    let current = byName.get(inputNames[0]);
    while (current && order.length <= entries.length) {
      order.push(current);
      const next: string | undefined = consumers.get(current.name ?? '')?.[0];
      current = next === undefined ? undefined : byName.get(next);
    }
    if (order.length === entries.length && order[order.length - 1]?.name === outputNames[0]) return order;
    problems.push(['model', 'its layers do not form one chain from the input to the output']);
  }
  issues.error('model', 'a functional model with branches: CNN Lab models are one chain of layers');
  for (const [where, message] of problems) issues.error(where, message);
  for (const entry of entries) {
    if (!isImportableLayerClass(entry.className)) issues.error(describe(entry), 'this layer type is not available in CNN Lab');
  }
  return [];
}

/** The names of the layers feeding one inbound node, in Keras 2 (lists) or Keras 3 (keras_history) form. */
function inboundLayerNames(node: unknown): string[] {
  const names: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      // Keras 2 / tfjs: [layerName, nodeIndex, tensorIndex, kwargs]
      if (typeof value[0] === 'string' && typeof value[1] === 'number') names.push(value[0]);
      else value.forEach(visit);
    } else if (isObject(value)) {
      // Keras 3: {"class_name": "__keras_tensor__", "config": {"keras_history": [name, node, tensor]}}
      const history = isObject(value.config) ? value.config.keras_history : undefined;
      if (Array.isArray(history) && typeof history[0] === 'string') names.push(history[0]);
      else if ('args' in value) visit(value.args);
    }
  };
  visit(node);
  return names;
}

/** input_layers / output_layers: [[name, 0, 0], …], or Keras 3's bare [name, 0, 0] for one. */
function endpointNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  if (typeof value[0] === 'string') return [value[0]];
  return value.filter((v): v is unknown[] => Array.isArray(v) && typeof v[0] === 'string').map((v) => v[0] as string);
}
