//! `lantern-intake`: parses the command line and hands over to the library.

use clap::Parser;
use lantern_intake::commands;
use lantern_intake::config::{Cli, Command};

/// mimalloc, not glibc's malloc: each tip allocates on several threads (the
/// request's, the sealer's, the store's writer), and glibc's per-arena locks
/// and frees across threads cost about a tenth of the server's CPU under load
/// (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let result = match Cli::parse().command {
        Command::Serve(args) => commands::serve(args).await,
        Command::Keygen(args) => commands::keygen(args),
        Command::Export(args) => commands::export(args).await,
        Command::Sealed(args) => commands::sealed(args).await,
        Command::Reply(args) => lantern_intake::followup::command::reply(args).await,
        Command::Analyst(args) => lantern_intake::console::command::analyst(args).await,
        Command::Audit(args) => lantern_intake::console::command::audit(args).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            #[expect(clippy::print_stderr, reason = "the operator's error message")]
            {
                eprintln!("lantern-intake: {error}");
            }
            std::process::ExitCode::FAILURE
        }
    }
}
