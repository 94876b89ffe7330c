// Injected with Page.addScriptToEvaluateOnNewDocument, so it runs before any
// of the page's own scripts. It records, in page time (ms since navigation
// start, performance.now()):
//  - hotline_paint_ms: when the hotline number's text was painted. The first
//    text node that spells the number gets `elementtiming` set by a
//    MutationObserver (which runs before the next rendering step), so the
//    Element Timing API reports its real paint time.
//  - hotline_raf_ms: the first animation frame in which that element is laid
//    out and visible: the frame just before its paint. A fallback for when
//    Element Timing reports nothing (it skips text outside the viewport).
//  - form_ms: when the tip form accepts input: the app root carries
//    data-ready="true", a text field or textarea in the report section is
//    enabled and visible, and focus() lands on it. If the form is not in the
//    page at that point, the probe clicks the report tab once and waits.
//  - longest_task_ms / long_tasks / blocking_ms (longtask observer),
//  - cls (layout-shift entries without recent input, summed),
//  - fcp_ms, lcp_ms, load_ms, and the bytes every response carried.
(() => {
  const cfg = __CONFIG__;
  const r = {
    hotline_paint_ms: null, hotline_raf_ms: null, hotline_dom_ms: null,
    form_ms: null, form_via_nav: false, ready_ms: null,
    longest_task_ms: 0, long_tasks: 0, blocking_ms: 0, cls: 0,
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
        hotline.setAttribute('elementtiming', 'lantern-hotline');
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
