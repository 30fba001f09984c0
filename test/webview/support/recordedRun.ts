// The recorded worker events the webview tests replay (test/fixtures/recorded-run.jsonl).
// Any recording of a run with an evaluation works: the tests derive their expectations
// from the events rather than from numbers of their own.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { trainingEvent, type EvaluationEvent, type TrainingEvent } from '../../../src/shared/trainingEvents';

export const RECORDED_RUN = path.join(__dirname, '..', '..', 'fixtures', 'recorded-run.jsonl');

/** Every event of the recording, validated. */
export function recordedEvents(file = RECORDED_RUN): TrainingEvent[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((line, i) => {
    const parsed = trainingEvent.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${i + 1} is not a training event: ${parsed.error.message}`);
    return parsed.data;
  });
}

/** The recording's evaluation event (the tests need one). */
export function recordedEvaluation(events: TrainingEvent[]): EvaluationEvent {
  const evaluation = events.find((e): e is EvaluationEvent => e.type === 'evaluation');
  if (!evaluation) throw new Error('the recorded run has no evaluation event');
  return evaluation;
}
