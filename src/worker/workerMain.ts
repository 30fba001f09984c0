// Entry of the worker child process. It waits for one `start` message (train a run) or one
// `inspect` message (feature maps of test images from a checkpoint) over IPC, reports every
// event back, and exits. TensorFlow.js is loaded here only, never in the process that started it.
import { hostToWorkerMessage, type WorkerToHostMessage } from '../shared/workerProtocol';
import { runTraining } from './runTraining';
import { inspectCheckpoint } from './inspect/inspectCheckpoint';

if (!process.send) {
  console.error('The CNN Lab training worker runs as a child process with an IPC channel (child_process.fork).');
  process.exit(2);
}

let stopRequested = false;
let started = false;

const send = (event: WorkerToHostMessage) => {
  if (process.connected) process.send!(event);
};

/** Sends the last message, then leaves: wasm threads can keep the event loop alive. */
const finish = (last: WorkerToHostMessage) => {
  send(last);
  if (process.connected) process.disconnect();
  setTimeout(() => process.exit(0), 200).unref();
};

process.on('message', (raw: unknown) => {
  const parsed = hostToWorkerMessage.safeParse(raw);
  if (!parsed.success) {
    send({ type: 'log', level: 'warning', message: `Ignored a malformed message from the host: ${parsed.error.issues[0]?.message}` });
    return;
  }
  const message = parsed.data;
  switch (message.type) {
    case 'stop':
      stopRequested = true;
      return;
    case 'start':
      if (started) {
        send({ type: 'log', level: 'warning', message: 'A worker does one job; the second start was ignored.' });
        return;
      }
      started = true;
      void runTraining(message, { emit: send, stopRequested: () => stopRequested }).then(finish);
      return;
    case 'inspect':
      if (started) {
        send({ type: 'log', level: 'warning', message: 'A worker does one job; the inspect request was ignored.' });
        return;
      }
      started = true;
      void inspectCheckpoint(message, send).then(finish);
      return;
    default: {
      const unreachable: never = message;
      throw new Error(`unhandled message ${JSON.stringify(unreachable)}`);
    }
  }
});

// The host went away (window closed, CLI interrupted): stop at the next batch, keep what was written.
process.on('disconnect', () => {
  stopRequested = true;
});
