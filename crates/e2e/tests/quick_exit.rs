//! The quick exit (issue 3): the "Leave this site" link, the skip link and
//! Shift pressed three times each land on the exit URL, and Back does not
//! return to the widget; Shift used as a modifier does not count; the
//! countdown is announced in a polite live region.

use std::time::Duration;

use lantern_e2e::driver::{Session, Viewport};
use lantern_e2e::intake::Config;
use lantern_e2e::pages::Page;
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{
    self, by_testid, eventually, focused, open, press, press_shift, shift_with, wait_for_url,
};
use lantern_e2e::{ensure, run, Client, Context, Result};

/// Visits the start page, then the widget, so that Back has somewhere to go.
async fn visit(client: &Client, stage: &Stage) -> Result<()> {
    client.goto(&stage.pages.start_url()).await?;
    open(client, &stage.intake.widget_url("lang=en")).await
}

/// After an exit: the browser is on the exit page, and Back goes to the page
/// before the widget, never to the widget.
async fn assert_left(client: &Client, stage: &Stage, how: &str) -> Result<()> {
    wait_for_url(client, &stage.pages.exit_url())
        .await
        .with_context(|| format!("{how} should land on the exit page"))?;
    client.back().await?;
    eventually("Back to finish", widget::PATIENCE, || async {
        let now = client.current_url().await?;
        Ok((now.as_str() != stage.pages.exit_url()).then_some(()))
    })
    .await
    .with_context(|| format!("after {how}, Back did nothing"))?;
    let now = client.current_url().await?;
    ensure!(
        !now.as_str().starts_with(&stage.intake.origin()),
        "after {how}, Back returned to the widget ({now})"
    );
    ensure!(
        now.as_str() == stage.pages.start_url(),
        "after {how}, Back should reach the page before the widget, not {now}"
    );
    Ok(())
}

#[test]
fn exit_link_leaves_and_back_does_not_return() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        visit(&session, &stage).await?;
        let link = by_testid(&session, "exit-link").await?;
        ensure!(
            link.attr("href").await?.as_deref() == Some(stage.pages.exit_url().as_str()),
            "the exit link must be a real link to the exit URL"
        );
        link.click().await?;
        assert_left(&session, &stage, "the exit link").await
    });
}

#[test]
fn exit_link_stays_in_view_after_scrolling() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        visit(&session, &stage).await?;
        widget::click_testid(&session, "nav-signs").await?;
        by_testid(&session, "section-signs").await?;
        session
            .execute("window.scrollTo(0, document.body.scrollHeight);", vec![])
            .await?;
        let in_view = session
            .execute(
                "const r = document.querySelector('[data-testid=exit-link]').getBoundingClientRect();
                 const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                 return r.top >= 0 && r.bottom <= window.innerHeight
                   && !!top && !!top.closest('[data-testid=exit-link]');",
                vec![],
            )
            .await?;
        ensure!(
            in_view == serde_json::Value::Bool(true),
            "after scrolling, the exit link must be on screen and not covered"
        );
        Ok(())
    });
}

#[test]
fn skip_link_is_first_and_leaves() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Desktop).await?;
        visit(&session, &stage).await?;
        // From the top of the page, the first Tab reaches the skip link.
        session
            .execute(
                "document.activeElement && document.activeElement.blur(); window.focus();",
                vec![],
            )
            .await?;
        press(&session, '\u{e004}').await?; // Tab
        let first = focused(&session).await?;
        ensure!(
            first == "exit-skip",
            "the first focusable element must be the exit skip link, it is {first:?}"
        );
        let skip = by_testid(&session, "exit-skip").await?;
        let visible = skip.is_displayed().await?;
        ensure!(visible, "the skip link must show when it has focus");
        press(&session, '\u{e007}').await?; // Enter
        assert_left(&session, &stage, "the skip link").await
    });
}

#[test]
fn shift_three_times_leaves() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        visit(&session, &stage).await?;
        for _ in 0..3 {
            press_shift(&session).await?;
        }
        assert_left(&session, &stage, "Shift pressed three times").await
    });
}

#[test]
fn shift_as_a_modifier_does_not_count() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        visit(&session, &stage).await?;
        for letter in ['a', 'b', 'c'] {
            shift_with(&session, letter).await?;
        }
        // One plain Shift: if the modified ones had counted, this would be
        // the fourth press and would already have left.
        press_shift(&session).await?;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let now = session.current_url().await?;
        ensure!(
            now.as_str().starts_with(&stage.intake.origin()),
            "Shift used as a modifier must not count toward the exit; the browser left for {now}"
        );
        let said = by_testid(&session, "exit-countdown").await?.text().await?;
        ensure!(
            said.contains('2'),
            "after one plain Shift, the countdown should ask for 2 more presses, it says {said:?}"
        );
        Ok(())
    });
}

#[test]
fn countdown_is_announced_politely() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        visit(&session, &stage).await?;
        let region = by_testid(&session, "exit-countdown").await?;
        let live = region.attr("aria-live").await?;
        let role = region.attr("role").await?;
        ensure!(
            live.as_deref() == Some("polite")
                || (live.is_none() && role.as_deref() == Some("status")),
            "the countdown must be a polite live region (aria-live={live:?}, role={role:?})"
        );
        press_shift(&session).await?;
        let two = eventually("the first announcement", widget::PATIENCE, || async {
            let text = region.text().await?;
            Ok((!text.trim().is_empty()).then_some(text))
        })
        .await?;
        ensure!(
            two.contains('2'),
            "after one Shift it should say 2 more, it says {two:?}"
        );
        press_shift(&session).await?;
        let one = eventually("the second announcement", widget::PATIENCE, || async {
            let text = region.text().await?;
            Ok((text != two).then_some(text))
        })
        .await?;
        ensure!(
            one.contains('1'),
            "after two Shifts it should say 1 more, it says {one:?}"
        );
        // More than 5 s without a third press: the count expires, and says so.
        let expired = eventually(
            "the expiry announcement",
            Duration::from_secs(12),
            || async {
                let text = region.text().await?;
                Ok((text != one && !text.trim().is_empty()).then_some(text))
            },
        )
        .await?;
        ensure!(
            !expired.contains('1') && !expired.contains('2'),
            "after 5 s the countdown should say it expired, it says {expired:?}"
        );
        let now = session.current_url().await?;
        ensure!(
            now.as_str().starts_with(&stage.intake.origin()),
            "an expired countdown must not leave ({now})"
        );
        // And after expiry one press starts again from the beginning.
        press_shift(&session).await?;
        let again = eventually("a fresh count", widget::PATIENCE, || async {
            let text = region.text().await?;
            Ok((text != expired).then_some(text))
        })
        .await?;
        ensure!(
            again.contains('2'),
            "a new count should say 2 more, it says {again:?}"
        );
        Ok(())
    });
}

#[test]
fn leaving_hides_everything_behind_a_plain_overlay_first() {
    run(overlay_is_up_while_leaving(ExitBy::Link));
}

#[test]
fn leaving_by_shift_hides_everything_behind_the_overlay_too() {
    run(overlay_is_up_while_leaving(ExitBy::Shift));
}

/// How a test leaves.
#[derive(Clone, Copy, Debug)]
enum ExitBy {
    /// The red button.
    Link,
    /// Shift pressed three times (key events sent by the page's script).
    Shift,
}

async fn overlay_is_up_while_leaving(by: ExitBy) -> Result<()> {
    {
        // An exit page that answers slowly, so the widget is still there,
        // leaving, when the test looks.
        let pages = lantern_e2e::pages::Pages::start().await?;
        pages.add_slow(
            "/slow-weather",
            Page::html("<!doctype html><html lang=en><title>Weather</title><main>Rain.</main>"),
            Duration::from_secs(4),
        );
        let slow_exit = pages.url("/slow-weather");
        let stage = Stage::start_with(Config {
            exit_url: slow_exit.clone(),
            ..Config::default()
        })
        .await?;
        let session = Session::at(Viewport::Phone).await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        // The exit and the look happen in one script, before the browser
        // starts on the next page (WebDriver waits out a navigation between
        // commands, so real key presses would leave before the look; they
        // are tested by `shift_three_times_leaves`).
        let click = match by {
            ExitBy::Link => "document.querySelector('[data-testid=exit-link]').click();",
            ExitBy::Shift => {
                "for (let i = 0; i < 3; i++) {
                   for (const [type, shiftKey] of [['keydown', true], ['keyup', false]]) {
                     window.dispatchEvent(new KeyboardEvent(type,
                       { key: 'Shift', code: 'ShiftLeft', shiftKey, bubbles: true }));
                   }
                 }"
            }
        };
        let seen = session
            .execute(
                &(click.to_owned()
                    + "const overlay = document.querySelector('[data-testid=exit-overlay]');
                 const shown = [...document.querySelectorAll('[data-testid], h1, h2, p, a, button')]
                   .filter((e) => !(overlay && overlay.contains(e)) && e.checkVisibility())
                   .map((e) => e.getAttribute('data-testid') || e.tagName);
                 return { overlay: !!overlay && overlay.checkVisibility(),
                          text: overlay ? overlay.textContent.trim() : '',
                          covers: !!overlay && overlay.getBoundingClientRect().width >= window.innerWidth,
                          shown };"),
                vec![],
            )
            .await?;
        ensure!(
            seen["overlay"] == serde_json::json!(true),
            "the overlay is not up right after the exit: {seen}"
        );
        ensure!(
            seen["covers"] == serde_json::json!(true),
            "the overlay does not cover the page: {seen}"
        );
        ensure!(
            seen["shown"].as_array().is_some_and(Vec::is_empty),
            "content is still visible while leaving: {seen}"
        );
        ensure!(
            seen["text"] == serde_json::json!("Loading."),
            "the overlay should say only \"Loading.\": {seen}"
        );
        wait_for_url(&session, &slow_exit).await?;
        Ok(())
    }
}
