//! `lantern-bench widget`: the widget page and the static baseline, loaded
//! alternately in fresh headless Chromium under the mobile conditions (see
//! [`crate::pageload`]), served by the real `lantern-intake serve` (or, when
//! no intake binary is given, by a plain static file server, and the report
//! says so). Printed as Markdown: every load, then medians and the ratio.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::browser::Driver;
use crate::pageload::{self, PageLoad, ProbeConfig};
use crate::process::{self, ProcessError, Server};
use crate::report::{load_average, opt_ms};
use crate::stats::median;

/// What to run.
#[derive(Debug, Clone)]
pub struct WidgetBench {
    /// The built widget (`dist/`).
    pub dist: PathBuf,
    /// `lantern-intake` to serve it; `None` serves the files statically.
    pub intake_bin: Option<PathBuf>,
    /// Debian's Chromium.
    pub chromium: PathBuf,
    /// Debian's ChromeDriver, which drives it.
    pub chromedriver: PathBuf,
    /// Loads of each page.
    pub runs: usize,
    /// Scratch space.
    pub work_dir: PathBuf,
    /// The hotline number's digits.
    pub digits: String,
}

/// Why the run stopped.
#[derive(Debug, thiserror::Error)]
pub enum WidgetBenchError {
    /// Staging the files failed.
    #[error("staging {0}: {1}")]
    Stage(PathBuf, std::io::Error),
    /// The server would not start.
    #[error(transparent)]
    Process(#[from] ProcessError),
    /// The browser failed.
    #[error(transparent)]
    Browser(#[from] crate::browser::BrowserError),
}

/// The baseline: only the hotline block, no style sheet, no script. The
/// fastest any page can show the number over the same connection.
pub const BASELINE_HTML: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Help</title>
</head>
<body>
<p>National Human Trafficking Hotline, 24/7, confidential:
call <a href="tel:+18883737888">1-888-373-7888</a> or text <a href="sms:233733">233733</a>.
In danger now: call <a href="tel:911">911</a>.</p>
</body>
</html>
"#;

/// The figures of one run.
#[derive(Debug, Clone)]
pub struct WidgetResult {
    /// What served the pages.
    pub server: String,
    /// Widget loads, in order.
    pub widget: Vec<PageLoad>,
    /// Baseline loads, in order.
    pub baseline: Vec<PageLoad>,
    /// Load average before and after.
    pub load: (String, String),
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// `dist/` plus `baseline.html` with the same `.br`/`.gz` siblings every
/// asset has, so both pages travel compressed alike.
fn stage(bench: &WidgetBench) -> Result<PathBuf, WidgetBenchError> {
    let site = bench.work_dir.join("site");
    let err = |e| WidgetBenchError::Stage(site.clone(), e);
    let _ = std::fs::remove_dir_all(&site);
    copy_dir(&bench.dist, &site).map_err(err)?;
    let baseline = site.join("baseline.html");
    std::fs::write(&baseline, BASELINE_HTML).map_err(err)?;
    for (tool, flags) in [
        ("gzip", &["-9", "-k", "-f"][..]),
        ("brotli", &["-q", "11", "-k", "-f"][..]),
    ] {
        let status = Command::new(tool)
            .args(flags)
            .arg(&baseline)
            .status()
            .map_err(err)?;
        if !status.success() {
            return Err(err(std::io::Error::other(format!("{tool} failed"))));
        }
    }
    Ok(site)
}

/// A static file server for `dir` (the fallback when there is no intake).
async fn static_server(dir: PathBuf) -> Result<std::net::SocketAddr, ProcessError> {
    let service = tower_http::services::ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip();
    let app = axum::Router::new().fallback_service(service);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| ProcessError::Io {
            what: "binding the static server".into(),
            source: e,
        })?;
    let addr = listener.local_addr().map_err(|e| ProcessError::Io {
        what: "reading its address".into(),
        source: e,
    })?;
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(addr)
}

/// Serves, loads each page `runs` times alternately, and returns every load.
pub async fn run(bench: &WidgetBench) -> Result<WidgetResult, WidgetBenchError> {
    let site = stage(bench)?;
    let before = load_average();
    let (base, server, label) = match &bench.intake_bin {
        Some(intake) => {
            let recipient = process::keygen(intake, &bench.work_dir).await?;
            let addr = process::free_loopback_addr()?;
            let args: Vec<String> = vec![
                "serve".into(),
                "--listen".into(),
                addr.to_string(),
                "--database".into(),
                format!(
                    "sqlite://{}",
                    bench.work_dir.join("widget-bench.db").display()
                ),
                "--recipient".into(),
                recipient,
                "--widget-dir".into(),
                site.display().to_string(),
            ];
            let log = bench.work_dir.join("intake-widget.log");
            let server =
                Server::start("lantern-intake", intake, &args, addr, &log, "/healthz").await?;
            (
                server.base(),
                Some(server),
                "lantern-intake serve (SQLite)".to_owned(),
            )
        }
        None => {
            let addr = static_server(site.clone()).await?;
            (
                format!("http://{addr}"),
                None,
                "static file server (tower-http ServeDir; no intake)".to_owned(),
            )
        }
    };
    let widget_probe = ProbeConfig {
        digits: bench.digits.clone(),
        ready: "#lantern[data-ready=\"true\"]".into(),
        form_fields:
            "[data-testid=\"section-report\"] :is(input:not([type=hidden]), textarea, select)"
                .into(),
        nav: "[data-testid=\"nav-report\"]".into(),
        baseline: false,
    };
    let baseline_probe = ProbeConfig {
        baseline: true,
        ..widget_probe.clone()
    };
    let driver = Driver::start(
        &bench.chromedriver,
        &bench.work_dir.join("chromedriver.log"),
    )
    .await?;
    let loads = load_both(bench, &driver, &base, &widget_probe, &baseline_probe).await;
    driver.stop().await;
    let (widget, baseline) = loads?;
    if let Some(server) = server {
        server.stop().await;
    }
    Ok(WidgetResult {
        server: label,
        widget,
        baseline,
        load: (before, load_average()),
    })
}

/// Every load of each page, alternating.
async fn load_both(
    bench: &WidgetBench,
    driver: &Driver,
    base: &str,
    widget_probe: &ProbeConfig,
    baseline_probe: &ProbeConfig,
) -> Result<(Vec<PageLoad>, Vec<PageLoad>), WidgetBenchError> {
    let mut widget = Vec::new();
    let mut baseline = Vec::new();
    for run in 0..bench.runs {
        crate::report::progress(&format!(
            "  load {}/{}: widget, then baseline",
            run + 1,
            bench.runs
        ));
        widget.push(
            pageload::load(driver, &bench.chromium, &format!("{base}/"), widget_probe).await?,
        );
        baseline.push(
            pageload::load(
                driver,
                &bench.chromium,
                &format!("{base}/baseline.html"),
                baseline_probe,
            )
            .await?,
        );
    }
    Ok((widget, baseline))
}

fn med(loads: &[PageLoad], f: impl Fn(&PageLoad) -> Option<f64>) -> Option<f64> {
    let values: Vec<f64> = loads.iter().filter_map(f).collect();
    median(&values)
}

fn verdict(ok: Option<bool>) -> &'static str {
    match ok {
        Some(true) => "met",
        Some(false) => "MISSED",
        None => "not measured",
    }
}

/// The figures as Markdown.
pub fn markdown(bench: &WidgetBench, result: &WidgetResult) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Served by: {}. {} loads of each page, alternating, each in a fresh Chromium \
         profile; {} ms RTT, {:.1} Mbit/s down, {:.0} kbit/s up, CPU {}× slower, 412×823 viewport.\n\
         Load average before: {}; after: {}.\n",
        result.server,
        bench.runs,
        pageload::RTT_MS,
        pageload::DOWN_BYTES_PER_S * 8.0 / 1e6,
        pageload::UP_BYTES_PER_S * 8.0 / 1e3,
        pageload::CPU_SLOWDOWN,
        result.load.0,
        result.load.1,
    );
    let _ = writeln!(
        out,
        "| page | run | hotline paint frame ms | after that frame ms | element timing ms | form accepts input ms | app mounted ms | longest task ms | long tasks | CLS | FCP ms | load ms | bytes on wire |\n\
         |---|---:|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---:|"
    );
    for (name, loads) in [("widget", &result.widget), ("baseline", &result.baseline)] {
        for (i, l) in loads.iter().enumerate() {
            let form = match (l.form_ms, l.form_via_nav) {
                (Some(ms), true) => format!("{ms:.0} (after tab click)"),
                (Some(ms), false) => format!("{ms:.0}"),
                (None, _) if name == "baseline" => "–".into(),
                (None, _) => "not seen".into(),
            };
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {} | {} | {form} | {} | {:.0} | {} | {:.4} | {} | {} | {:.0} |{}",
                i + 1,
                opt_ms(l.hotline_ms()),
                opt_ms(l.hotline_after_ms),
                opt_ms(l.hotline_paint_ms),
                opt_ms(l.ready_ms),
                l.longest_task_ms,
                long_tasks(l),
                l.cls,
                opt_ms(l.fcp_ms),
                opt_ms(l.load_ms),
                l.transfer_bytes,
                if l.timed_out { " timed out" } else { "" },
            );
        }
    }
    let w = &result.widget;
    let b = &result.baseline;
    let hot_w = med(w, PageLoad::hotline_ms);
    let hot_b = med(b, PageLoad::hotline_ms);
    let ratio = hot_w.zip(hot_b).map(|(w, b)| w / b.max(1e-9));
    let after_w = med(w, |l| l.hotline_after_ms);
    let after_b = med(b, |l| l.hotline_after_ms);
    let fcp_w = med(w, |l| l.fcp_ms);
    let fcp_b = med(b, |l| l.fcp_ms);
    let ratio_of = |x: Option<f64>, y: Option<f64>| {
        x.zip(y)
            .map_or("n/a".into(), |(x, y)| format!("{:.2}", x / y.max(1e-9)))
    };
    let form = med(w, |l| l.form_ms);
    let task = med(w, |l| Some(l.longest_task_ms));
    let cls = med(w, |l| Some(l.cls));
    let _ = writeln!(
        out,
        "\n| median | widget | baseline | budget | verdict |\n|---|---:|---:|---|---|\n\
         | hotline paint ms (frame that paints it) | {} | {} | within 10% of baseline | {} (ratio {}) |\n\
         | hotline paint ms, upper bound (after that frame) | {} | {} | – | ratio {} |\n\
         | form accepts input ms | {} | – | ≤ 1500 | {} |\n\
         | longest main-thread task ms | {} | {} | ≤ 50 | {} |\n\
         | cumulative layout shift | {} | {} | < 0.01 | {} |\n\
         | first contentful paint ms | {} | {} | – | ratio {} |\n\
         | bytes on the wire | {} | {} | – | – |",
        opt_ms(hot_w),
        opt_ms(hot_b),
        verdict(ratio.map(|r| r <= 1.10)),
        ratio.map_or("n/a".into(), |r| format!("{r:.2}")),
        opt_ms(after_w),
        opt_ms(after_b),
        ratio_of(after_w, after_b),
        opt_ms(form),
        verdict(form.map(|f| f <= 1500.0)),
        opt_ms(task),
        opt_ms(med(b, |l| Some(l.longest_task_ms))),
        verdict(task.map(|t| t <= 50.0)),
        cls.map_or("n/a".into(), |c| format!("{c:.4}")),
        med(b, |l| Some(l.cls)).map_or("n/a".into(), |c| format!("{c:.4}")),
        verdict(cls.map(|c| c < 0.01)),
        opt_ms(fcp_w),
        opt_ms(fcp_b),
        ratio_of(fcp_w, fcp_b),
        med(w, |l| Some(l.transfer_bytes)).map_or("n/a".into(), |v| format!("{v:.0}")),
        med(b, |l| Some(l.transfer_bytes)).map_or("n/a".into(), |v| format!("{v:.0}")),
    );
    let notes: Vec<&String> = w.iter().chain(b).flat_map(|l| &l.notes).collect();
    if !notes.is_empty() {
        let _ = writeln!(out, "\nProbe notes: {notes:?}");
    }
    out
}

/// The long-task count with each task's start and length ("2: 1180+82,
/// 1302+55"), so a reader can match a task to the work around it (the
/// app's mount is near "app mounted", a tab click's work near the form).
fn long_tasks(load: &PageLoad) -> String {
    if load.long_task_spans.is_empty() {
        return load.long_tasks.to_string();
    }
    let spans: Vec<String> = load
        .long_task_spans
        .iter()
        .map(|(start, length)| format!("{start:.0}+{length:.0}"))
        .collect();
    format!("{}: {}", load.long_tasks, spans.join(", "))
}
