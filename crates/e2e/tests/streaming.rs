//! A page still streaming in when the app is ready to start, as on a slow
//! network where the Wasm arrives before the end of the page: the app waits
//! for the page (`DOMContentLoaded`) and then takes over its static copy,
//! so there is one widget, not the app beside a static copy parsed later.

use std::time::Duration;

use lantern_e2e::driver::{Options, Session};
use lantern_e2e::pages::Page;
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::open;
use lantern_e2e::{ensure, paths, run, Context};

/// How long the page stalls after `<body>`: long enough for the Wasm, from
/// loopback, to be fetched and instantiated meanwhile.
const STALL: Duration = Duration::from_millis(2500);

#[test]
fn the_app_waits_for_a_page_still_streaming_in() {
    run(async {
        let stage = Stage::start().await?;
        // The intake's own page, served by the harness with a stall after
        // `<body>`, beside the built assets it loads.
        let (status, page) = stage.intake.get("/?lang=en").await?;
        ensure!(status == 200, "GET / answered {status}");
        let body_at = page.find("<body>").context("the page has no <body>")? + "<body>".len();
        stage.pages.add(
            "/streaming",
            Page::html(page.clone()).paused_at(body_at, STALL),
        );
        // Every script and module of dist/, in its folders too: the glue
        // imports wasm-bindgen's snippets from `snippets/`.
        let dist = paths::dist_dir()?;
        let mut folders = vec![dist.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder)? {
                let path = entry?.path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let content_type = match path.extension().and_then(|e| e.to_str()) {
                    Some("js") => "text/javascript; charset=utf-8",
                    Some("wasm") => "application/wasm",
                    _ => continue,
                };
                let name = path
                    .strip_prefix(&dist)?
                    .to_str()
                    .context("a file name that is not UTF-8")?
                    .to_owned();
                stage.pages.add(
                    &format!("/{name}"),
                    Page::bytes(content_type, std::fs::read(&path)?),
                );
            }
        }

        let session = Session::open(Options::default()).await?;
        open(&session, &stage.pages.url("/streaming")).await?;
        let found = session
            .execute(
                "const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
                 const nav = performance.getEntriesByType('navigation')[0];
                 return {
                   roots: document.querySelectorAll('#lantern').length,
                   statics: document.querySelectorAll('.lx-static').length,
                   hotlines: document.querySelectorAll('[data-testid=hotline-call]').length,
                   tabs: document.querySelectorAll('[data-testid^=nav-]').length,
                   wasm_before_page: !!wasm && wasm.responseEnd < nav.domContentLoadedEventStart,
                 };",
                vec![],
            )
            .await?;
        // Without this the test would pass without ever racing the page.
        ensure!(
            found["wasm_before_page"] == true,
            "the Wasm should arrive while the page is still streaming in: {found}"
        );
        ensure!(
            found["roots"] == 1
                && found["statics"] == 0
                && found["hotlines"] == 1
                && found["tabs"] == 4,
            "expected one widget (one root, no static copy left, one hotline, four tabs): {found}"
        );
        Ok(())
    });
}
