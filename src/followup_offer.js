// The follow-up's offers in the widget (issue 16): the receipt's "Get a
// reply code" and "Check for a reply" below the form, drawn into the two
// places src/followup/mod.rs renders, and what a press of either does. It
// loads the follow-up's screens (public/followup/place.js,
// crates/followup-place) with a dynamic import() of a same-origin URL,
// mounts the screen into the place, and unmounts it (ending its worker and
// the keys in it) on "Close", when the place leaves the page, or on the
// quick exit.
//
// Why JavaScript: the same markup and steps in Rust (Leptos's code for each
// element, which grows every function of the view around it, a future for
// the import, stored values for the screens, closures for the callbacks)
// cost the first visit about 3 KB brotli more than this file does (docs/benchmarks.md, "The offers' bytes").
// wasm-bindgen writes it into snippets/, a same-origin module the glue
// imports, so the Content-Security-Policy needs no inline script and no
// eval; nothing the first page loads names followup/place.js, so a first
// visit downloads none of the follow-up (scripts/check-budget.sh follows
// the references).
//
// The words are the widget's: the place below the form carries them in its
// data-words attribute, a word a line (offer, its button, "Check for a
// reply", loading, failed: FollowupStrings::as_lines in
// src/i18n/followup.rs), which Leptos keeps in the language in force,
// so a failure to load is said in the person's language without the
// module, and a language switch changes them here too. What this file
// draws in a place (the receipt's it adds after the receipt's paragraph
// #lx-fu-receipt):
//   <div>[<p>offer</p>] <p><button>button</button></p></div>
//   <div role="status"><div hidden>loading</div><div hidden>failed</div></div>
//   <div>(the screen mounts here)</div>

// The module's entry point, relative to the page, as the worker's is.
const PATH = 'followup/place.js';
// The place below the form (src/followup/mod.rs), which carries the words
// of both places.
const CHECK = 'lx-fu-check';
// The receipt's paragraph after which its place goes (src/form/view/receipt.rs).
const RECEIPT = 'lx-fu-receipt';

// The import while it loads or once it loaded: each file loads once.
let loading = null;
// Failed tries so far: a new try asks under a URL of its own, as a browser
// may keep a failed import's answer.
let tries = 0;
// Mounted screens, by the place they are in.
const screens = new Map();
// The receipt's place, drawn here after the receipt's paragraph (so the
// receipt's view, in the first visit's Wasm, holds no element of its own
// for it), and removed with that paragraph.
let keep = null;
// The receipt's place while its screen shows a code with its own "Check
// for a reply": the place below the form hides its button meanwhile, so
// there is one such button at a time.
let offered = null;
// The Idempotency-Key of the tip the receipt is for (from the widget, in
// memory only): the screen registers the code for it.
let tipKey = '';

// Draws the places when they appear, follows their words, and ends the
// screens whose place left the page (a new tip, another section).
new MutationObserver(() => {
  const check = document.getElementById(CHECK);
  const at = document.getElementById(RECEIPT);
  if (keep && keep.lxAt !== at) {
    // The receipt went: its place and key go with it.
    keep.remove();
    keep = null;
    tipKey = '';
  }
  if (at && !keep) {
    keep = document.createElement('div');
    keep.lxAt = at;
    at.after(keep);
  }
  for (const place of [...screens.keys()]) if (!place.isConnected) end(place);
  if (check) {
    const [offer, offerButton, button, ...status] = check.dataset.words.split('\n');
    draw(keep, 'keep-code', offer, offerButton, status);
    draw(check, 'check-reply-place', null, button, status);
  }
}).observe(document.documentElement, {
  childList: true,
  subtree: true,
  attributeFilter: ['data-words'],
});

function add(parent, tag, className, testid) {
  const e = parent.appendChild(document.createElement(tag));
  if (className) e.className = className;
  if (testid) e.dataset.testid = testid;
  return e;
}

// Draws the place's offer (with `hint`'s words, if any, and `button`'s),
// status and screen's element once, then keeps their words those given.
// (Only a changed word is written: writing is itself a change the observer
// sees.)
function draw(place, testid, hint, button, [loading, failed]) {
  if (!place) return;
  let parts = place.lxFu;
  if (!parts) {
    place.className = 'lx-fu';
    place.dataset.testid = testid;
    const offer = add(place, 'div');
    const p = {
      offer,
      hint: hint == null ? null : add(offer, 'p'),
      button: add(add(offer, 'p'), 'button', 'lx-btn lx-f-secondary', place == keep ? 'get-code' : 'check-reply'),
    };
    p.button.type = 'button';
    p.button.onclick = () => show(place);
    const status = add(place, 'div', 'lx-f-hint');
    status.setAttribute('role', 'status');
    p.wait = add(status, 'div', '', 'followup-loading');
    p.failed = add(status, 'div', 'lx-f-error', 'followup-load-failed');
    p.wait.hidden = p.failed.hidden = true;
    p.at = add(place, 'div');
    parts = place.lxFu = p;
    showButton();
  }
  for (const [e, words] of [
    [parts.hint, hint],
    [parts.button, button],
    [parts.wait, loading],
    [parts.failed, failed],
  ]) {
    if (e && e.textContent != words) e.textContent = words;
  }
}

function load() {
  return (loading ||= import(new URL(tries ? PATH + '?try=' + tries : PATH, document.baseURI).href)
    .catch((error) => {
      loading = null;
      tries++;
      throw error;
    }));
}

// The place below the form's own button shows unless its screen does or
// the receipt offers its own.
function showButton() {
  const place = document.getElementById(CHECK);
  if (place && place.lxFu) place.lxFu.offer.hidden = screens.has(place) || !!offered;
}

// Loads the screens (if not yet) and mounts the place's: on the receipt,
// the reply code for the tip just sent (an empty key fails at once, and
// the screen says so); below the form, "Check for a reply", whose heading
// takes focus.
function show(place) {
  if (!place || !place.lxFu || screens.has(place)) return;
  const { offer, wait, failed, at } = place.lxFu;
  offer.hidden = failed.hidden = true;
  wait.hidden = false;
  load()
    .then((m) => {
      // The place went while the module loaded.
      if (!place.isConnected || screens.has(place)) return;
      const lang = (place.closest('[lang]') || document.documentElement).lang;
      screens.set(
        place,
        place == keep
          ? m.mountKeepCode(at, lang, tipKey, () => {
              offered = place;
              showButton();
            }, () => show(document.getElementById(CHECK)))
          : m.mountCheck(at, lang, () => close(place)),
      );
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
  showButton();
  try {
    screen.unmount();
  } catch {}
}

// "Close", from "Check for a reply": the screen goes (forgetting the code)
// and focus goes back to the button that opened it, or to the receipt's.
function close(place) {
  end(place);
  const button = offered
    ? offered.querySelector('[data-testid=check-reply-from-receipt]')
    : place.lxFu.button;
  if (button) button.focus();
}

/** The receipt's tip: its Idempotency-Key, for the reply code. */
export function offerFor(key) {
  tipKey = key;
}

/** The quick exit: every screen goes, with its worker. */
export function endAll() {
  for (const place of [...screens.keys()]) end(place);
  tipKey = '';
}
