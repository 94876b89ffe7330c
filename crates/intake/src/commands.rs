//! The commands: `serve`, `keygen`, `export` and `sealed`.

use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;

use crate::config::{ExportArgs, ExportFormat, KeygenArgs, SealedArgs, ServeArgs};
use crate::ratelimit::RateLimit;
use crate::seal::{Opener, Sealer};
use crate::store::{AnyStore, StoreOptions};
use crate::widget::WidgetPage;
use crate::{app, clock, privacy, AppState, Settings};

/// A command failed; the message is for the operator.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CommandError(pub String);

fn fail(context: &str) -> impl Fn(&dyn std::fmt::Display) -> CommandError + '_ {
    move |error| CommandError(format!("{context}: {error}"))
}

/// `serve`: opens the database, then answers until SIGINT or SIGTERM.
pub async fn serve(args: ServeArgs) -> Result<(), CommandError> {
    privacy::init_logging();
    privacy::install_panic_hook();
    let sealer = Sealer::new(&args.recipients).map_err(|e| fail("--recipient")(&e))?;
    let page = WidgetPage::load(&args.widget_dir, args.exit_url.as_deref())
        .map_err(|e| fail("widget")(&e))?;
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
        },
    )
    .map_err(|e| fail("configuration")(&e))?;
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| fail("--listen")(&e))?;
    let address = listener.local_addr().map_err(|e| fail("--listen")(&e))?;
    tracing::info!(%address, "listening");
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| fail("server")(&e))?;
    store.shut_down().await;
    tracing::info!("stopped");
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
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut csv = (args.format == ExportFormat::Csv).then(crate::export::CsvWriter::new);
    for record in records {
        let plaintext = opener.open(&record.sealed).map_err(|e| fail("open")(&e))?;
        // Read through the one type the intake writes (lantern_tip::SealedTip).
        let payload: lantern_tip::SealedTip = serde_json::from_slice(&plaintext)
            .map_err(|e| fail("a sealed tip this version cannot read")(&e))?;
        match csv.as_mut() {
            Some(csv) => csv.row(&serde_json::to_value(&payload).map_err(|e| fail("csv")(&e))?),
            None => {
                serde_json::to_writer(&mut out, &payload).map_err(|e| fail("stdout")(&e))?;
                out.write_all(b"\n").map_err(|e| fail("stdout")(&e))?;
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
    use sha2::Digest;
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
        let hour = clock::rfc3339(record.received_hour);
        let digest = sha2::Sha256::digest(&record.sealed);
        let name = format!("{}-{}.age", &hour[..13], hex_prefix(&digest[..6]));
        let path = out.join(name);
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

fn hex_prefix(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The file path of a `sqlite://PATH` URL (without query parameters).
fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (path != ":memory:" && !path.is_empty()).then_some(path)
}
