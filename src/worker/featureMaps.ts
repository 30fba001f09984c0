// What the conv layers see: each conv layer's activations for a few fixed probe images,
// and the first layer's kernels, scaled to bytes for the dashboard's heat maps.
import type * as tfType from '@tensorflow/tfjs';
import type { FeatureMapsEvent, FiltersEvent } from '../shared/trainingEvents';

type Tf = typeof tfType;

/** Reads every conv layer's output for given inputs, sharing the model's weights. */
export class FeatureMapProbe {
  private readonly probeModel: tfType.LayersModel | null;
  readonly convLayers: { name: string; shape: [number, number, number] }[];

  constructor(private readonly tf: Tf, private readonly model: tfType.LayersModel) {
    const convs = model.layers.filter((l) => l.getClassName() === 'Conv2D');
    this.convLayers = convs.map((l) => {
      const shape = (l.outputShape as number[]).slice(1) as [number, number, number];
      return { name: l.name, shape };
    });
    this.probeModel = convs.length
      ? tf.model({ inputs: model.inputs, outputs: convs.map((l) => l.output as tfType.SymbolicTensor) })
      : null;
  }

  /** Feature maps of each probe image (`images`: n×h×w×c floats in [0,1]). */
  featureMaps(epoch: number, images: Float32Array, n: number, imageShape: [number, number, number]): FeatureMapsEvent[] {
    if (!this.probeModel || n === 0) return [];
    const tf = this.tf;
    const outputs = tf.tidy(() => {
      const x = tf.tensor4d(images, [n, ...imageShape]);
      const out = this.probeModel!.predict(x);
      return (Array.isArray(out) ? out : [out]).map((t) => t.dataSync() as Float32Array);
    });
    const events: FeatureMapsEvent[] = [];
    for (let p = 0; p < n; p++) {
      events.push({
        type: 'featureMaps', epoch, probeIndex: p,
        layers: this.convLayers.map((layer, i) => {
          const size = layer.shape[0] * layer.shape[1] * layer.shape[2];
          const slice = outputs[i].subarray(p * size, (p + 1) * size);
          return { name: layer.name, shape: layer.shape, data: Buffer.from(scalePerChannel(slice, layer.shape[2])).toString('base64') };
        }),
      });
    }
    return events;
  }

  /** The first conv layer's kernels (kh×kw×cin×filters), each filter scaled to 0–255 on its own. */
  firstLayerFilters(epoch: number): FiltersEvent | null {
    const first = this.model.layers.find((l) => l.getClassName() === 'Conv2D');
    if (!first) return null;
    const kernel = first.getWeights()[0];
    const shape = kernel.shape as [number, number, number, number];
    const values = kernel.dataSync() as Float32Array;
    return { type: 'filters', epoch, layer: first.name, shape, data: Buffer.from(scalePerChannel(values, shape[3])).toString('base64') };
  }
}

/** Scales each channel (the last, fastest-varying axis) of `values` to 0–255 by its own min and max. */
export function scalePerChannel(values: Float32Array, channels: number): Uint8Array {
  const min = new Float32Array(channels).fill(Infinity);
  const max = new Float32Array(channels).fill(-Infinity);
  for (let i = 0; i < values.length; i++) {
    const c = i % channels;
    if (values[i] < min[c]) min[c] = values[i];
    if (values[i] > max[c]) max[c] = values[i];
  }
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const c = i % channels;
    const range = max[c] - min[c];
    out[i] = range > 0 ? Math.round(((values[i] - min[c]) / range) * 255) : 0;
  }
  return out;
}
