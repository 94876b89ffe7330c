//! Small helpers for printing figures.

/// The 1-, 5- and 15-minute load averages from `/proc/loadavg`, as
/// `1.23 0.98 0.75`, or `?` where there is no such file.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "?".into())
}

/// A millisecond figure with one decimal, or `n/a`.
pub fn opt_ms(value: Option<f64>) -> String {
    value.map_or("n/a".into(), |v| format!("{v:.1}"))
}

/// A progress line on stderr, so stdout stays the report.
pub fn progress(line: &str) {
    #[expect(
        clippy::print_stderr,
        reason = "progress for the person running the benchmark"
    )]
    {
        eprintln!("{line}");
    }
}
