//! Command-line interface: every flag also reads a `LANTERN_*` environment
//! variable, so a deployment can configure the service without a shell script.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Lantern's intake service: receives anonymous tips, validates them, seals
/// them with age to the hotline's keys, and stores them.
#[derive(Debug, Parser)]
#[command(name = "lantern-intake", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The service's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the widget and the tip API.
    Serve(ServeArgs),
    /// Write a new age identity (private key) file and print its recipient.
    Keygen(KeygenArgs),
    /// Decrypt stored tips with an identity and print them.
    Export(ExportArgs),
    /// Write the stored tips, still sealed, as one `.age` file each (for the
    /// stock `age` tool; needs no key).
    Sealed(SealedArgs),
}

/// Flags of `serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "LANTERN_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Where tips are stored: `sqlite://PATH` or `postgres://…`.
    #[arg(
        long,
        env = "LANTERN_DATABASE",
        default_value = "sqlite://data/lantern.db"
    )]
    pub database: String,

    /// An age X25519 recipient (`age1…`) every tip is sealed to. Repeat the
    /// flag (or separate with commas in the environment) for several.
    #[arg(
        long = "recipient",
        env = "LANTERN_RECIPIENT",
        value_delimiter = ',',
        required = true
    )]
    pub recipients: Vec<String>,

    /// The built widget (`dist/` from scripts/build-widget.sh).
    #[arg(long, env = "LANTERN_WIDGET_DIR", default_value = "dist")]
    pub widget_dir: PathBuf,

    /// Where quick exit goes: written into the page's
    /// `<meta name="lantern-exit-url">` and its static exit link.
    #[arg(long, env = "LANTERN_EXIT_URL")]
    pub exit_url: Option<String>,

    /// A partner origin (`https://example.org`) allowed to embed the widget in
    /// a frame. Repeatable; none means the widget cannot be framed at all.
    #[arg(
        long = "allow-origin",
        env = "LANTERN_ALLOW_ORIGIN",
        value_delimiter = ','
    )]
    pub allow_origins: Vec<String>,

    /// Tips one client address may send per minute, sustained.
    #[arg(long, env = "LANTERN_RATE_LIMIT_PER_MINUTE", default_value_t = 6)]
    pub rate_limit_per_minute: u32,

    /// Tips one client address may send at once before the sustained rate applies.
    #[arg(long, env = "LANTERN_RATE_LIMIT_BURST", default_value_t = 10)]
    pub rate_limit_burst: u32,

    /// Longest a database statement may run, or a write wait for another
    /// process's lock, before its tips are answered 503 (e.g. `10s`, `500ms`).
    #[arg(long, env = "LANTERN_DB_STATEMENT_TIMEOUT", default_value = "10s")]
    pub db_statement_timeout: humantime::Duration,

    /// Behind a reverse proxy: the header carrying the client address (for
    /// example `X-Forwarded-For`; its last entry is used). Unset, the socket's
    /// peer address is used and forwarding headers are ignored.
    #[arg(long, env = "LANTERN_CLIENT_IP_HEADER")]
    pub client_ip_header: Option<String>,
}

/// Flags of `keygen`.
#[derive(Debug, Clone, Args)]
pub struct KeygenArgs {
    /// The identity file to create (mode 0600; an existing file is never overwritten).
    #[arg(long, env = "LANTERN_IDENTITY_OUTPUT")]
    pub output: PathBuf,
}

/// Flags of `export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Where tips are stored: `sqlite://PATH` or `postgres://…`.
    #[arg(
        long,
        env = "LANTERN_DATABASE",
        default_value = "sqlite://data/lantern.db"
    )]
    pub database: String,

    /// The age identity file that opens the tips.
    #[arg(long, env = "LANTERN_IDENTITY")]
    pub identity: PathBuf,

    /// Only tips received on or after this UTC date (`YYYY-MM-DD`).
    #[arg(long)]
    pub since: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
}

/// Flags of `sealed`.
#[derive(Debug, Clone, Args)]
pub struct SealedArgs {
    /// Where tips are stored: `sqlite://PATH` or `postgres://…`.
    #[arg(
        long,
        env = "LANTERN_DATABASE",
        default_value = "sqlite://data/lantern.db"
    )]
    pub database: String,

    /// The directory to write the `.age` files into (made, mode 0700, if
    /// missing). Files already there with the same name are left alone.
    #[arg(long)]
    pub out: PathBuf,

    /// Only tips received on or after this UTC date (`YYYY-MM-DD`).
    #[arg(long)]
    pub since: Option<String>,
}

/// How `export` prints tips.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per line: exactly what was sealed.
    Jsonl,
    /// A spreadsheet-friendly table, one row per tip.
    Csv,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_scripts_use_parses() {
        let cli = Cli::try_parse_from([
            "lantern-intake",
            "serve",
            "--listen",
            "127.0.0.1:9000",
            "--database",
            "sqlite://data/lantern.db",
            "--recipient",
            "age1a",
            "--recipient",
            "age1b",
            "--widget-dir",
            "dist",
            "--allow-origin",
            "https://a.example",
        ])
        .unwrap();
        let Command::Serve(args) = cli.command else {
            panic!("not serve")
        };
        assert_eq!(args.recipients, ["age1a", "age1b"]);
        assert_eq!(args.allow_origins, ["https://a.example"]);
        assert_eq!(args.listen.port(), 9000);
    }

    #[test]
    fn clap_configuration_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
