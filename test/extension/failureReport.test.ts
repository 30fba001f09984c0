import { strict as assert } from 'node:assert';
import { describeFailure, LogTail } from '../../src/extension/failureReport';

describe('failure report', () => {
  it('keeps only the last lines of the log, split on newlines, blanks dropped', () => {
    const tail = new LogTail(3);
    tail.push('one');
    tail.push('two\n\nthree\r\nfour');
    assert.deepEqual(tail.last(), ['two', 'three', 'four']);
    assert.deepEqual(tail.last(2), ['three', 'four']);
  });

  it('puts the error and the last log lines in the notification, everything in the details', () => {
    const log = ['loading cifar10-sample', 'epoch 1/2', 'RangeError: Array buffer allocation failed', '    at Tensor.dataSync'];
    const report = describeFailure('quickstart', 'The training process was killed (SIGKILL).', log);
    assert.match(report.message, /^Training "quickstart" failed: The training process was killed \(SIGKILL\)\. — last log lines: epoch 1\/2 \| RangeError/);
    assert.match(report.details, /Last 4 lines of the worker's log:\n {2}loading cifar10-sample/);
    assert.match(report.details, /at Tensor\.dataSync$/);
  });

  it('does not repeat log lines the error already quotes', () => {
    const error = 'The training process exited with code 134.\nLast lines of its log:\nabort: out of memory';
    const report = describeFailure('m', error, ['abort: out of memory']);
    assert.equal(report.details.split('abort: out of memory').length, 2);
    assert.match(report.message, /failed: The training process exited with code 134\./);
  });

  it('says something useful without an error or a log', () => {
    const report = describeFailure('m', undefined, []);
    assert.equal(report.message, 'Training "m" failed: the training process ended without saying why');
  });
});
