//! Order statistics over samples: medians and tail percentiles.
//!
//! Percentiles use the nearest-rank method (the smallest sample with at
//! least p% of samples at or below it), so a reported p99.9 is always a
//! latency some request really had, never an interpolation.

use std::time::Duration;

/// Samples sorted once, then asked for any number of percentiles.
#[derive(Debug, Clone, Default)]
pub struct Sorted(Vec<f64>);

impl Sorted {
    /// Sorts `samples`; NaNs (which no timer produces) sort last.
    pub fn new(mut samples: Vec<f64>) -> Self {
        samples.sort_by(|a, b| a.total_cmp(b));
        Self(samples)
    }

    /// How many samples there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The nearest-rank `p`th percentile (`p` in 0..=100), `None` when empty.
    pub fn percentile(&self, p: f64) -> Option<f64> {
        if self.0.is_empty() {
            return None;
        }
        let n = self.0.len();
        // The epsilon keeps float error (99.9 / 100 * 1000 = 999.0000000000001)
        // from moving the rank up by one.
        let rank = (p * n as f64 / 100.0 - 1e-9).ceil() as usize;
        Some(self.0[rank.clamp(1, n) - 1])
    }

    /// The median (for an even count, the mean of the two middle samples).
    pub fn median(&self) -> Option<f64> {
        let n = self.0.len();
        match n {
            0 => None,
            _ if n % 2 == 1 => Some(self.0[n / 2]),
            _ => Some((self.0[n / 2 - 1] + self.0[n / 2]) / 2.0),
        }
    }

    /// The largest sample.
    pub fn max(&self) -> Option<f64> {
        self.0.last().copied()
    }
}

/// A duration in milliseconds, as the tables print it.
pub fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1_000.0
}

/// The median of `samples`, which need not be sorted.
pub fn median(samples: &[f64]) -> Option<f64> {
    Sorted::new(samples.to_vec()).median()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles_are_real_samples() {
        let s = Sorted::new((1..=1000).rev().map(f64::from).collect());
        assert_eq!(s.percentile(50.0), Some(500.0));
        assert_eq!(s.percentile(99.0), Some(990.0));
        assert_eq!(s.percentile(99.9), Some(999.0));
        assert_eq!(s.percentile(100.0), Some(1000.0));
        assert_eq!(s.percentile(0.0), Some(1.0));
    }

    #[test]
    fn small_samples_give_their_largest_for_high_percentiles() {
        let s = Sorted::new(vec![3.0, 1.0, 2.0]);
        assert_eq!(s.percentile(99.9), Some(3.0));
        assert_eq!(s.median(), Some(2.0));
    }

    #[test]
    fn median_of_an_even_count_is_the_middle_mean() {
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }
}
