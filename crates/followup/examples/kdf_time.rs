//! Times one derivation of the version 1 keys on this machine (native):
//! `cargo run --release -p lantern-followup --example kdf_time`. The
//! browser's figure comes from the benchmark (docs/benchmarks.md).

fn main() {
    let code: lantern_followup::Code = "4821 0937 5562 1049 7730".parse().expect("a code");
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = std::time::Instant::now();
        let keys = lantern_followup::derive(code);
        times.push(start.elapsed());
        std::hint::black_box(keys.lookup);
    }
    times.sort();
    println!(
        "{:?} median of 5: {:?}",
        lantern_followup::KDF_PARAMS,
        times[2]
    );
}
