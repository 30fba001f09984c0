// Chart.js set up once for the webview: only the parts the dashboard uses are registered
// (a smaller bundle), and fonts and colours follow the VS Code theme.
import {
  Chart, Decimation, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartOptions,
} from 'chart.js';
import { cssVariable } from '../common/theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Legend, Decimation);

/** Theme colours that chart.js draws with (it cannot read CSS variables itself). */
export interface ChartColors { text: string; grid: string; tooltipBackground: string; tooltipBorder: string; tooltipText: string }

/** Reads the chart colours and font from the current theme and makes them chart.js's defaults. */
export function applyChartTheme(): ChartColors {
  const colors: ChartColors = {
    text: cssVariable('--vscode-descriptionForeground', '#9d9d9d'),
    grid: cssVariable('--vscode-charts-lines', 'rgba(128, 128, 128, 0.35)'),
    tooltipBackground: cssVariable('--vscode-editorHoverWidget-background', '#252526'),
    tooltipBorder: cssVariable('--vscode-editorHoverWidget-border', '#454545'),
    tooltipText: cssVariable('--vscode-editorHoverWidget-foreground', '#cccccc'),
  };
  Chart.defaults.font.family = cssVariable('--vscode-font-family', 'system-ui, sans-serif');
  Chart.defaults.font.size = 11;
  Chart.defaults.color = colors.text;
  Chart.defaults.borderColor = colors.grid;
  return colors;
}

/** Options shared by every line chart of the dashboard: no animation, no parsing, decimated. */
export function baseLineOptions(colors: ChartColors, xTitle: string, wholeX = false): ChartOptions<'line'> {
  return {
    animation: false,
    parsing: false,
    normalized: true,
    responsive: true,
    maintainAspectRatio: false,
    spanGaps: true,
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    elements: { point: { radius: 0, hitRadius: 4 }, line: { borderWidth: 1.5 } },
    plugins: {
      // min-max keeps the spikes of noisy batch losses, which LTTB would smooth away.
      decimation: { enabled: true, algorithm: 'min-max' },
      legend: {
        position: 'top', align: 'end',
        labels: {
          boxWidth: 7, boxHeight: 7, usePointStyle: true, padding: 8,
          filter: (item) => !item.text.startsWith('_'), sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
        },
      },
      tooltip: {
        backgroundColor: colors.tooltipBackground, borderColor: colors.tooltipBorder, borderWidth: 1,
        titleColor: colors.tooltipText, bodyColor: colors.tooltipText, usePointStyle: true,
        filter: (item) => !(item.dataset.label ?? '').startsWith('_'),
      },
    },
    scales: {
      x: linearAxis(colors, xTitle, wholeX),
      y: linearAxis(colors, ''),
    },
  };
}

type AxisOptions = NonNullable<ChartOptions<'line'>['scales']>[string];

function linearAxis(colors: ChartColors, title: string, whole = false): AxisOptions {
  return {
    type: 'linear',
    grid: { color: colors.grid },
    border: { color: colors.grid },
    ticks: { color: colors.text, maxTicksLimit: 8, ...(whole ? { stepSize: 1, precision: 0 } : {}) },
    title: { display: title !== '', text: title, color: colors.text },
  };
}
