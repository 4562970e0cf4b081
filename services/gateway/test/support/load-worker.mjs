// A client in its own thread, so that only the gateway's work runs on the test's event loop:
// `send` posts the given bodies round after round, two at a time; `probe` polls /health/live and
// reports every latency. Plain JavaScript: worker threads load it without the test's transform.
import { parentPort, workerData } from 'node:worker_threads';

const { mode, url, requests = [], rounds = 1 } = workerData;

async function send() {
  const statuses = {};
  const one = async (offset) => {
    for (let round = 0; round < rounds; round += 1) {
      for (let index = 0; index < requests.length; index += 1) {
        const { name, method, path, token, body } = requests[(index + offset) % requests.length];
        const response = await fetch(`${url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: Buffer.from(body),
        });
        await response.arrayBuffer();
        (statuses[name] ??= []).includes(response.status) || statuses[name].push(response.status);
      }
    }
  };
  await Promise.all([one(0), one(Math.floor(requests.length / 2))]);
  parentPort.postMessage({ statuses });
}

async function probe() {
  const latencies = [];
  let running = true;
  parentPort.on('message', () => (running = false));
  // Unmeasured: the first fetch of a thread loads its HTTP client (undici, tens of milliseconds, more on newer
  // Node versions) and opens the connection; that is the client's start-up, not the gateway's answer.
  await (await fetch(`${url}/health/live`)).arrayBuffer();
  parentPort.postMessage({ ready: true });
  while (running) {
    const started = performance.now();
    const response = await fetch(`${url}/health/live`);
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  parentPort.postMessage({ latencies });
}

await (mode === 'send' ? send() : probe());
