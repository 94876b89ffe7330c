// lantern-bench kdf (issue 16): times the follow-up code's Argon2id as the
// widget runs it, in the dedicated worker (public/followup/worker.js), and
// for comparison on this page's main thread; records the longest main-thread
// task while the worker derives. Called by the bench through the DevTools
// protocol with the CPU slowed 4x: window.kdfBench(runs).
import init, { Session } from './followup/lantern_followup_worker.js';

const CODE = '4821 0937 5562 1049 7730';

window.kdfBench = async (runs) => {
  // Only tasks from here on: the page's own loading is not the follow-up's.
  const since = performance.now();
  const longTasks = [];
  const taskLog = [];
  const marks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.startTime >= since) {
        longTasks.push(entry.duration);
        taskLog.push([Math.round(entry.startTime - since), Math.round(entry.duration), marks.slice()]);
      }
    }
  }).observe({ type: 'longtask', buffered: true });

  const worker = new Worker('followup/worker.js', { type: 'module' });
  let next = 0;
  const call = (message) => new Promise((resolve, reject) => {
    const id = ++next;
    worker.onmessage = (event) => {
      if (event.data.id !== id) return;
      if (event.data.ok) resolve(event.data.value); else reject(new Error(event.data.error));
    };
    worker.postMessage({ id, ...message });
  });
  // The first call also loads and compiles the module: timed apart.
  let started = performance.now();
  marks.push(['worker-start', Math.round(started - since)]);
  await call({ op: 'code-problem', code: CODE });
  marks.push(['worker-ready', Math.round(performance.now() - since)]);
  const workerLoadMs = performance.now() - started;
  const workerMs = [];
  for (let i = 0; i < runs; i++) {
    started = performance.now();
    await call({ op: 'open', code: CODE });
    workerMs.push(performance.now() - started);
  }
  worker.terminate();
  await new Promise((resolve) => setTimeout(resolve, 100));
  const longestTaskMs = Math.max(0, ...longTasks);

  await init({ module_or_path: './followup/lantern_followup_worker_bg.wasm' });
  const mainMs = [];
  let lookup = '';
  for (let i = 0; i < runs; i++) {
    started = performance.now();
    const session = new Session(CODE);
    mainMs.push(performance.now() - started);
    lookup = session.lookupToken();
    session.free();
  }
  console.log(JSON.stringify(taskLog));
  window.taskLog = taskLog;
  return { taskLog: JSON.stringify(taskLog), workerLoadMs, workerMs, mainMs, longestTaskMs, lookup };
};
window.kdfReady = true;
