//! `lantern-intake`: parses the command line and hands over to the library.

use clap::Parser;
use lantern_intake::commands;
use lantern_intake::config::{Cli, Command};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let result = match Cli::parse().command {
        Command::Serve(args) => commands::serve(args).await,
        Command::Keygen(args) => commands::keygen(args),
        Command::Export(args) => commands::export(args).await,
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
