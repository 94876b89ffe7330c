//! The usual set for a widget test: the harness's pages (exit page, second
//! origin) and an intake service whose exit URL points at them.

use anyhow::Result;

use crate::intake::{Config, Intake};
use crate::pages::Pages;

/// Pages and an intake service, each on its own loopback port.
pub struct Stage {
    /// The exit page, start page and partner pages.
    pub pages: Pages,
    /// The intake service serving the widget.
    pub intake: Intake,
}

impl Stage {
    /// Starts both, the intake with `--exit-url` at the pages' exit page.
    pub async fn start() -> Result<Stage> {
        Stage::start_with(Config::default()).await
    }

    /// Starts both with a custom intake configuration; an empty `exit_url`
    /// is filled in with the pages' exit page.
    pub async fn start_with(mut config: Config) -> Result<Stage> {
        let pages = Pages::start().await?;
        if config.exit_url.is_empty() {
            config.exit_url = pages.exit_url();
        }
        let intake = Intake::start(config).await?;
        Ok(Stage { pages, intake })
    }
}
