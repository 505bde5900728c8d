// Time-series charts on uPlot (vendor/uplot-1.6.32, MIT): one per metric, the bucket mean as a
// line inside the band from the bucket minimum to its maximum. Data comes in the history API's
// columns ({t, n, min, avg, max}); live readings are folded into the same buckets as they arrive.

/* global uPlot */

export class MetricChart {
  constructor(container, metric, bucketMillis, from, to) {
    this.metric = metric;
    this.bucket = bucketMillis;
    this.from = from;
    this.to = to;
    this.t = []; this.min = []; this.avg = []; this.max = [];
    this.plot = new uPlot({
      title: metric,
      width: Math.max(300, container.clientWidth - 8),
      height: 220,
      // The x axis is the range asked for (growing with live readings), not just where the data is.
      scales: { x: { time: true, range: () => [this.from / 1000, this.to / 1000] } },
      series: [
        {},
        { label: 'min', stroke: '#7aa6d6', width: 1 },
        { label: 'mean', stroke: '#1c5fa8', width: 2 },
        { label: 'max', stroke: '#7aa6d6', width: 1 },
      ],
      bands: [{ series: [3, 1], fill: 'rgba(28,95,168,0.12)' }],
      axes: [{}, { size: 60 }],
    }, [[], [], [], []], container);
    this.plot.root.dataset.metric = metric;
  }

  /** Replaces the data with a history series (or nothing). */
  load(series) {
    this.t = series ? Array.from(series.t) : [];
    this.min = series ? Array.from(series.min) : [];
    this.avg = series ? Array.from(series.avg) : [];
    this.max = series ? Array.from(series.max) : [];
    this.n = series ? Array.from(series.n) : [];
    this.redraw();
  }

  /** Folds one live value into its bucket (appending a new one when it starts a bucket). */
  add(ts, value) {
    const start = Math.floor(ts / this.bucket) * this.bucket;
    const last = this.t.length - 1;
    if (last >= 0 && this.t[last] === start) {
      this.n[last]++;
      this.min[last] = Math.min(this.min[last], value);
      this.max[last] = Math.max(this.max[last], value);
      this.avg[last] += (value - this.avg[last]) / this.n[last];
    } else if (last < 0 || start > this.t[last]) {
      this.t.push(start); this.n.push(1); this.min.push(value); this.avg.push(value); this.max.push(value);
      this.to = Math.max(this.to, start + this.bucket);
    } else {
      return; // an old reading caught up late: the history query has it
    }
    this.dirty = true;
  }

  redraw() {
    this.dirty = false;
    this.plot.setData([this.t.map((ms) => ms / 1000), this.min, this.avg, this.max]);
    // What the chart shows, readable from the page (tests, and anyone inspecting it).
    this.plot.root.dataset.points = String(this.t.length);
    this.plot.root.dataset.max = this.max.length ? String(Math.max(...this.max)) : '';
  }

  /** How many points the chart holds (for tests and the page's own figures). */
  points() {
    return this.t.length;
  }

  resize(width) {
    this.plot.setSize({ width: Math.max(300, width - 8), height: 220 });
  }

  destroy() {
    this.plot.destroy();
  }
}
