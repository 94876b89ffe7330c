//! The harness's own checks can fail: each is pointed at a page that breaks
//! the rule it enforces, and must say so. Without these, a privacy or
//! accessibility check that silently passed everything would look the same
//! as a widget that kept every rule.

use lantern_e2e::driver::{Options, Session, Viewport};
use lantern_e2e::pages::{Page, Pages};
use lantern_e2e::{axe, privacy, run, widget, Context};

#[test]
fn storage_check_catches_a_page_that_keeps_storage() {
    run(async {
        let pages = Pages::start().await?;
        pages.add(
            "/leaky",
            Page::html(
                "<!doctype html><html lang=en><title>Leaky</title><body><p>x</p>\
                 <script>localStorage.setItem('seen', '1'); document.cookie = 'id=42';</script>",
            ),
        );
        let session = Session::at(Viewport::Phone).await?;
        session.goto(&pages.url("/leaky")).await?;
        let storage = privacy::assert_no_storage(&session).await;
        let cookies = privacy::assert_no_cookies(&session).await;
        // Leave the shared browser clean for the next test.
        session
            .execute(
                "localStorage.clear(); document.cookie = 'id=; max-age=0';",
                vec![],
            )
            .await?;
        let storage = storage.expect_err("localStorage must be reported");
        assert!(format!("{storage:#}").contains("seen"), "{storage:#}");
        let cookies = cookies.expect_err("a cookie must be reported");
        assert!(format!("{cookies:#}").contains("id"), "{cookies:#}");
        Ok(())
    });
}

#[test]
fn network_log_catches_a_request_to_another_origin() {
    run(async {
        let pages = Pages::start().await?;
        let elsewhere = Pages::start().await?;
        pages.add(
            "/calls-out",
            Page::html(format!(
                "<!doctype html><html lang=en><title>Out</title><body>\
                 <img alt='' src='{}/pixel.gif'>",
                elsewhere.origin()
            )),
        );
        let session = Session::open(Options {
            network_log: true,
            ..Options::default()
        })
        .await?;
        session.goto(&pages.url("/calls-out")).await?;
        let requests = widget::eventually("the pixel request", widget::PATIENCE, || async {
            let hits = elsewhere.hits();
            Ok(hits
                .iter()
                .any(|hit| hit.contains("pixel.gif"))
                .then_some(()))
        })
        .await
        .and(session.network_requests().await)?;
        let origin = pages.origin();
        let outside = privacy::requests_elsewhere(&requests, &[origin.as_str()]);
        assert!(
            outside
                .iter()
                .any(|request| request.url.starts_with(&elsewhere.origin())),
            "the request to {} was not seen; all requests: {requests:?}",
            elsewhere.origin()
        );
        let page_view = privacy::page_request_urls(&session).await?;
        assert!(
            page_view.iter().any(|url| url.contains("pixel.gif")),
            "{page_view:?}"
        );
        Ok(())
    });
}

#[test]
fn axe_catches_an_unlabelled_field() {
    run(async {
        let pages = Pages::start().await?;
        pages.add(
            "/unlabelled",
            Page::html("<!doctype html><html lang=en><title>Form</title><body><main><input type=text></main>"),
        );
        let session = Session::at(Viewport::Desktop).await?;
        session.goto(&pages.url("/unlabelled")).await?;
        let found = axe::check(&session, "a page with an unlabelled input")
            .await
            .expect_err("axe must report the unlabelled input");
        assert!(format!("{found:#}").contains("label"), "{found:#}");
        // And a clean page passes, so the check is not failing on everything.
        session.goto(&pages.exit_url()).await?;
        axe::check(&session, "the neutral exit page")
            .await
            .context("the harness's exit page should be clean")?;
        Ok(())
    });
}

#[test]
fn viewports_are_the_promised_sizes() {
    run(async {
        let pages = Pages::start().await?;
        for viewport in [Viewport::Phone, Viewport::Desktop] {
            let session = Session::at(viewport).await?;
            session.goto(&pages.start_url()).await?;
            let size = session
                .execute("return [window.innerWidth, window.innerHeight];", vec![])
                .await?;
            let (width, height) = viewport.size();
            assert_eq!(size, serde_json::json!([width, height]), "{viewport:?}");
        }
        Ok(())
    });
}

/// `Session::set_offline` really cuts the page off (a request fails,
/// `navigator.onLine` is false) and gives the network back with the
/// page's `online` event, which the tip form's resume relies on.
#[test]
fn offline_emulation_cuts_the_page_off_and_fires_online() {
    run(async {
        let pages = Pages::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        session.goto(&pages.start_url()).await?;
        session
            .execute(
                "window.__online = 0; addEventListener('online', () => { window.__online += 1; });",
                vec![],
            )
            .await?;
        let fetch = "const done = arguments[arguments.length - 1];
                     fetch(location.href, { cache: 'no-store' })
                       .then(() => done([navigator.onLine, 'answered']), () => done([navigator.onLine, 'failed']));";
        session.set_offline(true).await?;
        let offline = session.execute_async(fetch, vec![]).await?;
        assert_eq!(offline, serde_json::json!([false, "failed"]));
        session.set_offline(false).await?;
        let online = session.execute_async(fetch, vec![]).await?;
        assert_eq!(online, serde_json::json!([true, "answered"]));
        let fired = session.execute("return window.__online;", vec![]).await?;
        assert_eq!(
            fired,
            serde_json::json!(1),
            "the online event did not fire once"
        );
        Ok(())
    });
}
