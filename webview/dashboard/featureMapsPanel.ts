// What the network sees: for a chosen probe image (or any test image opened from the
// misclassified view, whose maps the host computes on request) and conv layer, each channel's
// activation as a small heat map, plus the first layer's kernels as colour patches. Redrawn
// only when the maps, the image or the layer change, not on every batch.
import type { DashboardState } from '../../src/shared/dashboardState';
import type { FeatureMapsEvent, FiltersEvent, ProbeImage } from '../../src/shared/trainingEvents';
import type { ImageFeatureMapsMessage } from '../../src/shared/webviewProtocol';
import { viridis } from '../common/colormap';
import { byId, el, replaceChildren } from '../common/dom';
import { decodeBase64, drawChannel, drawImage, pixelCanvas } from '../common/pixels';

/** The choices the panel reads from and reports to the page; `inspected`, when set, is shown instead of the probe. */
export interface FeatureMapsSelection { probeIndex: number; layerName: string | null; inspected: ImageFeatureMapsMessage | null }

type MapLayers = FeatureMapsEvent['layers'];

/** The image whose maps are drawn, and what to say while it has none. */
interface Subject {
  pixels: string;
  imageShape: readonly [number, number, number];
  title: string;
  detail: string;
  maps: { epoch: number; layers: MapLayers } | undefined;
  placeholder: string;
}

/** Callbacks for the user's choices. */
export interface FeatureMapsActions { selectProbe(probeIndex: number): void; selectLayer(layerName: string): void }

type SelectElement = HTMLElement & { value: string };

/** The feature-maps card. */
export class FeatureMapsPanel {
  private readonly probes = byId('probe-strip');
  private readonly layerSelect = byId<SelectElement>('layer-select');
  private readonly epochLabel = byId('feature-maps-epoch');
  private readonly probeView = byId('probe-view');
  private readonly grid = byId('channel-grid');
  private readonly gridCaption = byId('channel-caption');
  private readonly filters = byId('filter-grid');
  private readonly filtersCaption = byId('filters-caption');
  private readonly notice = byId('feature-maps-notice');
  private drawn: { maps: FeatureMapsEvent | undefined; layer: string | null; probes: ProbeImage[] | undefined; probeIndex: number; inspected: ImageFeatureMapsMessage | null } | null = null;
  private drawnFilters: FiltersEvent | null = null;
  private layerNames: string[] = [];

  constructor(actions: FeatureMapsActions) {
    this.layerSelect.addEventListener('change', () => actions.selectLayer(this.layerSelect.value));
    this.probes.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLElement>('[data-probe]');
      if (button) actions.selectProbe(Number(button.dataset.probe));
    });
  }

  /** Redraws what changed. */
  update(state: DashboardState, selection: FeatureMapsSelection): void {
    const probes = state.begin?.probes;
    const { inspected } = selection;
    const maps = state.featureMaps.find((m) => m.probeIndex === selection.probeIndex);
    const layerName = this.resolveLayer(state, inspected ? inspected.maps?.layers : maps?.layers, selection.layerName);
    // An inspected image is not in the strip: no probe is pressed while it is shown.
    const pressed = inspected ? -1 : selection.probeIndex;
    const previous = this.drawn;
    if (!previous || previous.probes !== probes || previous.probeIndex !== pressed) this.drawProbes(state, pressed);
    if (!previous || previous.maps !== maps || previous.layer !== layerName || previous.probes !== probes || previous.probeIndex !== pressed || previous.inspected !== inspected) {
      this.drawMaps(state, inspected ? inspectedSubject(state, inspected) : probeSubject(state, maps, selection.probeIndex), layerName);
    }
    if (this.drawnFilters !== state.filters) this.drawFilters(state.filters);
    this.drawn = { maps, layer: layerName, probes, probeIndex: pressed, inspected };
  }

  /** Says why an image has no maps (only probe images are recorded), or clears the notice. */
  showNotice(text: string | null): void {
    this.notice.textContent = text ?? '';
    this.notice.hidden = !text;
  }

  private resolveLayer(state: DashboardState, layers: MapLayers | undefined, wanted: string | null): string | null {
    const names = layers?.map((l) => l.name) ?? state.begin?.convLayers.map((l) => l.name) ?? [];
    if (names.join('\n') !== this.layerNames.join('\n')) {
      this.layerNames = names;
      replaceChildren(this.layerSelect, ...names.map((name) => {
        const layer = layers?.find((l) => l.name === name) ?? state.begin?.convLayers.find((l) => l.name === name);
        return el('vscode-option', { value: name }, layer ? `${name}  (${layer.shape.join('×')})` : name);
      }));
    }
    const chosen = wanted !== null && names.includes(wanted) ? wanted : names[0] ?? null;
    if (chosen !== null && this.layerSelect.value !== chosen) this.layerSelect.value = chosen;
    return chosen;
  }

  private drawProbes(state: DashboardState, selected: number): void {
    const begin = state.begin;
    if (!begin) { replaceChildren(this.probes); return; }
    replaceChildren(this.probes, ...begin.probes.map((probe, index) => {
      const canvas = pixelCanvas(begin.imageShape[1], begin.imageShape[0], 'pixelated');
      drawImage(canvas, decodeBase64(probe.pixels), begin.imageShape);
      const label = begin.classNames[probe.label] ?? `class ${probe.label}`;
      return el('button', {
        class: 'probe', 'data-probe': index, 'aria-pressed': index === selected ? 'true' : 'false',
        title: `Test image #${probe.testIndex}: ${label}`,
      }, canvas, el('span', {}, label));
    }));
  }

  private drawMaps(state: DashboardState, subject: Subject | null, layerName: string | null): void {
    if (subject) {
      const canvas = pixelCanvas(subject.imageShape[1], subject.imageShape[0], 'pixelated');
      drawImage(canvas, decodeBase64(subject.pixels), subject.imageShape);
      replaceChildren(this.probeView, canvas, el('figcaption', {}, subject.title, el('small', {}, subject.detail)));
    } else {
      replaceChildren(this.probeView);
    }
    const maps = subject?.maps;
    const layer = maps?.layers.find((l) => l.name === layerName);
    this.epochLabel.textContent = maps ? `after epoch ${maps.epoch + 1}` : '';
    if (!layer) {
      replaceChildren(this.grid, el('p', { class: 'placeholder' }, state.begin?.convLayers.length === 0
        ? 'This model has no convolution layers to show.'
        : subject?.placeholder ?? 'Feature maps appear at the end of the first epoch.'));
      this.gridCaption.textContent = '';
      this.grid.dataset.channels = '0';
      return;
    }
    const [height, width, channels] = layer.shape;
    const bytes = decodeBase64(layer.data);
    // About twice as wide as tall, so 32 or 64 channels fit beside the probe without scrolling.
    this.grid.style.setProperty('--columns', String(Math.max(4, Math.ceil(Math.sqrt(channels * 2)))));
    const tiles: HTMLElement[] = [];
    for (let c = 0; c < channels; c++) {
      const canvas = pixelCanvas(width, height, 'pixelated');
      drawChannel(canvas, bytes, layer.shape, c, viridis);
      canvas.title = `${layer.name} channel ${c}`;
      tiles.push(canvas);
    }
    replaceChildren(this.grid, ...tiles);
    this.grid.dataset.channels = String(channels);
    this.gridCaption.textContent = `${layer.name}: ${channels} channels of ${height}×${width}, each scaled to its own range`;
  }

  private drawFilters(filters: FiltersEvent | null): void {
    this.drawnFilters = filters;
    if (!filters) { replaceChildren(this.filters); this.filtersCaption.textContent = ''; return; }
    const [kh, kw, inChannels, count] = filters.shape;
    const bytes = decodeBase64(filters.data);
    const patches: HTMLElement[] = [];
    for (let f = 0; f < count; f++) {
      const canvas = pixelCanvas(kw, kh, 'pixelated');
      const context = canvas.getContext('2d');
      if (!context) continue;
      const image = context.createImageData(kw, kh);
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const at = (k: number): number => bytes[((i * kw + j) * inChannels + k) * count + f];
          // RGB kernels show their colour; others show the mean over input channels in grey.
          let rgb: [number, number, number];
          if (inChannels === 3) rgb = [at(0), at(1), at(2)];
          else {
            let sum = 0;
            for (let k = 0; k < inChannels; k++) sum += at(k);
            const grey = Math.round(sum / inChannels);
            rgb = [grey, grey, grey];
          }
          const p = (i * kw + j) * 4;
          image.data.set([...rgb, 255], p);
        }
      }
      context.putImageData(image, 0, 0);
      canvas.title = `${filters.layer} filter ${f}`;
      patches.push(canvas);
    }
    replaceChildren(this.filters, ...patches);
    this.filtersCaption.textContent = `${filters.layer} kernels (${kh}×${kw}×${inChannels}), after epoch ${filters.epoch + 1}`;
  }
}

/** What the notice above the maps says about an inspected image, or null when its maps are shown. */
export function inspectionNotice(message: ImageFeatureMapsMessage): string | null {
  const which = `test image #${message.image.testIndex}`;
  switch (message.status) {
    case 'computing': return `Computing the feature maps of ${which} from the run's latest checkpoint…`;
    case 'failed': return `Could not compute the feature maps of ${which}: ${message.error ?? 'unknown error'}`;
    case 'ready': return null;
  }
}

function probeSubject(state: DashboardState, maps: FeatureMapsEvent | undefined, probeIndex: number): Subject | null {
  const begin = state.begin;
  const probe = begin?.probes[probeIndex];
  if (!begin || !probe) return null;
  return {
    pixels: probe.pixels, imageShape: begin.imageShape, title: begin.classNames[probe.label] ?? '', detail: `test #${probe.testIndex}`,
    maps, placeholder: 'Feature maps appear at the end of the first epoch.',
  };
}

function inspectedSubject(state: DashboardState, inspected: ImageFeatureMapsMessage): Subject {
  const { image } = inspected;
  const name = (c: number): string => state.begin?.classNames[c] ?? `class ${c}`;
  return {
    pixels: image.pixels, imageShape: image.imageShape, title: name(image.label),
    detail: `test #${image.testIndex}${image.predicted === image.label ? '' : ` · predicted ${name(image.predicted)}`}`,
    maps: inspected.maps,
    placeholder: inspected.status === 'computing' ? 'Computing the feature maps…' : 'No feature maps for this image.',
  };
}
