//! The root component: the exit bar, the hotline block, then (unless
//! compact) the navigation, the language switcher and the sections.
//!
//! The top of this markup matches the static copy in `index.html` box for
//! box, so taking over from it moves nothing on screen.

use crate::config::Config;
use crate::exit::ExitBar;
use crate::i18n::{I18n, Lang, LangSwitch};
use crate::sections::help::HelpSection;
use crate::sections::hotline::HotlineBlock;
use crate::sections::me::MeSection;
use crate::sections::nav::focus_heading;
use crate::sections::report::ReportSection;
use crate::sections::signs::SignsSection;
use crate::sections::{Nav, Section};
use leptos::html::Div;
use leptos::prelude::*;

/// The whole widget.
#[component]
pub fn App(
    /// What the partner (or the page's query string) asked for.
    config: Config,
    /// The language to start in.
    lang: Lang,
    /// Where the quick exit goes.
    exit_url: String,
    /// Replaces the exit's final navigation; for tests only.
    #[prop(optional)]
    navigate: Option<Callback<String>>,
    /// Called once the app is whole (tools and first section built), a few
    /// tasks after it mounts; `boot` marks the page ready then.
    #[prop(optional)]
    on_ready: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = I18n::provide(lang);
    provide_context(config.clone());
    let sections = config.sections.clone();
    let first = sections.first().copied().unwrap_or(Section::Help);
    let (current, set_current) = signal(first);

    // The document's and the widget root's language and direction, and the
    // title, follow the switcher. On the root too, so the widget is right
    // wherever it is mounted (W3C: `dir` and `lang` on the component's own
    // root, never the direction in CSS). Set here, where the effect already
    // runs, rather than as two reactive attributes with views of their own.
    let root = NodeRef::<Div>::new();
    Effect::new(move |_| {
        let lang = i18n.lang();
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let elements = [document.document_element(), root.get().map(Into::into)];
        for element in elements.into_iter().flatten() {
            let _ = element.set_attribute("lang", lang.as_str());
            let _ = element.set_attribute("dir", lang.dir());
        }
        document.set_title(i18n.t().site.page_title);
    });
    // The app is built in parts, each in a task of its own, because on a
    // slow phone each part is tens of milliseconds and together they would
    // hold the main thread long enough to delay a tap (issue 7: no task over
    // 50 ms). First the exit bar and hotline block, which take over from the
    // static copy in the same task; then the navigation, the language
    // switcher and the sections' empty shells; then the first section's body.
    // This timer is set before the effect below first runs, so it fires first.
    let whole = RwSignal::new(false);
    next_task(move || whole.set(true));

    // A section's body is built the first time it is shown, in the task after
    // the one that showed it; focus moves to its heading in the task after
    // that (layout). Once built a section stays (hidden when another is
    // shown), so nothing typed in the form is lost.
    let opened = Section::ALL.map(|_| RwSignal::new(false));
    let opened_of = move |section: Section| opened[section as usize];
    Effect::new(move |previous: Option<Section>| {
        let section = current.get();
        let switched = previous.is_some_and(|p| p != section);
        let built = opened_of(section);
        // Focus waits for a task of its own even when the section is built:
        // this effect can run before the one that unhides the section, and
        // a hidden heading cannot take focus.
        let focus = move || {
            if switched {
                next_task(move || focus_heading(section));
            }
        };
        if built.get_untracked() {
            focus();
        } else {
            next_task(move || {
                built.set(true);
                focus();
                if !switched {
                    if let Some(ready) = on_ready {
                        ready.run(());
                    }
                }
            });
        }
        section
    });

    if let Some(accent) = config.accent {
        // Through the CSSOM: a style attribute would break the page's CSP.
        Effect::new(move |_| {
            if let Some(root) = root.get() {
                let style = web_sys::HtmlElement::style(&root);
                let _ = style.set_property("--lx-accent", &accent.used().to_string());
            }
        });
    }

    let can_report = sections.contains(&Section::Report);
    let section_view = move |section: Section| {
        let opened = opened_of(section);
        let body = move || {
            opened.get().then(|| match section {
                Section::Help => view! { <HelpSection/> }.into_any(),
                Section::Signs => view! { <SignsSection set_current can_report/> }.into_any(),
                Section::Me => view! { <MeSection/> }.into_any(),
                Section::Report => view! { <ReportSection/> }.into_any(),
            })
        };
        view! {
            <section
                class="lx-section"
                data-testid=format!("section-{}", section.id())
                hidden=move || current.get() != section
            >
                {body}
            </section>
        }
    };
    let compact = config.compact;
    let full = move || {
        (whole.get() && !compact).then(|| {
            view! {
                <div class="lx-tools">
                    <Nav sections=sections.clone() current set_current/>
                    <LangSwitch/>
                </div>
                {sections.iter().copied().map(section_view).collect_view()}
            }
        })
    };
    view! {
        <div class="lx-app" class:lx-compact=config.compact node_ref=root>
            <ExitBar url=exit_url navigate=navigate/>
            <main class="lx-main">
                <HotlineBlock/>
                {full}
            </main>
        </div>
    }
}

/// Runs `f` in a task of its own, after the current one and its effects.
fn next_task(f: impl FnOnce() + 'static) {
    set_timeout(f, std::time::Duration::ZERO);
}
