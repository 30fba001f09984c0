// Small files in the official CIFAR-10 binary format, written by the tests themselves
// (the real release cannot be downloaded here). Every plane gets a distinct pattern so a
// wrong CHW→HWC conversion shows up as a byte mismatch.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'tar';

export const PLANE = 32 * 32;
export const RECORD = 1 + 3 * PLANE;

/** The byte of channel c at pixel p of record `seed` (a pattern, not a picture). */
export function planeByte(seed: number, c: number, p: number): number {
  return [(p + seed) & 255, (p * 3 + seed * 7) & 255, (255 - p + seed * 13) & 255][c];
}

/** One 3,073-byte record: label, then the R, G and B planes. */
export function cifarRecord(label: number, seed: number): Buffer {
  const rec = Buffer.alloc(RECORD);
  rec[0] = label;
  for (let c = 0; c < 3; c++) for (let p = 0; p < PLANE; p++) rec[1 + c * PLANE + p] = planeByte(seed, c, p);
  return rec;
}

/** The HWC bytes the reader must produce for the record with this seed. */
export function expectedHwc(seed: number): Uint8Array {
  const out = new Uint8Array(3 * PLANE);
  for (let p = 0; p < PLANE; p++) for (let c = 0; c < 3; c++) out[3 * p + c] = planeByte(seed, c, p);
  return out;
}

/** What a written folder holds, in reading order. */
export interface WrittenCifar {
  trainLabels: number[];
  trainSeeds: number[];
  testLabels: number[];
  testSeeds: number[];
}

/** Writes data_batch_1..5.bin (records per batch as given), test_batch.bin and optionally batches.meta.txt. */
export async function writeCifarFolder(
  folder: string,
  { perBatch = [2, 1, 3, 1, 2], testCount = 3, classNames = null as string[] | null } = {},
): Promise<WrittenCifar> {
  await mkdir(folder, { recursive: true });
  const written: WrittenCifar = { trainLabels: [], trainSeeds: [], testLabels: [], testSeeds: [] };
  let seed = 1;
  for (const [b, count] of perBatch.entries()) {
    const records: Buffer[] = [];
    for (let i = 0; i < count; i++, seed++) {
      const label = (seed * 3) % 10;
      records.push(cifarRecord(label, seed));
      written.trainLabels.push(label);
      written.trainSeeds.push(seed);
    }
    await writeFile(join(folder, `data_batch_${b + 1}.bin`), Buffer.concat(records));
  }
  const test: Buffer[] = [];
  for (let i = 0; i < testCount; i++, seed++) {
    const label = (seed * 7) % 10;
    test.push(cifarRecord(label, seed));
    written.testLabels.push(label);
    written.testSeeds.push(seed);
  }
  await writeFile(join(folder, 'test_batch.bin'), Buffer.concat(test));
  if (classNames) await writeFile(join(folder, 'batches.meta.txt'), `${classNames.join('\n')}\n\n`);
  return written;
}

/** Packs `<dir>/cifar-10-batches-bin/` into `<dir>/cifar-10-binary.tar.gz`, as the official archive is laid out. */
export async function writeCifarArchive(dir: string): Promise<{ archive: string; written: WrittenCifar }> {
  const written = await writeCifarFolder(join(dir, 'cifar-10-batches-bin'));
  const archive = join(dir, 'cifar-10-binary.tar.gz');
  await create({ gzip: true, file: archive, cwd: dir }, ['cifar-10-batches-bin']);
  return { archive, written };
}

/** A fresh folder under the OS temp dir. */
export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `cnn-lab-${prefix}-`));
}
