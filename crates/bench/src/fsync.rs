//! The latency of making a write durable on the disk a database lives on:
//! append 4 KiB, then `fdatasync`, in a loop. A durable commit needs at least
//! one of these, so its median bounds what one writer can commit per second
//! (group commit shares one flush among many tips).

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::stats::Latencies;

/// At most this many flushes…
pub const MAX_SYNCS: usize = 500;
/// …and at most this long.
pub const MAX_TIME: Duration = Duration::from_secs(5);

/// What the loop measured.
#[derive(Debug, Clone)]
pub struct FsyncReport {
    /// Flush latencies.
    pub latencies_ms: Latencies,
}

/// Appends and flushes in a temporary file inside `dir` (removed after).
pub fn measure(dir: &Path) -> std::io::Result<FsyncReport> {
    let mut file = tempfile::Builder::new()
        .prefix("lantern-bench-fsync")
        .tempfile_in(dir)?;
    let block = [0x5au8; 4096];
    let mut latencies = Latencies::default();
    let deadline = Instant::now() + MAX_TIME;
    while latencies.len() < MAX_SYNCS as u64 && Instant::now() < deadline {
        let started = Instant::now();
        file.as_file_mut().write_all(&block)?;
        file.as_file().sync_data()?;
        latencies.record(started.elapsed());
    }
    Ok(FsyncReport {
        latencies_ms: latencies,
    })
}
