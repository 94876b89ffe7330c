//! Lantern's benchmarks. They print figures; nothing here asserts a time.
//!
//! - [`widget`]: the widget page and a static baseline in headless Chromium
//!   under Lighthouse's mobile conditions ([`pageload`], driven through
//!   ChromeDriver by [`browser`]);
//! - [`intake`]: `lantern-intake` under fixed-rate and saturating load
//!   ([`load`] with [`tipgen`]'s tips), beside its cost floor ([`floor`]) and
//!   the disk's [`fsync`] latency;
//! - [`process`] starts the servers, [`stats`] and [`report`] print figures.

pub mod browser;
pub mod floor;
pub mod fsync;
pub mod intake;
pub mod load;
pub mod pageload;
pub mod process;
pub mod report;
pub mod stats;
pub mod tipgen;
pub mod widget;
