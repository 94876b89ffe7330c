//! "Yes, someone is in danger now" (issue 14, item 6): on a phone the 911
//! and hotline panel that answer brings used to open below the fold, and
//! nothing on screen changed. Now it comes into view, below the exit bar,
//! and takes focus, so a screen reader reads it too, in both languages.

use lantern_e2e::driver::{Session, Viewport};
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{self, by_label_in, eventually, js_arg, open, PATIENCE};
use lantern_e2e::{ensure, form, run, Client, Result};
use serde_json::Value;

/// Each language's question and answers, as the form words them.
const LANGS: [(&str, &str, &str, &str); 2] = [
    ("en", "Is someone in danger right now?", "Yes", "No"),
    ("es", "¿Hay alguien en peligro ahora mismo?", "Sí", "No"),
];

/// Where the danger panel is: focused or not, its box, the exit bar's
/// bottom edge and the viewport's height.
async fn panel(client: &Client) -> Result<Value> {
    Ok(client
        .execute(
            "const p = document.querySelector('[data-testid=\"form-danger\"]');
             if (!p) return null;
             const r = p.getBoundingClientRect();
             const bar = document.querySelector('.lx-bar').getBoundingClientRect();
             return { focused: document.activeElement === p, top: r.top, bottom: r.bottom,
                      bar: bar.bottom, height: innerHeight,
                      calls: [...p.querySelectorAll('a[href=\"tel:911\"], a[href^=\"tel:1888\"]')].length };",
            vec![],
        )
        .await?)
}

/// Waits until the panel has focus and sits on screen below the bar (its
/// top in view, and all of it when it fits): a smooth scroll takes a moment.
async fn wait_panel_in_view(client: &Client, state: &str) -> Result<Value> {
    eventually(
        &format!("the danger panel focused and on screen ({state})"),
        PATIENCE,
        || async {
            let p = panel(client).await?;
            if p.is_null() {
                return Ok(None);
            }
            let f = |k: &str| p[k].as_f64().unwrap_or(f64::NAN);
            let fits = f("bottom") - f("top") <= f("height") - f("bar");
            let in_view = f("top") >= f("bar") - 0.5
                && f("top") < f("height")
                && (!fits || f("bottom") <= f("height") + 0.5);
            Ok((p["focused"] == Value::Bool(true) && in_view).then_some(p))
        },
    )
    .await
}

#[test]
fn yes_brings_the_help_panel_into_view_and_focus_on_a_phone() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::PhoneShort).await?;
        for (lang, question, yes, no) in LANGS {
            open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
            form::open(&session).await?;
            let before = session
                .execute("return window.scrollY;", vec![])
                .await?
                .as_f64()
                .unwrap_or(0.0);
            // A tap on "yes".
            form::choose(&session, question, yes).await?;
            let p = wait_panel_in_view(&session, lang).await?;
            ensure!(
                p["calls"] == 2,
                "{lang}: the panel lacks 911 or the hotline: {p}"
            );
            let after = session
                .execute("return window.scrollY;", vec![])
                .await?
                .as_f64()
                .unwrap_or(0.0);
            println!("{lang}: the panel came into view: scrolled {before} -> {after} px, {p}");

            // Back up to the question, "no", then "yes" again: the panel
            // goes, and comes back into view and focus.
            session.execute("window.scrollTo(0, 0);", vec![]).await?;
            form::choose(&session, question, no).await?;
            eventually("the panel to go", PATIENCE, || async {
                Ok(panel(&session).await?.is_null().then_some(()))
            })
            .await?;
            session.execute("window.scrollTo(0, 0);", vec![]).await?;
            form::choose(&session, question, yes).await?;
            wait_panel_in_view(&session, &format!("{lang}, chosen again")).await?;
        }
        Ok(())
    });
}

/// Moving through the answers with the arrow keys selects each one in turn:
/// focus stays with the person in the radio group (the panel still shows,
/// and its live region announces it).
#[test]
fn arrowing_onto_yes_leaves_focus_in_the_answers() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::PhoneShort).await?;
        let (lang, question, yes, no) = LANGS[0];
        open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
        form::open(&session).await?;
        form::choose(&session, question, no).await?;
        let no_radio = by_label_in(&session, Some(question), no).await?;
        session
            .execute("arguments[0].focus();", vec![js_arg(&no_radio)?])
            .await?;
        widget::press(&session, '\u{e013}').await?; // ArrowUp: onto "yes"
        let yes_radio = by_label_in(&session, Some(question), yes).await?;
        eventually("the panel to show", PATIENCE, || async {
            Ok((!panel(&session).await?.is_null()).then_some(()))
        })
        .await?;
        ensure!(yes_radio.is_selected().await?, "ArrowUp did not choose yes");
        // Give a focus move the time it would need to happen.
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let on_yes = session
            .execute(
                "return document.activeElement === arguments[0];",
                vec![js_arg(&yes_radio)?],
            )
            .await?;
        ensure!(
            on_yes == Value::Bool(true),
            "focus left the answers while arrowing: {}",
            widget::focused(&session).await?
        );
        let live = session
            .execute(
                "const p = document.querySelector('[data-testid=\"form-danger\"]');
                 return !!p.closest('[aria-live=\"polite\"]');",
                vec![],
            )
            .await?;
        ensure!(
            live == Value::Bool(true),
            "the panel is not in a live region"
        );
        Ok(())
    });
}
