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
#[expect(
    clippy::large_enum_variant,
    reason = "parsed once at start-up; boxing would buy nothing"
)]
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
    /// Show a tip's follow-up conversation and, with --message, write to the
    /// reporter (issue 16; needs the hotline's identity).
    Reply(ReplyArgs),
    /// Manage the analysts who may use the console: add (printing a
    /// one-time enrolment link), link, remove, list.
    Analyst(AnalystArgs),
    /// Read and check the console's audit log.
    Audit(AuditArgs),
}

/// Flags of `analyst`.
#[derive(Debug, Clone, Args)]
pub struct AnalystArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: AnalystCommand,

    /// Where tips are stored: `sqlite://PATH` or `postgres://…`.
    #[arg(
        long,
        global = true,
        env = "LANTERN_DATABASE",
        default_value = "sqlite://data/lantern.db"
    )]
    pub database: String,

    /// The origin analysts open the console at (as `serve --console-origin`):
    /// the enrolment link starts with it.
    #[arg(
        long,
        global = true,
        env = "LANTERN_CONSOLE_ORIGIN",
        default_value = "http://localhost:8080"
    )]
    pub console_origin: String,

    /// How long an enrolment link works if unused (e.g. `24h`, `30m`).
    #[arg(long, global = true, default_value = "24h")]
    pub link_valid_for: humantime::Duration,
}

/// The `analyst` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum AnalystCommand {
    /// Add an analyst and print their one-time enrolment link.
    Add {
        /// Their name, as they will type it to sign in.
        name: String,
        /// Make them an administrator (may read the audit log in the console).
        #[arg(long)]
        admin: bool,
    },
    /// Print a new one-time enrolment link for a present analyst (another
    /// passkey, or the first link expired).
    Link {
        /// Their name.
        name: String,
    },
    /// Remove an analyst: their sessions end at once; their audit entries stay.
    Remove {
        /// Their name.
        name: String,
    },
    /// List every analyst, present and removed.
    List,
}

/// Flags of `audit`.
#[derive(Debug, Clone, Args)]
pub struct AuditArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: AuditCommand,

    /// Where tips are stored: `sqlite://PATH` or `postgres://…`.
    #[arg(
        long,
        global = true,
        env = "LANTERN_DATABASE",
        default_value = "sqlite://data/lantern.db"
    )]
    pub database: String,
}

/// The `audit` subcommands.
#[derive(Debug, Clone, Copy, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain; name the first broken entry (and exit 1).
    Verify,
    /// Print every entry, oldest first.
    List,
}

/// Flags of `reply`.
#[derive(Debug, Clone, Args)]
pub struct ReplyArgs {
    /// Where tips are stored: `sqlite://PATH` or `postgres://…`.
    #[arg(
        long,
        env = "LANTERN_DATABASE",
        default_value = "sqlite://data/lantern.db"
    )]
    pub database: String,

    /// The hotline's age identity file: opens the conversation, and its
    /// public keys are among those a reply is sealed to.
    #[arg(long, env = "LANTERN_IDENTITY")]
    pub identity: PathBuf,

    /// More hotline recipients (`age1…`) a reply is sealed to.
    #[arg(long = "recipient", value_delimiter = ',')]
    pub recipients: Vec<String>,

    /// The tip's receipt (as `export` shows it).
    #[arg(long)]
    pub receipt: String,

    /// The message to the reporter; without it, only the conversation is shown.
    #[arg(long)]
    pub message: Option<String>,
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
    /// example `X-Forwarded-For`; its last entry is used), believed only
    /// from a `--trusted-proxy`. Unset, the socket's peer address is used and
    /// forwarding headers are ignored.
    #[arg(long, env = "LANTERN_CLIENT_IP_HEADER", requires = "trusted_proxies")]
    pub client_ip_header: Option<String>,

    /// The reverse proxies whose `--client-ip-header` is believed: addresses
    /// or networks (`127.0.0.1`, `10.0.0.0/8`, `::1`). Repeatable. Requests
    /// from any other peer are limited by their own address.
    #[arg(
        long = "trusted-proxy",
        env = "LANTERN_TRUSTED_PROXY",
        value_delimiter = ',',
        requires = "client_ip_header"
    )]
    pub trusted_proxies: Vec<String>,

    /// A partner id counted by name in `/metrics`. Repeatable; tips naming
    /// any other partner id are counted as `other`.
    #[arg(long = "partner", env = "LANTERN_PARTNER", value_delimiter = ',')]
    pub partners: Vec<String>,

    /// Serve `/metrics` on this address only (and not on `--listen`).
    #[arg(long, env = "LANTERN_METRICS_LISTEN")]
    pub metrics_listen: Option<SocketAddr>,

    /// Ask for `Authorization: Bearer TOKEN` on `/metrics`. Prefer the
    /// environment variable: a flag is visible to every user in `ps`.
    #[arg(long, env = "LANTERN_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,

    /// Seconds a client has to send a request's line and headers (for
    /// HTTP/1 also how long an idle keep-alive connection stays open).
    #[arg(long, env = "LANTERN_HEADER_TIMEOUT", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub header_timeout: u64,

    /// Seconds a client has to send a tip's whole body (then 408).
    #[arg(long, env = "LANTERN_BODY_TIMEOUT", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub body_timeout: u64,

    /// Seconds a connection may go without a byte read or written.
    #[arg(long, env = "LANTERN_IDLE_TIMEOUT", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout: u64,

    /// Connections open at once; more wait to be accepted. Kept below the
    /// open-files limit whatever is asked.
    #[arg(long, env = "LANTERN_MAX_CONNECTIONS", default_value_t = 1024,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_connections: u64,

    /// The origin analysts open the console at (`https://lantern.example`).
    /// Passkeys are bound to its host; console requests from other origins
    /// are refused.
    #[arg(
        long,
        env = "LANTERN_CONSOLE_ORIGIN",
        default_value = "http://localhost:8080"
    )]
    pub console_origin: String,

    /// A console session unused this long ends (e.g. `30m`).
    #[arg(long, env = "LANTERN_CONSOLE_SESSION_IDLE", default_value = "30m")]
    pub console_session_idle: humantime::Duration,

    /// Closed tips, with their conversation and triage, are deleted for
    /// good once closed this long (e.g. `365d`; checked hourly). Unset:
    /// nothing is deleted.
    #[arg(long, env = "LANTERN_RETENTION")]
    pub retention: Option<humantime::Duration>,

    /// A console session ends this long after sign-in, however active.
    #[arg(long, env = "LANTERN_CONSOLE_SESSION_MAX", default_value = "12h")]
    pub console_session_max: humantime::Duration,

    /// The built analysts' console (scripts/build-console.sh), served under
    /// `/console/`. Missing, `/console/` answers 404.
    #[arg(long, env = "LANTERN_CONSOLE_DIR", default_value = "dist-console")]
    pub console_dir: PathBuf,
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
        assert_eq!(
            (args.header_timeout, args.body_timeout, args.idle_timeout),
            (10, 60, 60)
        );
        assert_eq!(args.max_connections, 1024);
        assert!(args.metrics_listen.is_none() && args.metrics_token.is_none());
    }

    #[test]
    fn a_client_ip_header_needs_a_trusted_proxy() {
        let base = ["lantern-intake", "serve", "--recipient", "age1a"];
        let with = |extra: &[&str]| {
            Cli::try_parse_from(base.iter().chain(extra).copied()).map(|cli| cli.command)
        };
        assert!(with(&["--client-ip-header", "x-forwarded-for"]).is_err());
        assert!(with(&["--trusted-proxy", "127.0.0.1"]).is_err());
        let Ok(Command::Serve(args)) = with(&[
            "--client-ip-header",
            "x-forwarded-for",
            "--trusted-proxy",
            "127.0.0.1,10.0.0.0/8",
        ]) else {
            panic!("not serve")
        };
        assert_eq!(args.trusted_proxies, ["127.0.0.1", "10.0.0.0/8"]);
        assert!(with(&["--header-timeout", "0"]).is_err());
    }

    #[test]
    fn the_administrators_commands_parse_with_flags_anywhere() {
        let cli = Cli::try_parse_from([
            "lantern-intake",
            "analyst",
            "add",
            "Ana Ruiz",
            "--admin",
            "--database",
            "postgres://db/lantern",
            "--link-valid-for",
            "2h",
        ])
        .unwrap();
        let Command::Analyst(args) = cli.command else {
            panic!("not analyst")
        };
        assert_eq!(args.database, "postgres://db/lantern");
        assert_eq!(args.console_origin, "http://localhost:8080");
        assert_eq!(
            std::time::Duration::from(args.link_valid_for).as_secs(),
            7_200
        );
        let AnalystCommand::Add { name, admin } = args.command else {
            panic!("not add")
        };
        assert_eq!((name.as_str(), admin), ("Ana Ruiz", true));
        let cli = Cli::try_parse_from(["lantern-intake", "audit", "verify"]).unwrap();
        assert!(matches!(
            cli.command,
            Command::Audit(AuditArgs {
                command: AuditCommand::Verify,
                ..
            })
        ));
        assert!(Cli::try_parse_from(["lantern-intake", "analyst", "add"]).is_err());
    }

    #[test]
    fn clap_configuration_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
