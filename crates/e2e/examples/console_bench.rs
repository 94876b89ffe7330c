//! The console's goals (issue 17), measured: with 10,000 stored tips,
//! decrypting and listing them takes at most 5 s, and opening one tip at most
//! 100 ms. Not a test: it prints figures, and the baseline measured in the
//! same run is the hotline's own tool decrypting the same tips natively
//! (`lantern-intake export`).
//!
//! ```sh
//! scripts/build-console.sh && cargo build --profile server -p lantern-intake
//! . scripts/env.sh
//! LANTERN_DIST=$PWD/dist LANTERN_CONSOLE_DIST=$PWD/dist-console \
//!   LANTERN_INTAKE_BIN=$PWD/target/server/lantern-intake CHROMEDRIVER=/usr/bin/chromedriver \
//!   cargo run --release -p lantern-e2e --example console_bench -- 10000
//! ```
//!
//! The desktop profile: headless Debian Chromium at 1280 × 800, no CPU or
//! network throttling, the intake on loopback. Tips are sent through
//! `POST /v1/tips` as the widget sends them (the rate limit raised), each
//! with a different narrative, place and signs. An analyst enrols with a
//! virtual authenticator and signs in; then, timed in the page with
//! `performance.now()`:
//! - **list**: from the click on "Open" with the identity file chosen to the
//!   frame in which the inbox counts every tip and shows its first page of
//!   100 opened: every tip opened with age in Wasm (the filters and the
//!   search read them all), the first 100 laid out. The inbox's own fetch of the
//!   sealed tips happened at sign-in; its time (Resource Timing) and size
//!   are printed beside it.
//! - **open**: from the click on a tip's link to the frame in which the tip
//!   view shows its sections (its own fetch, opening, and layout), for
//!   several tips; and, from the same click, until its case list (every
//!   other tip, drawn just after the tip) is filled; and back to the inbox.

use std::time::{Duration, Instant};

use futures_util::{stream, StreamExt};
use lantern_e2e::driver::{Options, Session, Viewport};
use lantern_e2e::intake::Config;
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{by_testid, click_testid, eventually, PATIENCE};
use lantern_e2e::{Context, Result};
use serde_json::{json, Value};

/// Tips opened one by one.
const OPENS: usize = 10;

/// The tips the inbox lays out at first (`PAGE` in crates/console/src/ui/inbox.rs).
const PAGE: usize = 100;

fn main() -> Result<()> {
    let tips: usize = match std::env::args().nth(1) {
        Some(n) => n.parse().context("usage: console_bench [TIPS]")?,
        None => 10_000,
    };
    lantern_e2e::run(async move { bench(tips).await });
    Ok(())
}

async fn bench(tips: usize) -> Result<()> {
    let stage = Stage::start_with(Config {
        rate_limit: Some(u32::try_from(tips * 2).unwrap_or(u32::MAX)),
        ..Config::default()
    })
    .await?;
    let intake = &stage.intake;

    let started = Instant::now();
    let sent: Vec<Result<String>> = stream::iter(0..tips)
        .map(|n| async move { intake.submit_tip(&tip(n)).await })
        .buffer_unordered(16)
        .collect()
        .await;
    for receipt in sent {
        receipt?;
    }
    let sending = started.elapsed();

    let started = Instant::now();
    let exported = intake.export().await?.len();
    let native = started.elapsed();
    anyhow::ensure!(exported == tips, "export found {exported} of {tips} tips");

    let session = Session::open(Options {
        viewport: Viewport::Desktop,
        ..Options::default()
    })
    .await?;
    // Long enough for the slowest run this is meant to catch.
    session
        .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            Some(Duration::from_secs(120)),
            Some(Duration::from_secs(120)),
            Some(Duration::from_secs(0)),
        ))
        .await?;
    session.add_virtual_authenticator().await?;
    let name = "Bench Analyst";
    let link = intake.add_analyst(name).await?;
    session.goto(&link).await?;
    click_testid(&session, "enrol-submit").await?;
    eventually("the passkey", PATIENCE, || async {
        Ok(by_testid(&session, "notice")
            .await?
            .text()
            .await?
            .contains("passkey is ready")
            .then_some(()))
    })
    .await?;
    by_testid(&session, "signin-name")
        .await?
        .send_keys(name)
        .await?;
    click_testid(&session, "signin-submit").await?;
    by_testid(&session, "identity-file")
        .await?
        .send_keys(intake.identity().to_str().context("a UTF-8 temp path")?)
        .await?;
    // The sealed inbox arrives at sign-in; wait for it before timing.
    let fetched = eventually("the sealed inbox", Duration::from_secs(120), || async {
        let entry = session
            .execute(
                "const e = performance.getEntriesByType('resource')
                   .filter(e => e.name.endsWith('/console/api/tips') && e.responseEnd > 0);
                 return e.length ? [e[0].duration, e[0].encodedBodySize, e[0].decodedBodySize] : null;",
                vec![],
            )
            .await?;
        Ok((!entry.is_null()).then_some(entry))
    })
    .await?;

    // The inbox opens every tip at once (its filters and search read them
    // all) and lays out the first page of them.
    let listed = format!(
        "document.querySelectorAll('[data-testid=tip-excerpt]').length >= {} \
         && document.querySelector('[data-testid=inbox-count]').textContent.includes('{tips} tips')",
        tips.min(PAGE)
    );
    let list_ms = timed(
        &session,
        "document.querySelector('[data-testid=identity-open]').click();",
        &listed,
    )
    .await?;

    let mut opens = Vec::new();
    let mut backs = Vec::new();
    let mut fetches = Vec::new();
    let mut lists = Vec::new();
    for n in 0..OPENS {
        let pick = n * (tips.min(PAGE) / OPENS).max(1) % tips.min(PAGE);
        let [open, list] = timed_twice(
            &session,
            &format!("document.querySelectorAll('[data-testid=tip-link]')[{pick}].click();"),
            "document.querySelector('[data-testid=tip-view] [data-testid=tip-section]') !== null",
            &format!(
                "document.querySelectorAll('[data-testid=case-select] option').length >= {tips}"
            ),
        )
        .await?;
        opens.push(open);
        lists.push(list);
        fetches.push(
            session
                .execute(
                    "const e = performance.getEntriesByType('resource')
                       .filter(e => /\\/console\\/api\\/tips\\/\\d+$/.test(e.name));
                     return e[e.length - 1].duration;",
                    vec![],
                )
                .await?
                .as_f64()
                .context("the tip's fetch time")?,
        );
        backs.push(
            timed(
                &session,
                "document.querySelector('[data-testid=back]').click();",
                &listed,
            )
            .await?,
        );
    }

    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let number = |v: &Value, i: usize| v[i].as_f64().unwrap_or(f64::NAN);
    println!("## Console with {tips} tips (desktop profile: 1280 × 800, no throttling)");
    println!();
    println!("| step | time | goal |");
    println!("|---|---:|---:|");
    println!(
        "| sealed inbox fetched at sign-in ({:.1} MB on the wire, {:.1} MB JSON) | {:.0} ms | |",
        number(&fetched, 1) / 1e6,
        number(&fetched, 2) / 1e6,
        number(&fetched, 0)
    );
    println!("| **list**: open every tip and lay out the inbox | **{list_ms:.0} ms** | 5,000 ms |");
    println!(
        "| **open one tip**: median of {OPENS} (slowest) | **{:.0} ms** ({:.0}) | 100 ms |",
        median(&opens),
        max(&opens)
    );
    println!(
        "| of which the tip's own fetch (`GET /console/api/tips/{{id}}`, audited): median (slowest) | {:.0} ms ({:.0}) | |",
        median(&fetches),
        max(&fetches)
    );
    println!(
        "| its case list filled (every other tip to group it with, drawn after the tip), from the click: median (slowest) | {:.0} ms ({:.0}) | |",
        median(&lists),
        max(&lists)
    );
    println!(
        "| back to the inbox: median of {OPENS} (slowest) | {:.0} ms ({:.0}) | |",
        median(&backs),
        max(&backs)
    );
    println!(
        "| baseline: `lantern-intake export` opens the same tips natively | {:.0} ms | |",
        ms(native)
    );
    println!();
    println!(
        "list ÷ baseline: {:.1}×; per tip: {:.0} µs in the browser, {:.0} µs native. \
         ({tips} tips sent in {:.1} s.)",
        list_ms / ms(native),
        list_ms * 1e3 / tips as f64,
        ms(native) * 1e3 / tips as f64,
        sending.as_secs_f64()
    );
    Ok(())
}

/// Runs `action` in the page and answers the milliseconds until the first
/// animation frame in which `done` (a JavaScript expression) holds.
async fn timed(session: &Session, action: &str, done: &str) -> Result<f64> {
    let script = format!(
        "const finish = arguments[arguments.length - 1];
         const t0 = performance.now();
         {action}
         const poll = () => ({done}) ? finish(performance.now() - t0) : requestAnimationFrame(poll);
         requestAnimationFrame(poll);"
    );
    let value = session
        .execute_async(&script, vec![])
        .await
        .with_context(|| format!("timing {action}"))?;
    value.as_f64().context("a time in milliseconds")
}

/// [`timed`] for two moments: until `first` holds, and until `then` does.
async fn timed_twice(session: &Session, action: &str, first: &str, then: &str) -> Result<[f64; 2]> {
    let script = format!(
        "const finish = arguments[arguments.length - 1];
         const t0 = performance.now();
         let one = null;
         {action}
         const poll = () => {{
           if (one === null && ({first})) one = performance.now() - t0;
           if (one !== null && ({then})) finish([one, performance.now() - t0]);
           else requestAnimationFrame(poll);
         }};
         requestAnimationFrame(poll);"
    );
    let value = session
        .execute_async(&script, vec![])
        .await
        .with_context(|| format!("timing {action}"))?;
    let time = |i: usize| value[i].as_f64().context("a time in milliseconds");
    Ok([time(0)?, time(1)?])
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

fn max(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::MIN, f64::max)
}

/// The `n`th tip: a different narrative, place and set of signs each, so no
/// two sealed tips are alike.
fn tip(n: usize) -> Value {
    const VENUES: [&str; 4] = [
        "agriculture",
        "restaurants-food-service",
        "construction",
        "domestic-work",
    ];
    const SIGNS: [&str; 4] = [
        "unpayable-debt",
        "not-free-to-leave",
        "id-held-by-others",
        "lives-at-work",
    ];
    json!({
        "version": 1,
        "kind": if n.is_multiple_of(3) { "sex" } else { "labor" },
        "venue": VENUES[n % VENUES.len()],
        "indicators": [SIGNS[n % SIGNS.len()], SIGNS[(n + 1 + n / 4 % 3) % SIGNS.len()]],
        "location": { "city": format!("Springfield {n}"), "region": "IL" },
        "narrative": format!(
            "Benchmark tip {n}: the workers at site {n} sleep in the back room \
             and the manager keeps their papers in the office safe."
        ),
    })
}
