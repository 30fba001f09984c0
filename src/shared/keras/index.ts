// The Keras bridge: CNN Lab model files to TensorFlow Keras scripts, and Keras model JSON
// (Keras 1–3, TensorFlow.js model.json) to CNN Lab model files. Pure functions: no fs, no tfjs.
export { exportKeras, type ExportKerasOptions } from './exportKeras';
export { importKeras, PLACEHOLDER_IMAGE_FOLDER, type KerasImport } from './importKeras';
export { toKerasModelJson } from './toKerasModelJson';
export { normalizeLayers } from './normalizeLayers';
