//! The commands: `serve`, `keygen`, `export` and `sealed`.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crate::config::{ExportArgs, ExportFormat, KeygenArgs, SealedArgs, ServeArgs};
use crate::conn::{self, Limits, ParserAnswers};
use crate::page::WidgetPage;
use crate::ratelimit::RateLimit;
use crate::seal::{Opener, Sealer};
use crate::store::{AnyStore, StoreOptions};
use crate::{app, clock, logging, metrics, panics, AppState, Settings};

/// A command failed; the message is for the operator.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CommandError(pub String);

fn fail(context: &str) -> impl Fn(&dyn std::fmt::Display) -> CommandError + '_ {
    move |error| CommandError(format!("{context}: {error}"))
}

/// `serve`: opens the database, then answers until SIGINT or SIGTERM.
pub async fn serve(args: ServeArgs) -> Result<(), CommandError> {
    logging::init_logging();
    panics::install_panic_hook();
    // Whatever the service creates (the database, its WAL and shared-memory
    // files, the data directory) is its user's alone.
    restrict_new_files();
    let retention = args.retention;
    let sealer = Sealer::new(&args.recipients).map_err(|e| fail("--recipient")(&e))?;
    let page = WidgetPage::load(&args.widget_dir, args.exit_url.as_deref())
        .map_err(|e| fail("widget")(&e))?;
    if let Some(path) = sqlite_path(&args.database) {
        private_database_files(Path::new(path)).map_err(|e| fail("--database")(&e))?;
    }
    let store = AnyStore::open_with(
        &args.database,
        StoreOptions {
            statement_timeout: args.db_statement_timeout.into(),
        },
    )
    .await
    .map_err(|e| fail("database")(&e))?;
    let state = AppState::new(
        store.clone(),
        sealer,
        page,
        Settings {
            allow_origins: args.allow_origins,
            rate_limit: RateLimit {
                per_minute: args.rate_limit_per_minute,
                burst: args.rate_limit_burst,
            },
            client_ip_header: args.client_ip_header,
            trusted_proxies: args.trusted_proxies,
            partners: args.partners,
            metrics: metrics::Access {
                token: args.metrics_token.filter(|t| !t.is_empty()),
                separate_listener: args.metrics_listen.is_some(),
            },
            body_timeout: Duration::from_secs(args.body_timeout),
            console: crate::console::ConsoleSettings {
                origin: args.console_origin,
                idle: args.console_session_idle.into(),
                max_age: args.console_session_max.into(),
                dir: args.console_dir,
            },
        },
    )
    .map_err(|e| fail("configuration")(&e))?;
    let limits = Limits {
        header_timeout: Duration::from_secs(args.header_timeout),
        idle_timeout: Duration::from_secs(args.idle_timeout),
        max_connections: connection_cap(
            usize::try_from(args.max_connections).unwrap_or(usize::MAX),
        ),
    };
    tokio::spawn(crate::followup::expire_periodically(store.clone()));
    if let Some(keep) = retention {
        tokio::spawn(crate::retention::delete_periodically(
            state.clone(),
            keep.into(),
        ));
    }
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| fail("--listen")(&e))?;
    let address = listener.local_addr().map_err(|e| fail("--listen")(&e))?;
    let metrics_listener = match args.metrics_listen {
        Some(at) => Some(
            tokio::net::TcpListener::bind(at)
                .await
                .map_err(|e| fail("--metrics-listen")(&e))?,
        ),
        None => None,
    };
    // Said before "listening", which is what a supervisor (and the tests)
    // wait for: once it is logged, both addresses are known.
    if let Some(at) = metrics_listener.as_ref().and_then(|l| l.local_addr().ok()) {
        tracing::info!(metrics_address = %at, "serving /metrics");
    }
    tracing::info!(%address, "listening");
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown_signal().await;
        let _ = stop.send(true);
    });
    let until_stopped = || {
        let mut stopped = stopped.clone();
        async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        }
    };
    let answers = Arc::new(ParserAnswers::new(&state.policy));
    let metrics_server = async {
        if let Some(listener) = metrics_listener {
            let router = crate::metrics_app(state.clone());
            conn::serve(
                listener,
                router,
                limits,
                Arc::clone(&answers),
                until_stopped(),
            )
            .await;
        }
    };
    let main_server = conn::serve(
        listener,
        app(state.clone()),
        limits,
        Arc::clone(&answers),
        until_stopped(),
    );
    tokio::join!(main_server, metrics_server);
    store.shut_down().await;
    tracing::info!("stopped");
    Ok(())
}

/// Files the process creates get mode 0600 and directories 0700 (umask 077).
fn restrict_new_files() {
    #[cfg(unix)]
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

/// Descriptors kept free for the database, the listeners and the logs.
const RESERVED_FILES: usize = 64;

/// The connection cap that fits the open-files limit: the soft limit is
/// raised to the hard one first (as most servers do), then the cap is kept
/// [`RESERVED_FILES`] below it, so a flood of connections can never leave
/// the service unable to accept or to open its database.
fn connection_cap(wanted: usize) -> usize {
    #[cfg(unix)]
    {
        use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
        let mut limit = getrlimit(Resource::Nofile);
        if limit.current != limit.maximum {
            let raised = Rlimit {
                current: limit.maximum,
                maximum: limit.maximum,
            };
            if setrlimit(Resource::Nofile, raised).is_ok() {
                limit = raised;
            }
        }
        if let Some(files) = limit.current {
            let room = usize::try_from(files)
                .unwrap_or(usize::MAX)
                .saturating_sub(RESERVED_FILES)
                .max(1);
            if wanted > room {
                tracing::warn!(
                    open_files_limit = files,
                    max_connections = room,
                    "--max-connections lowered to fit the open-files limit"
                );
                return room;
            }
        }
    }
    wanted
}

/// A SQLite database's directory is made 0700 when the service creates it
/// (and a warning logged when an existing one is open to others); the
/// database and the files SQLite keeps beside it are made 0600.
fn private_database_files(database: &Path) -> std::io::Result<()> {
    let directory = database
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !directory.exists() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(directory)?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(directory)?.permissions().mode();
        if mode & 0o077 != 0 {
            tracing::warn!(
                directory = %directory.display(),
                mode = format!("{:o}", mode & 0o777),
                "the database directory is open to other users; chmod 700 it"
            );
        }
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = database.as_os_str().to_owned();
            name.push(suffix);
            let path = Path::new(&name);
            if path.exists() {
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
            }
        }
    }
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {},
            _ = terminate.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

/// `keygen`: writes a new identity file (mode 0600, never over an existing
/// file) and prints the public recipient on stdout.
pub fn keygen(args: KeygenArgs) -> Result<(), CommandError> {
    let (identity, recipient) = crate::seal::generate_identity(&clock::rfc3339(clock::now_unix()));
    write_private(&args.output, identity.as_bytes())
        .map_err(|e| fail(&args.output.display().to_string())(&e))?;
    println!("{recipient}");
    Ok(())
}

fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// `export`: decrypts every stored tip (optionally since a date) and prints
/// them as JSON lines or CSV on stdout.
pub async fn export(args: ExportArgs) -> Result<(), CommandError> {
    let opener = Opener::from_file(&args.identity).map_err(|e| fail("--identity")(&e))?;
    let records = stored(&args.database, args.since.as_deref()).await?;
    let mut conversations =
        crate::followup::command::conversations(&args.database, &opener).await?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut csv = (args.format == ExportFormat::Csv).then(crate::export::CsvWriter::new);
    for record in records {
        let plaintext = opener.open(&record.sealed).map_err(|e| fail("open")(&e))?;
        // Read through the one type the intake writes (lantern_tip::SealedTip).
        let payload: lantern_tip::SealedTip = serde_json::from_slice(&plaintext)
            .map_err(|e| fail("a sealed tip this version cannot read")(&e))?;
        // Issue 16: the tip's follow-up conversation, if it has one.
        let messages = conversations
            .remove(&payload.receipt.digits())
            .unwrap_or_default();
        // The shared format (lantern_tip::export): the console writes the same.
        let tip = crate::export::OpenedTip::new(payload, messages);
        match csv.as_mut() {
            Some(csv) => csv.tip(&tip),
            None => {
                out.write_all(tip.json_line().as_bytes())
                    .and_then(|()| out.write_all(b"\n"))
                    .map_err(|e| fail("stdout")(&e))?;
            }
        }
    }
    if let Some(csv) = csv {
        out.write_all(&csv.finish())
            .map_err(|e| fail("stdout")(&e))?;
    }
    out.flush().map_err(|e| fail("stdout")(&e))
}

/// The sealed tips of `database` since the date `since`, read without
/// writing anything.
async fn stored(
    database: &str,
    since: Option<&str>,
) -> Result<Vec<crate::store::StoredRecord>, CommandError> {
    let since_hour = match since {
        Some(text) => {
            let date: lantern_tip::Date = text
                .parse()
                .map_err(|_| CommandError(format!("--since {text:?}: expected YYYY-MM-DD")))?;
            date.days_since_epoch() * 86_400
        }
        None => i64::MIN,
    };
    if let Some(path) = sqlite_path(database) {
        if !Path::new(path).exists() {
            return Err(CommandError(format!("--database: {path} does not exist")));
        }
    }
    crate::store::read_sealed(database, since_hour)
        .await
        .map_err(|e| fail("database")(&e))
}

/// `sealed`: writes every stored tip (optionally since a date) as an `.age`
/// file, exactly the bytes stored, for `age --decrypt`. Names carry the hour
/// received and a digest of the file, nothing that orders tips in an hour,
/// so running it twice writes nothing new. Prints how many were written.
pub async fn sealed(args: SealedArgs) -> Result<(), CommandError> {
    let records = stored(&args.database, args.since.as_deref()).await?;
    let out = &args.out;
    let context = out.display().to_string();
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(out).map_err(|e| fail(&context)(&e))?;
    let (mut written, mut present) = (0, 0);
    for record in &records {
        let path = out.join(crate::seal::file_name(record.received_hour, &record.sealed));
        match write_private(&path, &record.sealed) {
            Ok(()) => written += 1,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => present += 1,
            Err(e) => return Err(fail(&path.display().to_string())(&e)),
        }
    }
    println!(
        "{written} sealed tips written to {context} ({present} were there already); \
         open one with: age --decrypt --identity IDENTITY FILE.age"
    );
    Ok(())
}

/// The file path of a `sqlite://PATH` URL (without query parameters).
fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (path != ":memory:" && !path.is_empty()).then_some(path)
}
