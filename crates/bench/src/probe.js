// Injected with Page.addScriptToEvaluateOnNewDocument, so it runs before any
// of the page's own scripts. It records, in page time (ms since navigation
// start, performance.now()):
//  - hotline_raf_ms: the start of the first animation frame in which the
//    element holding the hotline number's text (found by a MutationObserver
//    as the parser or the app inserts it) is laid out and visible. That
//    frame's paint is the number's first paint, so this is its paint time
//    minus that frame's style, layout and paint work.
//  - hotline_after_ms: when a message posted in that frame is handled: after
//    the frame is painted, so an upper bound (inflated by any task that was
//    already queued, such as compiling the Wasm).
//  - hotline_paint_ms: the Element Timing API's paint time for an element
//    marked `elementtiming="lantern-hotline"` in the markup, when the page
//    has one. (Setting the attribute from script does not work: Chromium
//    reports nothing for it, as tried here.)
//  - form_ms: when the tip form accepts input: the app root carries
//    data-ready="true", a form control (input, textarea, select) in the
//    report section is enabled and visible, and focus() lands on it. If the form is not in the
//    page at that point, the probe clicks the report tab once and waits.
//  - longest_task_ms / long_tasks / blocking_ms, and each long task's start
//    and length in long_task_spans (longtask observer),
//  - cls (layout-shift entries without recent input, summed),
//  - fcp_ms, lcp_ms, load_ms, and the bytes every response carried.
(() => {
  const cfg = __CONFIG__;
  const r = {
    hotline_paint_ms: null, hotline_raf_ms: null, hotline_after_ms: null, hotline_dom_ms: null,
    form_ms: null, form_via_nav: false, ready_ms: null,
    longest_task_ms: 0, long_tasks: 0, blocking_ms: 0, long_task_spans: [], cls: 0,
    fcp_ms: null, lcp_ms: null, load_ms: null, transfer_bytes: 0,
    timed_out: false, notes: [],
  };
  window.__lanternBench = r;
  const observe = (type, fn) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(fn))
        .observe({ type, buffered: true });
    } catch (e) { r.notes.push('no ' + type + ' observer'); }
  };
  observe('longtask', (e) => {
    r.long_tasks += 1;
    r.long_task_spans.push([e.startTime, e.duration]);
    r.longest_task_ms = Math.max(r.longest_task_ms, e.duration);
    r.blocking_ms += Math.max(0, e.duration - 50);
  });
  observe('layout-shift', (e) => { if (!e.hadRecentInput) r.cls += e.value; });
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') r.fcp_ms = e.startTime; });
  observe('largest-contentful-paint', (e) => { r.lcp_ms = e.renderTime || e.startTime; });
  observe('element', (e) => {
        if (e.identifier === 'lantern-hotline' && r.hotline_paint_ms === null) {
      r.hotline_paint_ms = e.renderTime || e.startTime;
    }
  });

  // The number with any one separator between digits: "1-888-373-7888".
  const number = new RegExp(cfg.digits.split('').join('\\D?'));
  let hotline = null;
  const consider = (node) => {
    if (hotline) return;
    if (node.nodeType === Node.TEXT_NODE) {
      if (number.test(node.data) && node.parentElement) {
        hotline = node.parentElement;
        r.hotline_dom_ms = performance.now();
      }
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t && !hotline; t = walker.nextNode()) consider(t);
    }
  };
  new MutationObserver((records) => {
    for (const rec of records) rec.addedNodes.forEach(consider);
  }).observe(document, { childList: true, subtree: true });

  const shown = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
      && style.display !== 'none';
  };
  let clicked = false;
  const formField = () => {
    for (const el of document.querySelectorAll(cfg.form_fields)) {
      if (!el.disabled && shown(el)) return el;
    }
    return null;
  };
  const frame = () => {
    const now = performance.now();
    if (hotline && r.hotline_raf_ms === null && hotline.isConnected && shown(hotline)) {
      r.hotline_raf_ms = now;
      // A message posted now is handled after this frame's paint (and after
      // any task already queued): an upper bound on the paint time.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { r.hotline_after_ms = performance.now(); };
      channel.port2.postMessage(0);
    }
    if (!cfg.baseline && r.form_ms === null) {
      const root = document.querySelector(cfg.ready);
      if (root && r.ready_ms === null) r.ready_ms = now;
      if (root) {
        const field = formField();
        if (field) {
          field.focus({ preventScroll: true });
          if (document.activeElement === field) r.form_ms = performance.now();
        } else if (!clicked) {
          const nav = document.querySelector(cfg.nav);
          if (nav) { clicked = true; r.form_via_nav = true; nav.click(); }
        }
      }
    }
    const hotlineDone = r.hotline_paint_ms !== null || r.hotline_raf_ms !== null;
    if (!(hotlineDone && (cfg.baseline || r.form_ms !== null) && r.load_ms !== null)) {
      requestAnimationFrame(frame);
    } else {
      settle();
    }
  };
  requestAnimationFrame(frame);
  addEventListener('load', () => { r.load_ms = performance.now(); });

  let finish;
  window.__lanternBenchDone = new Promise((resolve) => { finish = resolve; });
  const complete = () => {
    for (const e of performance.getEntriesByType('navigation').concat(
      performance.getEntriesByType('resource'))) {
      r.transfer_bytes += e.transferSize || 0;
    }
    finish(JSON.stringify(r));
  };
  let settling = false;
  // Late long tasks and layout shifts still count: wait a little after the
  // last milestone before reporting.
  const settle = () => {
    if (settling) return;
    settling = true;
    setTimeout(complete, cfg.settle_ms);
  };
  setTimeout(() => { r.timed_out = true; complete(); }, cfg.timeout_ms);
})();
