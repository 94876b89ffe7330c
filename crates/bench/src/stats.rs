//! Latency percentiles, kept in an HDR histogram (`hdrhistogram`), and the
//! median of a handful of page-load figures.
//!
//! Latencies are recorded in microseconds with three significant digits, so
//! a reported percentile or maximum is within 0.1% above a latency some
//! request really had (the histogram reports the top of its bucket).

use std::time::Duration;

use hdrhistogram::Histogram;

/// The longest latency kept apart from the others, µs: one hour. Longer
/// ones (none: every request here times out sooner) count as one hour.
const MAX_MICROS: u64 = 3_600_000_000;

/// Recorded latencies, asked for any number of percentiles.
#[derive(Debug, Clone)]
pub struct Latencies(Histogram<u64>);

impl Default for Latencies {
    fn default() -> Self {
        Self(
            Histogram::new_with_bounds(1, MAX_MICROS, 3)
                .expect("1 µs to 1 h at 3 significant digits is a valid histogram"),
        )
    }
}

impl Latencies {
    /// Records one latency.
    pub fn record(&mut self, latency: Duration) {
        let micros = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX);
        self.0.saturating_record(micros.clamp(1, MAX_MICROS));
    }

    /// How many latencies were recorded.
    pub fn len(&self) -> u64 {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The `p`th percentile (`p` in 0..=100) in milliseconds, `None` when empty.
    pub fn percentile(&self, p: f64) -> Option<f64> {
        // The epsilon keeps float error (99.9 / 100 * 1000 = 999.0000000000001)
        // from moving the rank up by one sample.
        let quantile = (p / 100.0 - 1e-12).clamp(0.0, 1.0);
        (!self.is_empty()).then(|| micros_to_ms(self.0.value_at_quantile(quantile)))
    }

    /// The median in milliseconds.
    pub fn median(&self) -> Option<f64> {
        self.percentile(50.0)
    }

    /// The largest latency in milliseconds.
    pub fn max(&self) -> Option<f64> {
        (!self.is_empty()).then(|| micros_to_ms(self.0.max()))
    }
}

impl FromIterator<Duration> for Latencies {
    fn from_iter<I: IntoIterator<Item = Duration>>(latencies: I) -> Self {
        let mut all = Latencies::default();
        for latency in latencies {
            all.record(latency);
        }
        all
    }
}

fn micros_to_ms(micros: u64) -> f64 {
    micros as f64 / 1_000.0
}

/// The median of `samples`, which need not be sorted (for an even count,
/// the mean of the two middle samples): the widget's few loads per page.
pub fn median(samples: &[f64]) -> Option<f64> {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Within the histogram's 0.1%, and never below the real latency.
    fn close(got: Option<f64>, want: f64) {
        let got = got.expect("a percentile");
        assert!(
            got >= want && got <= want * 1.001,
            "got {got} ms, want {want} ms"
        );
    }

    #[test]
    fn percentiles_are_real_latencies_to_a_tenth_of_a_percent() {
        let all: Latencies = (1..=1000).rev().map(Duration::from_millis).collect();
        assert_eq!(all.len(), 1000);
        close(all.percentile(50.0), 500.0);
        close(all.percentile(99.0), 990.0);
        close(all.percentile(99.9), 999.0);
        close(all.percentile(100.0), 1000.0);
        close(all.percentile(0.0), 1.0);
        close(all.max(), 1000.0);
    }

    #[test]
    fn small_samples_give_their_largest_for_high_percentiles() {
        let all: Latencies = [3, 1, 2].map(Duration::from_millis).into_iter().collect();
        close(all.percentile(99.9), 3.0);
        close(all.median(), 2.0);
        assert_eq!(Latencies::default().percentile(50.0), None);
        assert_eq!(Latencies::default().max(), None);
    }

    #[test]
    fn median_of_an_even_count_is_the_middle_mean() {
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[]), None);
    }
}
