// Entry of the training child process. It waits for one `start` message over IPC, runs
// the training, reports every event back, and exits. TensorFlow.js is loaded here only,
// never in the process that started it.
import { hostToWorkerMessage } from '../shared/workerProtocol';
import type { TrainingEvent } from '../shared/trainingEvents';
import { runTraining } from './runTraining';

if (!process.send) {
  console.error('The CNN Lab training worker runs as a child process with an IPC channel (child_process.fork).');
  process.exit(2);
}

let stopRequested = false;
let started = false;

const send = (event: TrainingEvent) => {
  if (process.connected) process.send!(event);
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
        send({ type: 'log', level: 'warning', message: 'A worker trains one run; the second start was ignored.' });
        return;
      }
      started = true;
      void runTraining(message, { emit: send, stopRequested: () => stopRequested }).then((done) => {
        send(done);
        // wasm threads can keep the event loop alive: leave once the last message is flushed
        process.disconnect();
        setTimeout(() => process.exit(0), 200).unref();
      });
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
