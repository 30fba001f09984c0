// The gradients of one replica's share of a batch, computed by the model's own training
// function, so that loss, metrics, regularization penalties and layer updates
// (BatchNormalization's moving statistics) are exactly what model.trainOnBatch computes.
// The model's optimizer is swapped for one that hands the gradients over instead of
// applying them. This reaches into tfjs-layers 4.22's private `optimizer_` field (pinned
// in package.json); the check below fails loudly if a later version renames it.
import type * as tfType from '@tensorflow/tfjs';

type Tf = typeof tfType;

/** Receives the gradients of the trained weights, in `trainedWeights(model)` order; they are disposed after it returns. */
export type GradientSink = (gradients: tfType.Tensor[]) => void;

interface ModelInternals {
  optimizer_: tfType.Optimizer | undefined;
  collectedTrainableWeights?: tfType.LayerVariable[];
  /** A Sequential's inner LayersModel, which holds the training function. */
  model?: tfType.LayersModel;
}

type TrainingCore = ModelInternals & Pick<tfType.LayersModel, 'trainOnBatch'>;

/** The LayersModel whose training function trainOnBatch runs: a Sequential delegates to an inner one. */
function trainingModel(model: tfType.LayersModel): TrainingCore {
  let current = model as unknown as TrainingCore;
  while (current.model && (current.model as unknown) !== current && typeof current.model.trainOnBatch === 'function') {
    current = current.model as unknown as TrainingCore;
  }
  return current;
}

/**
 * The weights trainOnBatch trains, in the order it hands their gradients to the optimizer
 * (the trainable weights as of compile()). Adam and RMSProp key their state by position in
 * this order, so gradients applied by hand must follow it too.
 */
export function trainedWeights(model: tfType.LayersModel): tfType.LayerVariable[] {
  return trainingModel(model).collectedTrainableWeights ?? model.trainableWeights;
}

/** The name of the tf.Variable behind a layer weight: the name optimizers key gradients by. */
export function variableName(weight: tfType.LayerVariable): string {
  return (weight.read() as tfType.Variable).name;
}

/** A gradient and the variable it belongs to, as optimizers take them. */
export interface NamedGradient {
  name: string;
  tensor: tfType.Tensor;
}

/**
 * Runs `model.trainOnBatch(x, y)` without changing the trainable weights: `sink` gets the
 * gradients of the total loss instead. Returns [loss, accuracy] (NaN when the model has
 * no metric) as trainOnBatch reports them; non-trainable weights are updated as in training.
 */
export async function gradientStep(tf: Tf, model: tfType.LayersModel, x: tfType.Tensor, y: tfType.Tensor, sink: GradientSink): Promise<[number, number]> {
  const internals = trainingModel(model);
  if (!('optimizer_' in internals) || internals.optimizer_ === undefined) {
    throw new Error('gradientStep needs a compiled tfjs 4.22 LayersModel (no optimizer_ field found)');
  }
  const order = new Map(trainedWeights(model).map((w, i) => [variableName(w), i]));
  const real = internals.optimizer_;
  internals.optimizer_ = new (gradientCaptureClass(tf))((named) => {
    const gradients: (tfType.Tensor | undefined)[] = Array.from({ length: order.size }, () => undefined);
    for (const { name, tensor } of named) {
      const index = order.get(name);
      if (index === undefined) throw new Error(`gradient for ${name}, which is not a trainable weight of the model`);
      gradients[index] = tensor;
    }
    if (gradients.some((g) => g === undefined)) throw new Error('the training step produced no gradient for some trainable weight');
    sink(gradients as tfType.Tensor[]);
  });
  try {
    const result = await internals.trainOnBatch(x, y);
    const [loss, accuracy] = Array.isArray(result) ? result : [result, NaN];
    return [loss, accuracy ?? NaN];
  } finally {
    internals.optimizer_ = real;
  }
}

type CaptureConstructor = new (sink: (named: NamedGradient[]) => void) => tfType.Optimizer;

// One class per tfjs module instance: it must extend that instance's Optimizer.
const captureClasses = new WeakMap<Tf, CaptureConstructor>();

function gradientCaptureClass(tf: Tf): CaptureConstructor {
  let cls = captureClasses.get(tf);
  if (!cls) {
    cls = class GradientCapture extends tf.Optimizer {
      static readonly className = 'GradientCapture';

      constructor(private readonly sink: (named: NamedGradient[]) => void) {
        super();
      }

      applyGradients(gradients: tfType.NamedTensorMap | NamedGradient[]): void {
        this.sink(Array.isArray(gradients) ? gradients : Object.entries(gradients).map(([name, tensor]) => ({ name, tensor })));
      }

      getConfig(): tfType.serialization.ConfigDict {
        return {};
      }
    };
    captureClasses.set(tf, cls);
  }
  return cls;
}
