// The dashboard's fixed skeleton. It holds no data (everything variable is filled in later
// through textContent), so writing it as one static template is safe and easy to read.

const SKELETON = /* html */ `
<header class="run-header">
  <div class="title-block">
    <div class="title-line">
      <span id="run-phase" class="phase-pill" data-phase="waiting">Waiting</span>
      <h1 id="run-name">Waiting for a training run</h1>
    </div>
    <div id="run-subtitle" class="subtitle"></div>
  </div>
  <dl class="stats">
    <div class="stat stat-epoch"><dt>Epoch</dt><dd id="stat-epoch">–</dd><div id="stat-progress" class="progress" aria-hidden="true"><span></span></div></div>
    <div class="stat"><dt>Val accuracy</dt><dd id="stat-val-accuracy">–</dd></div>
    <div class="stat"><dt>Val loss</dt><dd id="stat-val-loss">–</dd></div>
    <div class="stat"><dt>Learning rate</dt><dd id="stat-lr">–</dd></div>
    <div class="stat"><dt>Images/s</dt><dd id="stat-speed">–</dd></div>
    <div class="stat"><dt id="stat-eta-label">ETA</dt><dd id="stat-eta">–</dd></div>
  </dl>
  <div class="actions">
    <vscode-button id="stop-button" hidden>Stop</vscode-button>
    <vscode-button id="compare-button" secondary>Compare runs…</vscode-button>
  </div>
</header>
<div id="run-banner" class="banners" hidden></div>
<vscode-tabs id="tabs" selected-index="0">
  <vscode-tab-header slot="header" id="tab-training">Training</vscode-tab-header>
  <vscode-tab-panel>
    <main class="training-grid">
      <section class="card chart-card" aria-labelledby="loss-title">
        <div class="card-head"><h2 id="loss-title">Loss</h2><span id="loss-latest" class="muted"></span>
          <label class="smoothing">Smoothing
            <vscode-single-select id="smoothing-select" aria-label="Smoothing of the batch curves">
              <vscode-option value="0">off</vscode-option><vscode-option value="0.6">0.6</vscode-option>
              <vscode-option value="0.8">0.8</vscode-option><vscode-option value="0.9">0.9</vscode-option>
              <vscode-option value="0.95">0.95</vscode-option><vscode-option value="0.99">0.99</vscode-option>
            </vscode-single-select></label>
        </div>
        <div id="loss-chart" class="chart-host"></div>
      </section>
      <section class="card chart-card" aria-labelledby="accuracy-title">
        <div class="card-head"><h2 id="accuracy-title">Accuracy</h2><span id="accuracy-latest" class="muted"></span></div>
        <div id="accuracy-chart" class="chart-host"></div>
      </section>
      <section id="feature-maps" class="card" aria-labelledby="feature-maps-title">
        <div class="card-head"><h2 id="feature-maps-title">Feature maps</h2><span id="feature-maps-epoch" class="muted"></span>
          <vscode-single-select id="layer-select" aria-label="Convolution layer"></vscode-single-select>
        </div>
        <div id="probe-strip" class="probe-strip" role="group" aria-label="Probe images"></div>
        <p id="feature-maps-notice" class="notice" role="status" hidden></p>
        <div class="feature-body">
          <figure id="probe-view" class="probe-view"></figure>
          <div class="channels">
            <div id="channel-grid" class="channel-grid"></div>
            <p id="channel-caption" class="caption"></p>
          </div>
        </div>
        <div class="filters">
          <div id="filter-grid" class="filter-grid"></div>
          <p id="filters-caption" class="caption"></p>
        </div>
      </section>
      <section id="evaluation" class="card" aria-labelledby="evaluation-title">
        <div class="card-head"><h2 id="evaluation-title">Test set</h2><span id="evaluation-summary" class="muted"></span></div>
        <div class="evaluation-body">
          <div id="confusion-matrix" class="matrix-host"></div>
          <div class="evaluation-side">
            <div id="per-class"></div>
            <div id="top-confusions" class="top-confusions"></div>
          </div>
        </div>
      </section>
    </main>
  </vscode-tab-panel>
  <vscode-tab-header slot="header" id="tab-compare">Compare</vscode-tab-header>
  <vscode-tab-panel>
    <main class="compare-grid">
      <div class="compare-toolbar">
        <p id="compare-empty" class="placeholder">Pick two or more runs to overlay their validation curves.</p>
        <vscode-button id="compare-choose" secondary>Choose runs…</vscode-button>
      </div>
      <section class="card chart-card"><div class="card-head"><h2>Validation accuracy</h2></div><div id="compare-accuracy" class="chart-host"></div></section>
      <section class="card chart-card"><div class="card-head"><h2>Validation loss</h2></div><div id="compare-loss" class="chart-host"></div></section>
      <section class="card compare-table-card"><div id="compare-table"></div></section>
    </main>
  </vscode-tab-panel>
</vscode-tabs>
`;

/** Writes the skeleton into the body. */
export function renderSkeleton(root: HTMLElement): void {
  root.innerHTML = SKELETON;
}
