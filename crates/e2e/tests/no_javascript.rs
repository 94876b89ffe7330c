//! With JavaScript off (issue 3), the hotline block and the exit link are
//! there: they are static HTML in index.html, and the exit link carries the
//! exit URL the service was configured with.

use lantern_e2e::driver::{Options, Session};
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{by_testid, wait_for_url};
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
