// A bar chart of successes and failures per hour, drawn as SVG, with the same figures in a table for screen readers.
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes) {
  const element = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, String(value)));
  return element;
}

function hourLabel(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** A figure with the chart of stats.hours ({start, succeeded, failed}) and a caption. */
export function deliveryChart(stats, title) {
  const figure = document.createElement('figure');
  figure.className = 'chart';
  const width = 960, height = 120, left = 36, bottom = 20, top = 8;
  const hours = stats.hours;
  const max = Math.max(1, ...hours.map(h => h.succeeded + h.failed));
  const slot = (width - left) / hours.length;
  const scale = (height - bottom - top) / max;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-hidden': 'true', class: 'chart-svg' });
  chart.appendChild(svg('line', { x1: left, y1: height - bottom, x2: width, y2: height - bottom, class: 'axis' }));
  const maxLabel = svg('text', { x: left - 6, y: top + 10, 'text-anchor': 'end', class: 'tick' });
  maxLabel.textContent = String(max);
  chart.appendChild(maxLabel);
  hours.forEach((hour, i) => {
    const x = left + i * slot + 2;
    const okHeight = hour.succeeded * scale;
    const failHeight = hour.failed * scale;
    chart.appendChild(svg('rect', { x, y: height - bottom - okHeight, width: slot - 4, height: okHeight, class: 'bar-ok' }));
    chart.appendChild(svg('rect', { x, y: height - bottom - okHeight - failHeight, width: slot - 4, height: failHeight, class: 'bar-fail' }));
    if (i % 6 === 0) {
      const label = svg('text', { x, y: height - 4, class: 'tick' });
      label.textContent = hourLabel(hour.start);
      chart.appendChild(label);
    }
  });
  const caption = document.createElement('figcaption');
  const succeeded = hours.reduce((sum, h) => sum + h.succeeded, 0);
  const failed = hours.reduce((sum, h) => sum + h.failed, 0);
  caption.textContent = `${title}: ${succeeded} succeeded, ${failed} failed`;
  const legend = document.createElement('p');
  legend.className = 'legend';
  legend.innerHTML = '<span class="key key-ok"></span> succeeded <span class="key key-fail"></span> failed';
  figure.append(caption, chart, legend, table(hours));
  return figure;
}

function table(hours) {
  const table = document.createElement('table');
  table.className = 'visually-hidden';
  const head = table.createTHead().insertRow();
  ['Hour', 'Succeeded', 'Failed'].forEach(text => { const th = document.createElement('th'); th.textContent = text; head.appendChild(th); });
  const body = table.createTBody();
  hours.forEach(hour => {
    const row = body.insertRow();
    [hourLabel(hour.start), hour.succeeded, hour.failed].forEach(value => { row.insertCell().textContent = String(value); });
  });
  return table;
}
