// How a layer's parameter count and multiply-adds come about, written out as the arithmetic
// (`(3×3×3 + 1) × 32 = 896`) so a hover teaches where the numbers in model.summary() come from.
// The totals are shapeInference's; these strings only show the working.
import type { LayerSpec } from '../modelSchema';
import type { LayerShapeInfo } from '../shapeInference';
import { groupDigits } from '../numberFormat';

/** The working behind a layer's params and multiply-adds, or a phrase when there is none. */
export interface LayerCostFormulas {
  params: string;
  multiplyAdds: string;
}

const pair = (v: number | [number, number] | undefined, fallback: number): [number, number] =>
  v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : v;

/** The formulas for one layer whose shapes are known. */
export function layerCostFormulas(layer: LayerSpec, info: LayerShapeInfo): LayerCostFormulas {
  const total = (n: number) => groupDigits(n);
  switch (layer.type) {
    case 'Conv2D': {
      const [kh, kw] = pair(layer.kernelSize, 1);
      const c = info.inputShape[2];
      const [oh, ow] = info.outputShape;
      const kernel = `${kh}×${kw}×${c}`;
      const params = layer.useBias === false
        ? `${kernel} × ${layer.filters} = ${total(info.params)} (no bias)`
        : `(${kernel} + 1) × ${layer.filters} = ${total(info.params)}`;
      return { params, multiplyAdds: `${oh}×${ow} positions × ${kernel} × ${layer.filters} = ${total(info.multiplyAdds)}` };
    }
    case 'Dense': {
      const inputs = info.inputShape[0];
      const params = layer.useBias === false
        ? `${inputs} × ${layer.units} = ${total(info.params)} (no bias)`
        : `(${inputs} + 1) × ${layer.units} = ${total(info.params)}`;
      return { params, multiplyAdds: `${inputs} × ${layer.units} = ${total(info.multiplyAdds)}` };
    }
    case 'BatchNormalization': {
      const channels = info.inputShape[info.inputShape.length - 1];
      return {
        params: `4 × ${channels} = ${total(info.params)}: γ and β trained (${total(info.trainableParams)}), the moving mean and variance not`,
        multiplyAdds: 'none counted (a scale and shift per value)',
      };
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D':
    case 'Flatten':
    case 'Dropout':
    case 'GlobalAveragePooling2D':
    case 'Activation':
      return { params: '0 (no weights)', multiplyAdds: 'none counted' };
    default: {
      const unknown: never = layer;
      throw new Error(`unknown layer ${JSON.stringify(unknown)}`);
    }
  }
}
