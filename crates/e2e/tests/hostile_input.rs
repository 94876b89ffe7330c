//! Hostile input in the browser (issue 8): markup and script text, bidi
//! overrides, zero-width characters and emoji are shown as text (on the
//! review and receipt pages too) and stored exactly; a megabyte pasted into
//! the narrative leaves the page responsive and is capped, never sent.

use std::time::Duration;

use lantern_e2e::driver::{Session, Viewport};
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{self, all_by_testid, by_label, by_testid, open};
use lantern_e2e::{ensure, form, run, Client, Result};
use lantern_tip::Field;
use serde_json::json;

/// Fails if anything planted in the input ran or became an element.
async fn assert_inert(client: &Client, state: &str) -> Result<()> {
    let ran = client
        .execute(
            "return [window.__pwned || null,
                     document.querySelectorAll('img[src=\"x\"], script[data-pwn], b.pwn').length];",
            vec![],
        )
        .await?;
    ensure!(
        ran == json!([null, 0]),
        "on {state}, input was rendered as markup or ran as script: {ran}"
    );
    Ok(())
}

#[test]
fn markup_bidi_zero_width_and_emoji_are_text_and_stored_exactly() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        let narrative = "<script data-pwn>window.__pwned = 1</script> \
                         <img src=\"x\" onerror=\"window.__pwned = 2\"> \
                         \u{202E}evil override\u{202C} zero\u{200B}width\u{200D}join \
                         \u{1F600}\u{1F1FA}\u{1F1F8} & \"quotes\" 'single' \u{5D0}\u{5D1} end";
        let city = "<b class=\"pwn\">Bold</b> \u{202E}City\u{202C} \u{1F3D9}";
        form::open(&session).await?;
        form::next(&session, "narrative").await?;
        let field = form::paste_into(&session, "What happened?", narrative).await?;
        ensure!(
            form::value_of(&field).await? == narrative,
            "the narrative field does not hold what was pasted"
        );
        assert_inert(&session, "the narrative step").await?;
        form::next(&session, "review").await?;
        form::open_step(&session, "what-where").await?;
        form::paste_into(&session, "City or town", city).await?;
        form::next(&session, "review").await?;
        let review = by_testid(&session, "section-report").await?;
        let shown = session
            .execute(
                "return arguments[0].textContent;",
                vec![widget::js_arg(&review)?],
            )
            .await?;
        let shown = shown.as_str().unwrap_or_default();
        ensure!(
            shown.contains(narrative),
            "the review page does not show the narrative as text"
        );
        ensure!(
            shown.contains(city),
            "the review page does not show the city as text"
        );
        assert_inert(&session, "the review page").await?;

        widget::click_testid(&session, "form-submit").await?;
        form::receipt(&session).await?;
        assert_inert(&session, "the receipt page").await?;

        let tip = stage.intake.exported_tip(narrative).await?;
        ensure!(
            tip.value(Field::LocationCity) == Some(json!(city)),
            "the city was not stored exactly: {:?}",
            tip.value(Field::LocationCity)
        );
        Ok(())
    });
}

#[test]
fn a_megabyte_paste_is_capped_and_the_page_stays_responsive() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        form::open(&session).await?;
        form::next(&session, "narrative").await?;
        let megabyte = "All work and no pay. "
            .repeat(1 << 20 >> 4)
            .chars()
            .take(1 << 20)
            .collect::<String>();
        let field = form::paste_into(&session, "What happened?", &megabyte).await?;

        // Still answering promptly: a round trip to the page and a keystroke.
        let started = std::time::Instant::now();
        session.execute("return 1;", vec![]).await?;
        field.send_keys("!").await?;
        ensure!(
            started.elapsed() < Duration::from_secs(10),
            "the page took {:?} to answer after the paste",
            started.elapsed()
        );
        // At the cap, the field says no characters are left.
        let step_text = by_testid(&session, "section-report").await?.text().await?;
        ensure!(
            step_text.contains("0 characters left"),
            "the narrative at its 5,000-character cap does not say so: {step_text:?}"
        );
        let kept = form::value_of(&by_label(&session, "What happened?").await?).await?;
        widget::click_testid(&session, "form-next").await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let blocked = !all_by_testid(&session, "error-summary").await?.is_empty();
        ensure!(
            kept.chars().count() <= 5000 || blocked,
            "{} characters were accepted into the narrative with no error",
            kept.chars().count()
        );
        if blocked {
            let said = by_testid(&session, "error-summary").await?.text().await?;
            ensure!(
                said.contains("5,000") || said.contains("5000"),
                "the error does not state the cap: {said:?}"
            );
        } else {
            form::wait_step(&session, "review").await?;
            widget::click_testid(&session, "form-submit").await?;
            form::receipt(&session).await?;
            let tip = stage.intake.exported_tip(&kept).await?;
            let stored = &tip.sealed.tip.narrative;
            ensure!(
                stored.chars().count() <= 5000,
                "a narrative over the cap was stored"
            );
        }
        Ok(())
    });
}
