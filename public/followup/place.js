// The follow-up's screens (issue 16): the entry point of their Wasm module
// (crates/followup-place), which the widget imports only when a person asks
// for a reply code or opens "Check for a reply" (src/followup_offer.js),
// never on a first visit. Loads the module, then hands the widget its
// exports: mountCheck(el, lang) and mountKeepCode(el, lang, key, onCode),
// each returning a Place with setLang(tag) and unmount().
import init, { mountCheck, mountKeepCode } from './lantern_followup_place.js';

await init({ module_or_path: new URL('./lantern_followup_place_bg.wasm', import.meta.url) });

export { mountCheck, mountKeepCode };
