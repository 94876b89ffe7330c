//! The page's side of the follow-up worker (`public/followup/worker.js`):
//! started on the first call, never before, and ended by [`end`], by the
//! quick exit, or when its view goes. Each call posts `{id, op, ...args}`
//! and waits for the answer with the same id.
//!
//! Two [`Slot`]s, each its own worker: making a code on the receipt and
//! checking for a reply never share (or end) each other's keys.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

pub use super::outcome::{Message, Reply};

/// The worker's script, same origin.
const SCRIPT: &str = "followup/worker.js";

struct Running {
    worker: Worker,
    /// Resolve functions of the calls waiting, by id.
    pending: js_sys::Map,
    next: Cell<u32>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// Which worker: each holds at most one code's keys.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Slot {
    /// Making and registering a new code, on the receipt.
    Making = 0,
    /// "Check for a reply".
    Checking = 1,
}

thread_local! {
    static RUNNING: RefCell<[Option<Rc<Running>>; 2]> = const { RefCell::new([None, None]) };
}

fn start() -> Result<Rc<Running>, String> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(SCRIPT, &options).map_err(|_| "worker".to_owned())?;
    let pending = js_sys::Map::new();
    let waiting = pending.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let id = js_sys::Reflect::get(&data, &"id".into()).unwrap_or(JsValue::NULL);
        if let Ok(resolve) = waiting.get(&id).dyn_into::<js_sys::Function>() {
            waiting.delete(&id);
            let _ = resolve.call1(&JsValue::NULL, &data);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // A worker that cannot load answers every waiting call with a failure.
    let waiting = pending.clone();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        let failed = js_sys::JSON::parse(r#"{"ok":false,"error":"load"}"#).unwrap_or(JsValue::NULL);
        waiting.for_each(&mut |resolve, _| {
            if let Ok(resolve) = resolve.dyn_into::<js_sys::Function>() {
                let _ = resolve.call1(&JsValue::NULL, &failed);
            }
        });
        waiting.clear();
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Rc::new(Running {
        worker,
        pending,
        next: Cell::new(0),
        _on_message: on_message,
        _on_error: on_error,
    }))
}

fn running(slot: Slot) -> Result<Rc<Running>, String> {
    RUNNING.with(|all| {
        let mut all = all.borrow_mut();
        if let Some(running) = all[slot as usize].as_ref() {
            return Ok(Rc::clone(running));
        }
        let running = start()?;
        all[slot as usize] = Some(Rc::clone(&running));
        Ok(running)
    })
}

/// Calls `op` in `slot`'s worker with `args` (name and text pairs) and
/// returns the answer's `value`; `Err` when the worker failed (it could not
/// load, the code's keys could not be made, the network failed). The reason
/// is not shown: every such failure has the same words.
pub async fn call(slot: Slot, op: &str, args: &[(&str, &str)]) -> Result<JsValue, ()> {
    call_value(slot, op, args).await.map_err(drop)
}

/// What the worker's answer to a request says, for [`super::outcome`]:
/// read from the JS object with `Reflect`, not parsed as JSON text, since
/// serde_json's decoder would add about 18 KB to the first visit.
pub fn reply_of(value: &JsValue) -> Reply {
    let get =
        |v: &JsValue, key: &str| js_sys::Reflect::get(v, &key.into()).unwrap_or(JsValue::UNDEFINED);
    let text = |v: &JsValue, key: &str| get(v, key).as_string().unwrap_or_default();
    let messages = get(value, "messages");
    let messages = if js_sys::Array::is_array(&messages) {
        js_sys::Array::from(&messages)
            .iter()
            .map(|m| Message {
                direction: text(&m, "direction"),
                kind: text(&m, "kind"),
                text: text(&m, "text"),
            })
            .collect()
    } else {
        Vec::new()
    };
    let errors = get(&get(value, "json"), "errors");
    let error = js_sys::Array::is_array(&errors)
        .then(|| get(&js_sys::Array::from(&errors).get(0), "code").as_string())
        .flatten();
    Reply {
        status: get(value, "status").as_f64().map_or(0, |s| s as u16),
        opened: get(value, "opened").as_bool() == Some(true),
        messages,
        error,
    }
}

/// [`call`] with the worker's own error text.
async fn call_value(slot: Slot, op: &str, args: &[(&str, &str)]) -> Result<JsValue, String> {
    let running = running(slot)?;
    let id = running.next.get() + 1;
    running.next.set(id);
    let message: JsValue = js_sys::Object::new().into();
    for (name, value) in args {
        let _ = js_sys::Reflect::set(&message, &(*name).into(), &(*value).into());
    }
    let _ = js_sys::Reflect::set(&message, &"id".into(), &id.into());
    let _ = js_sys::Reflect::set(&message, &"op".into(), &op.into());
    let pending = running.pending.clone();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        pending.set(&id.into(), &resolve);
    });
    running
        .worker
        .post_message(&message)
        .map_err(|_| "post".to_owned())?;
    drop(running);
    let answer = JsFuture::from(promise)
        .await
        .map_err(|_| "answer".to_owned())?;
    let ok = js_sys::Reflect::get(&answer, &"ok".into())
        .ok()
        .and_then(|v| v.as_bool());
    if ok == Some(true) {
        Ok(js_sys::Reflect::get(&answer, &"value".into()).unwrap_or(JsValue::NULL))
    } else {
        let error = js_sys::Reflect::get(&answer, &"error".into()).ok();
        Err(error.and_then(|e| e.as_string()).unwrap_or_default())
    }
}

/// Ends `slot`'s worker and with it every key it held. Answers still
/// awaited never come; their futures are dropped with their views.
pub fn end(slot: Slot) {
    let running = RUNNING.with(|all| all.borrow_mut()[slot as usize].take());
    if let Some(running) = running {
        running.worker.terminate();
    }
}
