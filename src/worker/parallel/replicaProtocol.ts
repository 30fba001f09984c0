// Messages between the DataParallelTrainer (main thread) and a replica thread. Bulk data
// never travels in messages: pixels, targets, weights and gradients sit in
// SharedArrayBuffers both sides view; messages only say what to do with them.
import type * as tfType from '@tensorflow/tfjs';

/** The shared buffers of one replica, as Float32Arrays over SharedArrayBuffers. */
export interface ReplicaBuffers {
  /** This replica's images of the current batch, HWC, packed. */
  pixels: Float32Array;
  /** Its targets: one class index per image, or one row of the output's width per image. */
  targets: Float32Array;
  /** All weights of the main replica (model.weights order), written before each step. */
  weights: Float32Array;
  /** Out: the gradients of the trainable weights, then the replica's non-trainable weights after the step. */
  results: Float32Array;
}

/** Main → replica: build the replica model. */
export interface InitMessage {
  type: 'init';
  /** model.toJSON(null, false) of the main replica. */
  topology: tfType.io.ModelJSON['modelTopology'];
  loss: string | string[];
  metrics: string[];
  buffers: ReplicaBuffers;
}

/** Main → replica: load the weights, then compute gradients on `count` images. */
export interface StepMessage {
  type: 'step';
  count: number;
  /** Values per target row: 1 for class indices, else the output's width. */
  targetWidth: number;
  /** Set when the buffers were enlarged for a larger batch. */
  buffers?: ReplicaBuffers;
}

/** Main → replica: load the weights and report them back in `results` (tests, diagnostics). */
export interface EchoWeightsMessage {
  type: 'echoWeights';
  /** Receives all weights of the replica, model.weights order. */
  into: Float32Array;
}

export type ToReplicaMessage = InitMessage | StepMessage | EchoWeightsMessage;

/** Replica → main: the model is built, the backend is up. */
export interface ReadyMessage {
  type: 'ready';
  backend: string;
}

/** Replica → main: gradients and non-trainable weights are in `results`. */
export interface StepDoneMessage {
  type: 'stepDone';
  loss: number;
  accuracy: number;
  /** Milliseconds the replica spent on the step, loading weights included. */
  busyMs: number;
}

/** Replica → main: weights are in the `into` buffer of the request. */
export interface WeightsEchoedMessage {
  type: 'weightsEchoed';
}

/** Replica → main: the last request failed. */
export interface FailedMessage {
  type: 'failed';
  message: string;
  stack?: string;
}

export type FromReplicaMessage = ReadyMessage | StepDoneMessage | WeightsEchoedMessage | FailedMessage;
