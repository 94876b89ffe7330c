//! The console's components. The app's state is one [`Console`] in a
//! context: who is signed in, the opened identity (in memory only), and
//! where the address points. Everything a component decides beyond wiring
//! lives in [`crate::nav`], [`crate::keys`], [`crate::layout`] and
//! [`crate::audit`].

mod audit;
mod case;
mod compose;
mod conversation;
mod download;
mod enrol;
mod export;
mod identity;
mod inbox;
mod notes;
mod signin;
mod tip;
mod triage;

use std::rc::Rc;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, Analyst, ApiError, Inbox as InboxAnswer, SealedRow};
use crate::export::Selection;
use crate::filter::Filter;
use crate::keys::Keys;
use crate::nav::{self, Place};
use crate::opened::Opened;
use audit::AuditPage;
use enrol::Enrol;
use identity::IdentityPanel;
use inbox::Inbox;
use signin::SignIn;
use tip::OneTip;

/// The app's shared state, copied into every component through context.
#[derive(Clone, Copy)]
pub struct Console {
    /// The signed-in analyst; `None` while signed out.
    pub analyst: RwSignal<Option<Analyst>>,
    /// Whether the first `me` check has answered.
    pub checked: RwSignal<bool>,
    /// The hotline's opened identity. Local storage only in Leptos's sense
    /// (this thread's arena): it is never serialised, sent or stored, and
    /// a reload or sign-out drops it.
    pub keys: RwSignal<Option<Rc<Keys>>, LocalStorage>,
    /// What the address asks for.
    pub place: RwSignal<Place>,
    /// A note for the sign-in page (after enrolment, after sign-out).
    pub notice: RwSignal<Option<String>>,
    /// What the inbox shows. Kept here, not in the inbox, so it holds
    /// while a tip is open; in memory only, like the key.
    pub filter: RwSignal<Filter>,
    /// The tips ticked in the inbox for an export; kept here for the same
    /// reason as the filter.
    pub selection: RwSignal<Selection>,
    /// The inbox's sealed list as last fetched, for the tip view's case
    /// list; `None` until fetched.
    pub rows: RwSignal<Option<Result<Vec<SealedRow>, ApiError>>>,
    /// Every tip opened so far with the identity held now, so the inbox
    /// and the tip view open each only once ([`Opened`]).
    pub opened: StoredValue<Opened, LocalStorage>,
}

impl Console {
    /// Forgets the session and the identity, after the API says signed out.
    pub fn signed_out(self) {
        self.set_keys(None);
        self.rows.set(None);
        self.filter.set(Filter::default());
        self.selection.set(Selection::default());
        self.analyst.set(None);
    }

    /// Holds `keys` as the opened identity (or none), forgetting what the
    /// one before opened.
    pub fn set_keys(self, keys: Option<Rc<Keys>>) {
        self.opened.update_value(Opened::forget);
        self.keys.set(keys);
    }

    /// Fetches the sealed inbox into [`Console::rows`] (an audited listing).
    pub fn refresh_rows(self) {
        spawn_local(async move {
            let answer = api::get::<InboxAnswer>("/console/api/tips").await;
            if let Err(error) = &answer {
                self.on_error(error);
            }
            self.rows.set(Some(answer.map(|inbox| inbox.tips)));
        });
    }

    /// Handles an API error: a lost session signs the console out.
    pub fn on_error(self, error: &ApiError) {
        if *error == ApiError::SignedOut {
            self.signed_out();
        }
    }
}

/// The place the page's address names now.
fn current_place() -> Place {
    let location = window().location();
    nav::place(
        &location.pathname().unwrap_or_default(),
        &location.hash().unwrap_or_default(),
    )
}

/// The console: enrolment, sign-in, or the signed-in inbox, tips and (for
/// administrators) the audit log.
#[component]
pub fn App() -> impl IntoView {
    let console = Console {
        analyst: RwSignal::new(None),
        checked: RwSignal::new(false),
        keys: RwSignal::new_local(None),
        place: RwSignal::new(current_place()),
        notice: RwSignal::new(None),
        filter: RwSignal::new(Filter::default()),
        selection: RwSignal::new(Selection::default()),
        rows: RwSignal::new(None),
        opened: StoredValue::new_local(Opened::default()),
    };
    provide_context(console);
    // The address is the one source of where we are: links and Esc change
    // the fragment, and this follows it.
    let listener =
        window_event_listener(ev::hashchange, move |_| console.place.set(current_place()));
    on_cleanup(move || listener.remove());
    if !matches!(console.place.get_untracked(), Place::Enrol(_)) {
        spawn_local(async move {
            if let Ok(analyst) = api::get::<Analyst>("/console/api/me").await {
                console.analyst.set(Some(analyst));
            }
            console.checked.set(true);
        });
    }
    view! {
        <a class="skip" href="#main">"Skip to the content"</a>
        <header class="bar">
            <p class="brand">"Lantern console"</p>
            <Show when=move || console.analyst.get().is_some()>
                <SignedInBar />
            </Show>
        </header>
        <main id="main" tabindex="-1">
            {move || match console.place.get() {
                Place::Enrol(token) => view! { <Enrol token=token /> }.into_any(),
                _ if !console.checked.get() => view! { <p>"Loading…"</p> }.into_any(),
                _ if console.analyst.get().is_none() => view! { <SignIn /> }.into_any(),
                Place::Audit => view! { <AuditPage /> }.into_any(),
                Place::Tip(id) => view! {
                    <IdentityPanel />
                    <OneTip id=id />
                }.into_any(),
                Place::Inbox => view! {
                    <IdentityPanel />
                    <Inbox />
                }.into_any(),
            }}
        </main>
    }
}

/// The console's pages, who is signed in, and the sign-out button. The
/// audit log's entry is shown to administrators only (the API refuses it
/// to anyone else, whatever the page shows).
#[component]
fn SignedInBar() -> impl IntoView {
    let console = expect_context::<Console>();
    let admin = move || {
        console
            .analyst
            .with(|analyst| analyst.as_ref().is_some_and(|a| a.role == "admin"))
    };
    let here = move |place: Place| move || (console.place.get() == place).then_some("page");
    let (error, set_error) = signal(None::<String>);
    let sign_out = move |_| {
        spawn_local(async move {
            match api::post_empty("/console/api/signout").await {
                Ok(()) | Err(ApiError::SignedOut) => {
                    console.signed_out();
                    // A fresh page: nothing of this session stays in memory.
                    let _ = window().location().assign("/console/");
                }
                Err(other) => set_error.set(Some(other.to_string())),
            }
        });
    };
    view! {
        <nav aria-label="Console" class="nav">
            <a href="/console/#" data-testid="nav-inbox" aria-current=here(Place::Inbox)>"Inbox"</a>
            <Show when=admin>
                <a href="/console/#audit" data-testid="nav-audit" aria-current=here(Place::Audit)>"Audit log"</a>
            </Show>
        </nav>
        <p class="who">
            "Signed in as "
            <strong data-testid="signed-in-name">
                {move || console.analyst.get().map(|a| a.name).unwrap_or_default()}
            </strong>
        </p>
        <button type="button" data-testid="sign-out" on:click=sign_out>"Sign out"</button>
        <Show when=move || error.get().is_some()>
            <p role="alert" class="error">{move || error.get().unwrap_or_default()}</p>
        </Show>
    }
}
