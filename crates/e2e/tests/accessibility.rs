//! WCAG 2.2 AA (issue 3): axe-core finds no violation in any section, in
//! either language, at phone and desktop widths, nor in the states a person
//! brings about (a filter chosen, the Shift countdown running).

use lantern_e2e::driver::{Session, Viewport};
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{self, by_testid, open, press_shift};
use lantern_e2e::{axe, ensure, run, Result};

const SECTIONS: [&str; 4] = ["help", "signs", "me", "report"];

fn each_section_is_clean(viewport: Viewport) {
    run(async move {
        let stage = Stage::start().await?;
        let session = Session::at(viewport).await?;
        let mut failures = Vec::new();
        for lang in lantern_e2e::languages() {
            open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
            for section in SECTIONS {
                widget::click_testid(&session, &format!("nav-{section}")).await?;
                by_testid(&session, &format!("section-{section}")).await?;
                let state = format!("the {section} section, {lang}, {viewport:?}");
                if let Err(error) = axe::check(&session, &state).await {
                    failures.push(format!("{error:#}"));
                }
            }
        }
        ensure!(failures.is_empty(), "{}", failures.join("\n\n"));
        Ok(())
    });
}

#[test]
fn every_section_is_clean_on_a_phone() {
    each_section_is_clean(Viewport::Phone);
}

#[test]
fn every_section_is_clean_on_a_desktop() {
    each_section_is_clean(Viewport::Desktop);
}

#[test]
fn filters_and_countdown_are_clean() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        widget::click_testid(&session, "nav-signs").await?;
        for filter in ["filter-labor", "filter-sex", "filter-all"] {
            widget::click_testid(&session, filter).await?;
            axe::check(&session, &format!("the signs section with {filter}")).await?;
        }
        press_shift(&session).await?;
        let said = by_testid(&session, "exit-countdown").await?.text().await?;
        ensure!(!said.trim().is_empty(), "the countdown should be showing");
        axe::check(&session, "the Shift countdown running").await?;
        Ok(())
    });
}

#[test]
fn touch_targets_are_at_least_44_px() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        let mut small = Vec::new();
        for section in SECTIONS {
            widget::click_testid(&session, &format!("nav-{section}")).await?;
            by_testid(&session, &format!("section-{section}")).await?;
            // Links inside running text are exempt (WCAG 2.5.8's inline
            // exception); a radio button or checkbox is measured with its
            // label, which is what a finger touches; every other visible
            // link, button and control counts as it is.
            let found = session
                .execute(
                    "return [...document.querySelectorAll('a[href], button, input, select, textarea, [role=button]')]
                       .filter((e) => e.checkVisibility() && e.getAttribute('data-testid') !== 'exit-skip')
                       .filter((e) => !(e.tagName === 'A' && e.closest('p, li') && e.closest('p, li').textContent.trim() !== e.textContent.trim()))
                       .map((e) => { const t = (e.type === 'radio' || e.type === 'checkbox') && e.labels && e.labels[0] ? e.labels[0] : e;
                         const r = t.getBoundingClientRect();
                         return [e.getAttribute('data-testid') || e.textContent.trim().slice(0, 40) || e.outerHTML.slice(0, 60), r.width, r.height]; })
                       .filter(([, w, h]) => w < 44 || h < 44)
                       .filter(([, w, h]) => !(w === 0 && h === 0));",
                    vec![],
                )
                .await?;
            for entry in found.as_array().into_iter().flatten() {
                small.push(format!("{section}: {entry}"));
            }
        }
        ensure!(
            small.is_empty(),
            "touch targets smaller than 44×44 px:\n{}",
            small.join("\n")
        );
        let result: Result<()> = Ok(());
        result
    });
}

/// Tabs through the whole page forwards, then backwards, and lists every
/// focused element that is off screen or covered (by the sticky exit bar,
/// say) at the moment it has focus: WCAG 2.2's "Focus Not Obscured".
async fn obscured_focus(client: &lantern_e2e::Client, section: &str) -> Result<Vec<String>> {
    let mut obscured = Vec::new();
    for (key, direction) in [('\u{e004}', "Tab"), ('\u{e004}', "Shift+Tab")] {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..400 {
            if direction == "Tab" {
                lantern_e2e::widget::press(client, key).await?;
            } else {
                lantern_e2e::widget::shift_with(client, key).await?;
            }
            let state = client
                .execute(
                    "const e = document.activeElement;
                     if (!e || e === document.body) return null;
                     const r = e.getBoundingClientRect();
                     const x = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
                     const y = Math.min(Math.max(r.top + r.height / 2, 0), window.innerHeight - 1);
                     const top = document.elementFromPoint(x, y);
                     const inView = r.bottom > 0 && r.top < window.innerHeight;
                     const name = e.getAttribute('data-testid') || e.id || (e.tagName + ':' + e.textContent.trim().slice(0, 40));
                     return [name, inView && !!top && (e === top || e.contains(top) || top.contains(e))];",
                    vec![],
                )
                .await?;
            let Some(name) = state[0].as_str() else {
                continue;
            };
            if !seen.insert(name.to_owned()) {
                break;
            }
            if state[1] != serde_json::Value::Bool(true) {
                obscured.push(format!("{section}, {direction}: {name}"));
            }
        }
        ensure!(
            seen.len() >= 5,
            "{direction} reached only {} elements in the {section} section: {seen:?}",
            seen.len()
        );
    }
    Ok(obscured)
}

#[test]
fn focus_is_never_hidden_under_the_exit_bar() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        let mut obscured = Vec::new();
        for section in SECTIONS {
            widget::click_testid(&session, &format!("nav-{section}")).await?;
            by_testid(&session, &format!("section-{section}")).await?;
            obscured.extend(obscured_focus(&session, section).await?);
        }
        ensure!(
            obscured.is_empty(),
            "focused elements hidden or off screen while focused:\n{}",
            obscured.join("\n")
        );
        Ok(())
    });
}

/// Every visible control in the page is clear of the exit bar while it has
/// focus: its box starts below the bar's bottom edge and ends on screen
/// (for a text area, its first line).
/// Returns the ones that are not, named, with where they were.
async fn focus_under_the_bar(client: &lantern_e2e::Client, state: &str) -> Result<Vec<String>> {
    let mut under = Vec::new();
    for backwards in [false, true] {
        let mut seen = std::collections::HashSet::new();
        let mut last: Option<String> = None;
        for _ in 0..400 {
            if backwards {
                widget::shift_with(client, '\u{e004}').await?;
            } else {
                widget::press(client, '\u{e004}').await?;
            }
            let found = client
                .execute(
                    "const e = document.activeElement;
                     if (!e || e === document.body || e.closest('.lx-bar')) return null;
                     const bar = document.querySelector('.lx-bar').getBoundingClientRect();
                     const r = e.getBoundingClientRect();
                     const name = e.getAttribute('data-testid') || e.id || (e.tagName + ':' + e.textContent.trim().slice(0, 40));
                     // The browser scrolls a text area only as far as its
                     // caret: its first line on screen is enough.
                     const shown = e.tagName === 'TEXTAREA' ? r.top + 24 : r.bottom;
                     const clear = r.top >= bar.bottom - 0.5 && shown <= innerHeight + 0.5;
                     return [name, clear, Math.round(r.top), Math.round(r.bottom), Math.round(bar.bottom)];",
                    vec![],
                )
                .await?;
            let Some(name) = found[0].as_str() else {
                continue;
            };
            // Tab moves between a date field's parts inside one input.
            if last.as_deref() == Some(name) {
                continue;
            }
            last = Some(name.to_owned());
            if !seen.insert(name.to_owned()) {
                break;
            }
            if found[1] != serde_json::Value::Bool(true) {
                under.push(format!(
                    "{state}, {}: {name} spans {}..{} px, the bar ends at {} px",
                    if backwards { "Shift+Tab" } else { "Tab" },
                    found[2],
                    found[3],
                    found[4]
                ));
            }
        }
        ensure!(
            seen.len() >= 5,
            "Tab reached only {} elements in {state}: {seen:?}",
            seen.len()
        );
    }
    Ok(under)
}

/// axe-core's `target-size` rule (WCAG 2.5.8) with the page scrolled to
/// the top, each quarter and the bottom: what a person scrolling sees.
async fn target_size_while_scrolling(
    client: &lantern_e2e::Client,
    state: &str,
) -> Result<Vec<String>> {
    let mut failures = Vec::new();
    for quarter in 0..=4 {
        client
            .execute(
                "const range = document.documentElement.scrollHeight - innerHeight;
                 window.scrollTo(0, range * arguments[0] / 4);",
                vec![serde_json::json!(quarter)],
            )
            .await?;
        let found = axe::violations_of(client, &["target-size"]).await?;
        if !found.is_empty() {
            failures.push(format!(
                "{state}, scrolled {quarter}/4 down:\n{}",
                found.join("\n")
            ));
        }
    }
    Ok(failures)
}

/// Issue 14, item 10: on a 360 × 740 phone no control of any form step is
/// under the exit bar when Tab or Shift+Tab brings it into view (WCAG 2.2
/// 2.4.11, Focus Not Obscured), and axe-core's target-size rule passes
/// wherever the page is scrolled, in both languages.
#[test]
fn no_form_control_is_under_the_exit_bar_on_a_phone() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::PhoneShort).await?;
        let mut failures = Vec::new();
        for lang in lantern_e2e::languages() {
            open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
            lantern_e2e::form::open(&session).await?;
            // Every step a person can reach: the short journey (safety, what
            // happened, the review) and each optional step opened from it.
            let mut checked = Vec::new();
            let mut check =
                async |session: &Session, failures: &mut Vec<String>| -> anyhow::Result<()> {
                    let step = lantern_e2e::form::step(session).await?;
                    let state = format!("step {step}, {lang}");
                    failures.extend(focus_under_the_bar(session, &state).await?);
                    failures.extend(target_size_while_scrolling(session, &state).await?);
                    checked.push(step);
                    Ok(())
                };
            check(&session, &mut failures).await?;
            lantern_e2e::form::next(&session, "narrative").await?;
            lantern_e2e::form::type_narrative(&session, "They took our passports.").await?;
            check(&session, &mut failures).await?;
            lantern_e2e::form::next(&session, "review").await?;
            check(&session, &mut failures).await?;
            for slug in lantern_e2e::form::optional_steps() {
                lantern_e2e::form::open_step(&session, slug).await?;
                check(&session, &mut failures).await?;
                lantern_e2e::form::next(&session, "review").await?;
            }
            ensure!(
                checked.len() == 3 + lantern_e2e::form::optional_steps().len(),
                "{lang}: checked only {checked:?}"
            );
        }
        ensure!(failures.is_empty(), "{}", failures.join("\n"));
        Ok(())
    });
}

/// Issue 18: axe-core finds nothing in any step of the tip form in any
/// language, nor with the error summary showing (its links and bullets are
/// drawn by the style sheet, which mirrors in Arabic).
#[test]
fn every_form_step_is_clean_in_every_language() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        let mut failures = Vec::new();
        for lang in lantern_e2e::languages() {
            open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
            lantern_e2e::form::open(&session).await?;
            let mut check = async |session: &Session, state: &str| {
                let state = format!("form {state}, {lang}");
                if let Err(error) = axe::check(session, &state).await {
                    failures.push(format!("{error:#}"));
                }
            };
            check(&session, "step safety").await;
            lantern_e2e::form::next(&session, "narrative").await?;
            check(&session, "step narrative").await;
            // Too short: the error summary and the field's own message.
            lantern_e2e::form::type_narrative(&session, "short").await?;
            widget::click_testid(&session, "form-next").await?;
            by_testid(&session, "error-summary").await?;
            check(&session, "step narrative with an error").await;
            lantern_e2e::form::type_narrative(&session, "They took our passports.").await?;
            lantern_e2e::form::next(&session, "review").await?;
            check(&session, "step review").await;
            for slug in lantern_e2e::form::optional_steps() {
                lantern_e2e::form::open_step(&session, slug).await?;
                check(&session, &format!("step {slug}")).await;
                lantern_e2e::form::next(&session, "review").await?;
            }
        }
        ensure!(failures.is_empty(), "{}", failures.join("\n\n"));
        Ok(())
    });
}
