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
) -> impl IntoView {
    let i18n = I18n::provide(lang);
    provide_context(config.clone());
    let sections = config.sections.clone();
    let first = sections.first().copied().unwrap_or(Section::Help);
    let (current, set_current) = signal(first);

    // The document's language, direction and title follow the switcher.
    Effect::new(move |_| {
        let lang = i18n.lang();
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(html) = document.document_element() {
            let _ = html.set_attribute("lang", lang.code());
            let _ = html.set_attribute("dir", lang.dir());
        }
        document.set_title(i18n.t().widget.page_title);
    });
    // After a switch (not on first view), focus the new section's heading.
    Effect::new(move |previous: Option<Section>| {
        let section = current.get();
        if previous.is_some_and(|p| p != section) {
            focus_heading(section);
        }
        section
    });

    let root = NodeRef::<Div>::new();
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
        // A section is built the first time it is shown, not at start-up:
        // the app's first render then does only what is on screen, so a slow
        // phone's main thread is free sooner. Once built it stays (hidden
        // when another is shown), so nothing typed in the form is lost.
        let opened = Memo::new(move |was: Option<&bool>| {
            was.copied().unwrap_or(false) || current.get() == section
        });
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
    let full = (!config.compact).then(|| {
        view! {
            <div class="lx-tools">
                <Nav sections=sections.clone() current set_current/>
                <LangSwitch/>
            </div>
            {sections.iter().copied().map(section_view).collect_view()}
        }
    });
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
