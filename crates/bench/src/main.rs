//! `lantern-bench`: parses the command line and hands over to the library.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use lantern_bench::{floor, intake, report, widget};

/// Lantern's benchmarks: figures printed as Markdown on stdout.
#[derive(Debug, Parser)]
#[command(name = "lantern-bench", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Page-load timing of the widget and of the static baseline.
    Widget {
        /// The built widget.
        #[arg(long, default_value = "dist")]
        dist: PathBuf,
        /// `lantern-intake` to serve it (omit for a plain static server).
        #[arg(long)]
        intake_bin: Option<PathBuf>,
        /// Chromium.
        #[arg(long, default_value = "/usr/bin/chromium")]
        chromium: PathBuf,
        /// ChromeDriver, which drives Chromium.
        #[arg(long, env = "CHROMEDRIVER", default_value = "/usr/bin/chromedriver")]
        chromedriver: PathBuf,
        /// Loads of each page.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// The hotline number's digits.
        #[arg(long, default_value = "8883737888")]
        digits: String,
    },
    /// Intake throughput and latency, beside the floor, on SQLite and PostgreSQL.
    Intake {
        /// `lantern-intake` (build it with `--profile server`).
        #[arg(long)]
        intake_bin: PathBuf,
        /// A directory with the widget's `index.html`.
        #[arg(long, default_value = "dist")]
        widget_dir: PathBuf,
        /// PostgreSQL URL (loopback), to run that half too.
        #[arg(long, env = "LANTERN_TEST_PG")]
        postgres: Option<String>,
        /// PostgreSQL's directory, for its fsync figure.
        #[arg(long, env = "LANTERN_PG_DIR")]
        pg_dir: Option<PathBuf>,
        /// Offered loads, tips per second.
        #[arg(long, value_delimiter = ',', default_value = "500,1000,2000")]
        rates: Vec<f64>,
        /// Seconds each offered load runs.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Connections in the saturation run.
        #[arg(long, default_value_t = 64)]
        connections: usize,
        /// Seconds the saturation run counts.
        #[arg(long, default_value_t = 10)]
        max_seconds: u64,
    },
    /// Serve the intake's cost floor (started by `intake`; not for use alone).
    Floor {
        /// Loopback address to listen on.
        #[arg(long)]
        listen: SocketAddr,
        /// A directory with `index.html`.
        #[arg(long)]
        widget_dir: PathBuf,
        /// Scratch directory.
        #[arg(long)]
        work_dir: PathBuf,
    },
}

fn work_dir() -> Result<tempfile::TempDir, String> {
    tempfile::Builder::new()
        .prefix("lantern-bench")
        .tempdir()
        .map_err(|e| format!("scratch directory: {e}"))
}

async fn run(command: Cmd) -> Result<(), String> {
    match command {
        Cmd::Widget {
            dist,
            intake_bin,
            chromium,
            chromedriver,
            runs,
            digits,
        } => {
            let scratch = work_dir()?;
            let bench = widget::WidgetBench {
                dist,
                intake_bin,
                chromium,
                chromedriver,
                runs: runs.clamp(1, 50),
                work_dir: scratch.path().to_owned(),
                digits,
            };
            let result = widget::run(&bench).await.map_err(|e| e.to_string())?;
            println!("{}", widget::markdown(&bench, &result));
        }
        Cmd::Intake {
            intake_bin,
            widget_dir,
            postgres,
            pg_dir,
            rates,
            seconds,
            connections,
            max_seconds,
        } => {
            let scratch = work_dir()?;
            let bench = intake::IntakeBench {
                intake_bin,
                bench_bin: std::env::current_exe().map_err(|e| e.to_string())?,
                widget_dir,
                work_dir: scratch.path().to_owned(),
                postgres,
                pg_dir,
                rates: rates
                    .into_iter()
                    .filter(|r| *r > 0.0 && *r <= 100_000.0)
                    .collect(),
                duration: Duration::from_secs(seconds.clamp(1, 120)),
                connections: connections.clamp(1, 1024),
                saturate_duration: Duration::from_secs(max_seconds.clamp(1, 120)),
            };
            let results = intake::run(&bench).await.map_err(|e| e.to_string())?;
            println!("{}", intake::markdown(&bench, &results));
        }
        Cmd::Floor {
            listen,
            widget_dir,
            work_dir,
        } => {
            if !listen.ip().is_loopback() {
                return Err("the floor server listens on loopback only".into());
            }
            floor::serve(listen, &widget_dir, &work_dir)
                .await
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse().command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report::progress(&format!("lantern-bench: {error}"));
            ExitCode::FAILURE
        }
    }
}
