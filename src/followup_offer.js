// The follow-up's offers in the widget (issue 16): what happens when a
// person presses "Get a reply code" on the receipt or "Check for a reply"
// below the form (src/followup/mod.rs draws both places). It loads the
// follow-up's screens (public/followup/place.js, crates/followup-place)
// with a dynamic import() of a same-origin URL, mounts the screen into the
// place, and unmounts it (ending its worker and the keys in it) on "Close",
// when the place leaves the page, or on the quick exit.
//
// Why JavaScript: the same steps in Rust (a future for the import, stored
// values for the screens, closures for the callbacks) cost the first visit
// about 3 KB brotli of Wasm; this file costs a few hundred bytes
// (docs/benchmarks.md, "The offers' bytes"). wasm-bindgen writes it into
// snippets/, a same-origin module the glue imports, so the
// Content-Security-Policy needs no inline script and no eval; nothing the
// first page loads names followup/place.js, so a first visit downloads
// none of the follow-up (scripts/check-budget.sh follows the references).
//
// A place is the markup of src/followup/mod.rs:
//   <div class="lx-fu" [id="lx-fu-check"]>
//     <div>offer words, button</div>
//     <div role="status"><div hidden>Loading</div><div hidden>failed</div></div>
//     <div>(the screen mounts here)</div>
//   </div>
// Its words are the widget's, so a failure to load is said in the person's
// language without the module.

// The module's entry point, relative to the page, as the worker's is.
const PATH = 'followup/place.js';

// The import while it loads or once it loaded: each file loads once.
let loading = null;
// Failed tries so far: a new try asks under a URL of its own, as a browser
// may keep a failed import's answer.
let tries = 0;
// Mounted screens, by the place they are in.
const screens = new Map();
// The receipt's place while its screen shows a code with its own "Check
// for a reply": the place below the form hides its button meanwhile, so
// there is one such button at a time.
let offered = null;
// Ends the screens whose place left the page (a new tip, another section).
const watcher = new MutationObserver(() => {
  for (const place of [...screens.keys()]) if (!place.isConnected) end(place);
  showButton();
});

function load() {
  return (loading ||= import(new URL(tries ? PATH + '?try=' + tries : PATH, document.baseURI).href)
    .catch((error) => {
      loading = null;
      tries++;
      throw error;
    }));
}

// The place below the form.
function checkPlace() {
  return document.getElementById('lx-fu-check');
}

// The place's own button shows unless its screen does or the receipt
// offers its own.
function showButton() {
  const place = checkPlace();
  if (place) place.firstElementChild.hidden = screens.has(place) || !!offered;
}

// Loads the screens (if not yet) and mounts the place's: the receipt's
// reply code for the tip sent under `key` when a key is given (an empty
// one fails at once, and the screen says so), else "Check for a reply".
function show(place, key) {
  if (!place || screens.has(place)) return;
  const [offer, status, at] = place.children;
  const [wait, failed] = status.children;
  offer.hidden = failed.hidden = true;
  wait.hidden = false;
  load()
    .then((m) => {
      // The place went while the module loaded.
      if (!place.isConnected || screens.has(place)) return;
      const lang = (place.closest('[lang]') || document.documentElement).lang;
      screens.set(
        place,
        key == null
          ? m.mountCheck(at, lang, () => close(place))
          : m.mountKeepCode(at, lang, key, () => {
              offered = place;
              showButton();
            }, () => show(checkPlace())),
      );
      watcher.observe(document.body, { childList: true, subtree: true });
    })
    .catch(() => {
      failed.hidden = offer.hidden = false;
    })
    .finally(() => {
      wait.hidden = true;
    });
}

// Unmounts the place's screen, if any, ending its worker.
function end(place) {
  const screen = screens.get(place);
  if (!screen) return;
  screens.delete(place);
  if (place === offered) offered = null;
  if (!screens.size) watcher.disconnect();
  try {
    screen.unmount();
  } catch {}
}

// "Close", from "Check for a reply": the screen goes (forgetting the code)
// and focus goes back to the button that opened it, or to the receipt's.
function close(place) {
  end(place);
  showButton();
  const button = offered
    ? offered.querySelector('[data-testid=check-reply-from-receipt]')
    : place.querySelector('button');
  if (button) button.focus();
}

/** A press of a place's button (`event`, a click in the place). */
export function open(event, key) {
  show(event.target.closest('.lx-fu'), key);
}

/** The quick exit: every screen goes, with its worker. */
export function endAll() {
  for (const place of [...screens.keys()]) end(place);
}
