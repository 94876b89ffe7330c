//! With JavaScript off (issue 3), the hotline block and the exit link are
//! there: they are static HTML in the page (the static copy the build writes
//! from the locale tables, in the visit's language), and the exit link carries the
//! exit URL the service was configured with. A note under them says why
//! there is nothing more, and that calling or texting works now (issue 14).

use lantern_e2e::driver::{Options, Session};
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{by_testid, open, visible_strings, wait_for_url};
use lantern_e2e::{ensure, run, Result};

/// The real service and a browser with scripts off.
async fn without_javascript() -> Result<(Stage, Session)> {
    let stage = Stage::start().await?;
    let session = Session::open(Options {
        javascript: false,
        ..Options::default()
    })
    .await?;
    Ok((stage, session))
}

/// The note for a browser without JavaScript, in each language
/// (src/locales/*/page.rs).
const NO_SCRIPT_EN: &str = "Sending a tip online needs JavaScript, and it is turned off in this browser. You can still call or text the hotline now, with the buttons above.";
const NO_SCRIPT_ES: &str = "Para enviar un aviso en línea hace falta JavaScript, y está desactivado en este navegador. Puedes llamar o enviar un texto a la línea de ayuda ahora mismo, con los botones de arriba.";

/// Checks the note is on screen, says `words`, and comes after the hotline.
async fn the_note_says(session: &Session, words: &str) -> Result<()> {
    let note = by_testid(session, "no-script").await?;
    ensure!(
        note.is_displayed().await?,
        "the no-JavaScript note is not visible"
    );
    let text = note.text().await?;
    ensure!(
        text.trim() == words,
        "the note says {text:?}, not {words:?}"
    );
    let order = session
        .execute(
            "const note = document.querySelector('[data-testid=\"no-script\"]');
             const call = document.querySelector('[data-testid=\"hotline-call\"]');
             return !!(call.compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING);",
            vec![],
        )
        .await?;
    ensure!(
        order == serde_json::Value::Bool(true),
        "the note comes before the hotline's call link"
    );
    Ok(())
}

/// Every word on the page.
async fn body_text(session: &Session) -> Result<String> {
    Ok(session
        .find(lantern_e2e::Locator::Css("body"))
        .await?
        .text()
        .await?)
}

#[test]
fn hotline_and_exit_link_work_without_javascript() {
    run(async {
        let (stage, session) = without_javascript().await?;
        session.goto(&stage.pages.start_url()).await?;
        session.goto(&stage.intake.widget_url("")).await?;

        // Proof that scripts really are off in this session.
        let mounted = session
            .find_all(lantern_e2e::Locator::Css("#lantern[data-ready=\"true\"]"))
            .await?;
        ensure!(mounted.is_empty(), "the app mounted: JavaScript is not off");

        let body = body_text(&session).await?;
        ensure!(
            body.contains("1-888-373-7888"),
            "the hotline number is not shown: {body:?}"
        );
        ensure!(
            body.contains("233733"),
            "the text number is not shown: {body:?}"
        );
        ensure!(body.contains("911"), "911 is not shown: {body:?}");

        for (id, href) in [("call-911", "tel:911"), ("hotline-tty", "tel:711")] {
            let link = by_testid(&session, id).await?;
            ensure!(link.is_displayed().await?, "{id} is not visible");
            ensure!(
                link.attr("href").await?.as_deref() == Some(href),
                "{id} must link to {href}"
            );
        }
        for (id, prefix) in [("hotline-call", "tel:"), ("hotline-text", "sms:233733")] {
            let link = by_testid(&session, id).await?;
            ensure!(link.is_displayed().await?, "{id} is not visible");
            let got = link.attr("href").await?.unwrap_or_default();
            ensure!(got.starts_with(prefix), "{id} links to {got:?}");
        }

        let exit = by_testid(&session, "exit-link").await?;
        ensure!(exit.is_displayed().await?, "the exit link is not visible");
        let href = exit.attr("href").await?.unwrap_or_default();
        ensure!(
            href == stage.pages.exit_url(),
            "the static exit link must point at the configured exit URL {}, it points at {href:?}",
            stage.pages.exit_url()
        );
        the_note_says(&session, NO_SCRIPT_EN).await?;
        exit.click().await?;
        wait_for_url(&session, &stage.pages.exit_url()).await?;
        let result: Result<()> = Ok(());
        result
    });
}

/// A Spanish visit gets the Spanish static copy from the service, so the
/// first words on screen (before the Wasm, or for good with scripts off)
/// are in the visitor's language.
#[test]
fn a_spanish_visit_gets_the_static_copy_in_spanish_without_javascript() {
    run(async {
        let (stage, session) = without_javascript().await?;
        session.goto(&stage.intake.widget_url("lang=es")).await?;
        let lang = session
            .find(lantern_e2e::Locator::Css("html"))
            .await?
            .attr("lang")
            .await?;
        ensure!(lang.as_deref() == Some("es"), "html lang is {lang:?}");
        for (id, words) in [
            ("hotline-call", "Llama al 1-888-373-7888"),
            ("hotline-text", "Envía HELP al 233733"),
            ("call-911", "Llama al 911"),
            ("exit-link", "Salir de este sitio"),
        ] {
            let link = by_testid(&session, id).await?;
            ensure!(link.is_displayed().await?, "{id} is not visible");
            let text = link.text().await?;
            ensure!(text.trim() == words, "{id} says {text:?}, not {words:?}");
        }
        // One copy only: the English words are not on the page, and the
        // exit link still leads to the configured exit URL.
        let body = body_text(&session).await?;
        ensure!(
            !body.contains("Call 1-888"),
            "English copy shown too: {body:?}"
        );
        the_note_says(&session, NO_SCRIPT_ES).await?;
        ensure!(
            !body.contains(NO_SCRIPT_EN),
            "the English note shown too: {body:?}"
        );
        let exit = by_testid(&session, "exit-link").await?;
        let href = exit.attr("href").await?.unwrap_or_default();
        ensure!(
            href == stage.pages.exit_url(),
            "exit link points at {href:?}"
        );
        let result: Result<()> = Ok(());
        result
    });
}

/// With JavaScript on, the note never shows: not in the page the app takes
/// over, in either language.
#[test]
fn the_note_is_not_shown_when_javascript_runs() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::open(Options::default()).await?;
        for (lang, words) in [("en", NO_SCRIPT_EN), ("es", NO_SCRIPT_ES)] {
            open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
            let seen = visible_strings(&session).await?;
            ensure!(
                !seen.iter().any(|(text, _)| text.contains("JavaScript")),
                "{lang}: the no-JavaScript note shows with JavaScript on: {seen:?}"
            );
            // It was in the page as served, inside <noscript>.
            let (status, page) = stage.intake.get(&format!("/?lang={lang}")).await?;
            ensure!(status == 200, "the page answered {status}");
            ensure!(
                page.contains(&format!("<noscript><p class=\"lx-callout lx-noscript\" data-testid=\"no-script\">{words}</p></noscript>")),
                "{lang}: the page as served has no <noscript> note"
            );
        }
        Ok(())
    });
}
