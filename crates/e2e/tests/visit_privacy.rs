//! After a whole visit (read every section, switch language, send a tip,
//! leave), the browser holds no cookie and no storage for the widget's
//! origin, and sent no request to any other origin (issues 3 and 8).

use lantern_e2e::driver::{Options, Session};
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{self, by_testid, open, wait_for_url};
use lantern_e2e::{ensure, form, privacy, run, Result};

#[test]
fn a_full_visit_leaves_nothing_and_calls_nobody_else() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::open(Options {
            network_log: true,
            ..Options::default()
        })
        .await?;
        // Drop anything logged while the session started.
        session.network_requests().await?;

        open(&session, &stage.intake.widget_url("")).await?;
        for lang in ["es", "en"] {
            widget::click_testid(&session, &format!("lang-{lang}")).await?;
            for section in ["help", "signs", "me", "report"] {
                widget::click_testid(&session, &format!("nav-{section}")).await?;
                by_testid(&session, &format!("section-{section}")).await?;
            }
        }
        form::open(&session).await?;
        form::to_review(&session, "A full visit: reading, then one tip sent.").await?;
        widget::click_testid(&session, "form-submit").await?;
        form::receipt(&session).await?;

        privacy::assert_no_cookies(&session).await?;
        privacy::assert_no_storage(&session).await?;
        let page_view = privacy::page_request_urls(&session).await?;

        // Everything up to the exit went to the widget's own origin.
        let widget_origin = stage.intake.origin();
        let requests = session.network_requests().await?;
        let elsewhere = privacy::requests_elsewhere(&requests, &[widget_origin.as_str()]);
        ensure!(
            elsewhere.is_empty(),
            "requests went to origins other than the widget's: {elsewhere:#?}"
        );
        ensure!(
            requests
                .iter()
                .any(|request| request.url.ends_with("/v1/tips")),
            "the log shows no tip submission, so it did not see the whole visit: {requests:#?}"
        );
        let page_elsewhere: Vec<_> = page_view
            .iter()
            .filter(|url| privacy::origin_of(url) != widget_origin)
            .collect();
        ensure!(
            page_elsewhere.is_empty(),
            "the page loaded resources from other origins: {page_elsewhere:?}"
        );

        // The exit is the one navigation that leaves, and goes only to the
        // exit page's origin (whose own favicon is its business).
        widget::click_testid(&session, "exit-link").await?;
        wait_for_url(&session, &stage.pages.exit_url()).await?;
        let exit_origin = stage.pages.origin();
        let after = session.network_requests().await?;
        ensure!(
            after
                .iter()
                .any(|request| request.kind == "Document" && request.url == stage.pages.exit_url()),
            "the network log did not see the exit navigation: {after:#?}"
        );
        let elsewhere =
            privacy::requests_elsewhere(&after, &[widget_origin.as_str(), exit_origin.as_str()]);
        ensure!(
            elsewhere.is_empty(),
            "leaving sent requests to other origins: {elsewhere:#?}"
        );

        // Back on the widget's origin: still nothing stored.
        session
            .goto(&format!("{widget_origin}/v1/openapi.json"))
            .await?;
        privacy::assert_no_cookies(&session).await?;
        privacy::assert_no_storage(&session).await?;
        let result: Result<()> = Ok(());
        result
    });
}
