//! The embedding try-out of docs/embedding.md works out of the box in
//! development and stays locked down by default (issue 14, item 8).
//!
//! `make run` ends in `scripts/serve-dev.sh`; here that script runs as it
//! is (on free ports, with the built widget and the test's intake binary),
//! and a real Chromium opens the demo partner page from the second origin
//! the guide names, `http://localhost:DEMO_PORT`: the widget renders in its
//! frame. From `http://127.0.0.1:DEMO_PORT` the frame is refused, and a
//! service started without `--allow-origin` lets no page frame it at all.

use std::process::Stdio;
use std::time::Duration;

use lantern_e2e::driver::{wait_for_port, Session, Viewport};
use lantern_e2e::intake::frame_ancestors;
use lantern_e2e::intake::{Config, Intake};
use lantern_e2e::widget::{eventually, PATIENCE};
use lantern_e2e::{ensure, paths, run, Client, Context, Locator, Result};
use serde_json::Value;

/// `scripts/serve-dev.sh` running, stopped (with everything it started)
/// when dropped.
struct DevServer {
    child: tokio::process::Child,
    listen: u16,
    demo: u16,
    _data: tempfile::TempDir,
    log: std::path::PathBuf,
}

impl DevServer {
    async fn start() -> Result<DevServer> {
        let root = paths::workspace_root();
        let data = tempfile::Builder::new()
            .prefix("lantern-e2e-dev-")
            .tempdir()?;
        let (listen, demo) = (paths::free_port()?, paths::free_port()?);
        let log = data.path().join("serve-dev.log");
        let out = std::fs::File::create(&log)?;
        let mut command = tokio::process::Command::new(root.join("scripts/serve-dev.sh"));
        command
            .arg(paths::intake_bin()?)
            .current_dir(&root)
            .env("LISTEN", format!("127.0.0.1:{listen}"))
            .env("DEMO_PORT", demo.to_string())
            .env("DATA_DIR", data.path().join("data"))
            .env("WIDGET_DIR", paths::dist_dir()?)
            .env("TMPDIR", data.path())
            .env_remove("LANTERN_ALLOW_ORIGIN")
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out)
            // Its own process group, so stopping it stops the demo server too.
            .process_group(0)
            .kill_on_drop(true);
        let child = command.spawn().context("starting scripts/serve-dev.sh")?;
        let server = DevServer {
            child,
            listen,
            demo,
            _data: data,
            log,
        };
        for port in [listen, demo] {
            wait_for_port(port, Duration::from_secs(30))
                .await
                .with_context(|| server.output())?;
        }
        Ok(server)
    }

    fn output(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for DevServer {
    fn drop(&mut self) {
        if let Some(pid) = self.child.id() {
            // The whole group: the script, the service and the demo server.
            let _ = std::process::Command::new("kill")
                .args(["-TERM", "--", &format!("-{pid}")])
                .status();
        }
    }
}

/// What the (only) frame on the page shows: whether the widget mounted in
/// it, and its text.
async fn inside_the_frame(client: &Client) -> Result<Value> {
    let frame = eventually("a frame on the demo page", PATIENCE, || async {
        Ok(client
            .find_all(Locator::Css("iframe"))
            .await?
            .into_iter()
            .next())
    })
    .await?;
    frame.enter_frame().await?;
    let seen = client
        .execute(
            "return { widget: !!document.querySelector('#lantern[data-ready=\"true\"]'),
                      text: document.body ? document.body.innerText : '' };",
            vec![],
        )
        .await?;
    let window = client.window().await?;
    client.switch_to_window(window).await?;
    Ok(seen)
}

#[test]
fn the_demo_page_on_the_second_origin_shows_the_widget_in_development() {
    run(async {
        let dev = DevServer::start().await?;
        let session = Session::at(Viewport::Desktop).await?;
        let client = session.client();
        for (page, call) in [
            ("city-en.html", "Call 1-888-373-7888"),
            ("ciudad-es.html", "Llama al 1-888-373-7888"),
        ] {
            client
                .goto(&format!("http://localhost:{}/{page}", dev.demo))
                .await?;
            let seen = eventually(&format!("the widget inside {page}"), PATIENCE, || async {
                let seen = inside_the_frame(client).await?;
                Ok((seen["widget"] == true).then_some(seen))
            })
            .await
            .with_context(|| dev.output())?;
            ensure!(
                seen["text"].as_str().unwrap_or_default().contains(call),
                "{page}: the frame does not show the hotline: {seen}"
            );
        }
        // The same page from 127.0.0.1: another origin, not on the list.
        client
            .goto(&format!("http://127.0.0.1:{}/city-en.html", dev.demo))
            .await?;
        tokio::time::sleep(Duration::from_secs(3)).await;
        let refused = inside_the_frame(client).await?;
        ensure!(
            refused["widget"] == false
                && !refused["text"].as_str().unwrap_or_default().contains("888"),
            "the widget rendered for an origin not on the list: {refused}"
        );
        // What the service says, in so many words.
        let csp = frame_ancestors(dev.listen).await?;
        ensure!(
            csp == format!("frame-ancestors http://localhost:{}", dev.demo),
            "the development service sends {csp:?}"
        );
        Ok(())
    });
}

#[test]
fn by_default_no_page_may_frame_the_widget() {
    run(async {
        let intake = Intake::start(Config {
            exit_url: lantern_tip::ExitUrl::DEFAULT.into(),
            ..Config::default()
        })
        .await?;
        let port = url::Url::parse(&intake.origin())?
            .port()
            .context("no port")?;
        let csp = frame_ancestors(port).await?;
        ensure!(
            csp == "frame-ancestors 'none'",
            "without --allow-origin the service sends {csp:?}"
        );
        let (_, headers, _) = intake.get_with_headers("/").await?;
        ensure!(
            headers
                .iter()
                .any(|(name, value)| name == "x-frame-options" && value == "DENY"),
            "without --allow-origin there is no X-Frame-Options: DENY: {headers:?}"
        );
        Ok(())
    });
}
