// What every data-set loader hands to training: pixels as raw uint8 bytes in HWC order,
// one byte per label. Keeping bytes (not floats) makes CIFAR-10 150 MB instead of 600 MB;
// the trainer scales batches to floats as it builds them.
import type { DatasetSpec } from '../../shared/modelSchema';

export type { DatasetSpec };

/** A set of examples: `images` holds count×h×w×c bytes, example i at byte i×h×w×c, HWC order. */
export interface ImageSet {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** A data set ready for training; its own cache files live in `<cacheDir>/<key>/`. */
export interface LoadedDataset {
  /** Names the data set's cache folder; changes whenever its source or decoding options change. */
  key: string;
  classNames: string[];
  /** [height, width, channels]. */
  imageShape: [number, number, number];
  train: ImageSet;
  test: ImageSet | null;
  /** The cache root given in LoadOptions (not the data set's own folder). */
  cacheDir: string;
  /** True when the pixels were read from the decoded cache rather than decoded now. */
  fromCache?: boolean;
}

/** Progress of a slow step; `total` is null when unknown (e.g. no content-length). */
export interface DatasetProgress {
  phase: 'download' | 'unpack' | 'decode' | 'cache';
  done: number;
  total: number | null;
  message: string;
}

/** How and where to load a data set. */
export interface LoadOptions {
  /** Relative dataset paths resolve against this folder (the model file's folder). */
  baseDir: string;
  /** Cache root; each data set gets its own `<cacheDir>/<key>/` folder. */
  cacheDir: string;
  onProgress?: (p: DatasetProgress) => void;
  /** Replaces the official CIFAR-10 download address (tests serve a small archive locally). */
  downloadUrl?: string;
  /** Replaces the published MD5 of the CIFAR-10 archive; only for tests, together with downloadUrl. */
  downloadMd5?: string;
  signal?: AbortSignal;
}

/** Bytes in one image of the given [h, w, c] shape. */
export function imageBytes(shape: readonly [number, number, number]): number {
  return shape[0] * shape[1] * shape[2];
}
