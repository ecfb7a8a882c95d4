// The soak test's chart: throughput, p99 latency and each instance's RSS over time, as a small
// self-contained SVG (no library: three panels of polylines with their scales).
const WIDTH = 720;
const PANEL = 150;
const MARGIN = { left: 60, right: 20, top: 28, bottom: 22 };
const COLOURS = ['#1f6feb', '#d1242f', '#1a7f37'];

function panel(index, title, unit, series, seconds) {
  const top = index * (PANEL + MARGIN.top + MARGIN.bottom) + MARGIN.top;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const maxValue = Math.max(1, ...series.flatMap((line) => line.values)) * 1.1;
  const maxSeconds = Math.max(1, ...seconds);
  const x = (second) => MARGIN.left + (second / maxSeconds) * plotWidth;
  const y = (value) => top + PANEL - (value / maxValue) * PANEL;
  const parts = [
    `<text x="${MARGIN.left}" y="${top - 8}" font-size="13" font-weight="bold">${title}</text>`,
    `<line x1="${MARGIN.left}" y1="${top + PANEL}" x2="${WIDTH - MARGIN.right}" y2="${top + PANEL}" stroke="#888"/>`,
    `<line x1="${MARGIN.left}" y1="${top}" x2="${MARGIN.left}" y2="${top + PANEL}" stroke="#888"/>`,
  ];
  for (const fraction of [0, 0.5, 1]) {
    const value = (maxValue / 1.1) * fraction;
    parts.push(
      `<text x="${MARGIN.left - 6}" y="${y(value) + 4}" font-size="11" text-anchor="end">${Math.round(value)} ${unit}</text>`,
    );
  }
  for (let minute = 0; minute * 60 <= maxSeconds; minute += 1) {
    parts.push(
      `<text x="${x(minute * 60)}" y="${top + PANEL + 15}" font-size="10" text-anchor="middle">${minute}′</text>`,
    );
  }
  for (const [lineIndex, line] of series.entries()) {
    const points = line.values.map(
      (value, at) => `${x(seconds[at]).toFixed(1)},${y(value).toFixed(1)}`,
    );
    parts.push(
      `<polyline fill="none" stroke="${COLOURS[lineIndex]}" stroke-width="1.5" points="${points.join(' ')}"/>`,
    );
    if (line.label)
      parts.push(
        `<text x="${WIDTH - MARGIN.right - lineIndex * 90}" y="${top - 8}" font-size="11" text-anchor="end" fill="${COLOURS[lineIndex]}">${line.label}</text>`,
      );
  }
  return parts.join('\n');
}

/** `samples`: [{ seconds, throughput, p99Ms, rssMb: [A, B] }] every 10 s of the soak. */
export function soakChart(samples, { rate, minutes }) {
  const seconds = samples.map((sample) => sample.seconds);
  const height = 3 * (PANEL + MARGIN.top + MARGIN.bottom);
  const panels = [
    panel(
      0,
      `Throughput (requests/s, every 10 s; target ${rate}/s)`,
      '/s',
      [{ values: samples.map((sample) => sample.throughput) }],
      seconds,
    ),
    panel(
      1,
      'p99 latency (ms, every 10 s)',
      'ms',
      [{ values: samples.map((sample) => sample.p99Ms) }],
      seconds,
    ),
    panel(
      2,
      'RSS per instance (MB)',
      'MB',
      [
        { values: samples.map((sample) => sample.rssMb[0]), label: 'instance A' },
        { values: samples.map((sample) => sample.rssMb[1]), label: 'instance B' },
      ],
      seconds,
    ),
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">
<title>Soak test: ${minutes} minutes at ${rate} requests/s</title>
<rect width="100%" height="100%" fill="#fff"/>
${panels.join('\n')}
</svg>
`;
}
