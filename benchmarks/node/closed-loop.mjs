// Closed loop of single readings through the Node.js `ws` client: the benchmark's
// second generator, so Vigil's rate against the echo ceiling does not rest on
// one client library. It speaks only the wire contract (PROTOCOL.md): each
// device signs in with its Bearer token, waits for `welcome`, numbers its
// readings after the welcome's lastSeq, keeps `window` of them unacked, and
// takes every cumulative `ack` as the end of those readings' round trip.
// Against the echo endpoint the echoed message is its own ack.
//
// Input (stdin, JSON): { ws, mode: "device" | "echo", devices: [{ id, token }],
//   window, warmupSeconds, seconds, drainSeconds }
// Output (stdout, one fact a line, for the Java side to read as it comes):
//   connected N | measuring | measured SECONDS | acked N | p50 MS | p99 MS |
//   device ID SENT ACKED | done
import WebSocket from 'ws';

const METRICS = '{"temperature":21.5,"humidity":40.1,"pressure":1.013}';

const config = JSON.parse(await readStdin());
const latencies = [];
let measuring = false;
let ackedInWindow = 0;
let running = true;

class Device {
  constructor(spec) {
    this.id = spec.id;
    this.nextSeq = 1;
    this.acked = 0;
    this.sentAt = new Map();
    const url = config.mode === 'echo' ? `${config.ws}/echo/ws` : `${config.ws}/ws/devices/${encodeURIComponent(spec.id)}`;
    const headers = config.mode === 'echo' ? {} : { Authorization: `Bearer ${spec.token}` };
    this.socket = new WebSocket(url, { headers, perMessageDeflate: false });
    this.ready = new Promise((resolve, reject) => {
      this.socket.on('error', reject);
      this.socket.on('close', (code, reason) => {
        if (running) {
          reject(new Error(`${this.id}: closed ${code} ${reason}`));
        }
      });
      this.socket.on('open', () => {
        if (config.mode === 'echo') {
          resolve();
        }
      });
      this.socket.on('message', (data) => {
        const message = JSON.parse(data.toString());
        if (message.type === 'welcome') {
          this.nextSeq = (message.lastSeq ?? 0) + 1;
          this.acked = this.nextSeq - 1;
          resolve();
        } else if (message.type === 'ack') {
          this.ackUpTo(message.seq);
        } else if (message.type === 'telemetry') {
          this.ackUpTo(message.seq);  // the echo of one we sent
        } else if (message.type === 'error') {
          console.error(`${this.id}: error ${data}`);
        }
      });
    });
  }

  fill() {
    while (running && this.nextSeq - 1 - this.acked < config.window) {
      const seq = this.nextSeq++;
      this.sentAt.set(seq, process.hrtime.bigint());
      this.socket.send(`{"type":"telemetry","seq":${seq},"ts":${Date.now()},"metrics":${METRICS}}`);
    }
  }

  ackUpTo(seq) {
    const now = process.hrtime.bigint();
    for (let s = this.acked + 1; s <= seq; s++) {
      const sent = this.sentAt.get(s);
      this.sentAt.delete(s);
      if (measuring && sent !== undefined) {
        latencies.push(Number(now - sent) / 1e6);
        ackedInWindow++;
      }
    }
    this.acked = Math.max(this.acked, seq);
    this.fill();
  }
}

const devices = config.devices.map((spec) => new Device(spec));
await Promise.all(devices.map((d) => d.ready));
console.log(`connected ${devices.length}`);
devices.forEach((d) => d.fill());
await sleep(config.warmupSeconds * 1000);
measuring = true;
const start = process.hrtime.bigint();
console.log('measuring');
await sleep(config.seconds * 1000);
measuring = false;
const measured = Number(process.hrtime.bigint() - start) / 1e9;
running = false;
console.log(`measured ${measured.toFixed(3)}`);
const drainUntil = Date.now() + config.drainSeconds * 1000;
while (devices.some((d) => d.acked < d.nextSeq - 1) && Date.now() < drainUntil) {
  await sleep(100);
}
latencies.sort((a, b) => a - b);
const percentile = (p) => (latencies.length === 0 ? NaN : latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p / 100))]);
console.log(`acked ${ackedInWindow}`);
console.log(`p50 ${percentile(50).toFixed(3)}`);
console.log(`p99 ${percentile(99).toFixed(3)}`);
for (const d of devices) {
  console.log(`device ${d.id} ${d.nextSeq - 1} ${d.acked}`);
  d.socket.close(1000);
}
console.log('done');
process.exit(0);

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
