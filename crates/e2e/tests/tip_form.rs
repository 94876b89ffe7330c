//! The tip form in a real browser against the real intake service (issue 4):
//! step by step with the progress shown, back and forward without losing
//! anything, errors the GOV.UK way, surviving the service going down, a
//! receipt, and the tip in the database exactly as entered.

use lantern_e2e::driver::{Session, Viewport};
use lantern_e2e::intake::find_key;
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{self, by_label, by_testid, eventually, focused, open, PATIENCE};
use lantern_e2e::{axe, ensure, form, run, Client, Context, Result};
use serde_json::json;

/// Walks the first seven steps, answering one question on each, and checks
/// axe and the progress indicator on the way.
async fn answer_steps_one_to_seven(client: &Client, tag: &str) -> Result<()> {
    form::open(client).await?;
    let progress = form::progress(client).await?;
    ensure!(
        progress.contains("10"),
        "the progress should say step 1 of 10: {progress:?}"
    );
    axe::check(client, "form step 1").await?;
    form::choose(client, "Is someone in danger right now?", "No").await?;
    form::next(client, 2).await?;
    axe::check(client, "form step 2").await?;
    form::choose(
        client,
        "Who is sending this tip?",
        "I am worried about someone else",
    )
    .await?;
    form::next(client, 3).await?;
    axe::check(client, "form step 3").await?;
    form::choose(client, "What do you think is happening?", "Both").await?;
    by_label(client, "What kind of place is it?")
        .await?
        .select_by_value("hotels-hospitality")
        .await?;
    form::type_into(client, "City or town", &format!("Springfield {tag}")).await?;
    form::next(client, 4).await?;
    axe::check(client, "form step 4").await?;
    form::set_value(client, "Date", "2026-11-01").await?;
    form::choose(client, "What time of day?", "Evening").await?;
    form::choose(client, "Is it still happening?", "Yes").await?;
    form::next(client, 5).await?;
    axe::check(client, "form step 5").await?;
    form::choose(client, "How many people?", "2 to 5 people").await?;
    form::choose(client, "Is anyone under 18?", "Not sure").await?;
    form::next(client, 6).await?;
    axe::check(client, "form step 6").await?;
    form::choose(
        client,
        "Did you notice any of these?",
        "They live where they work.",
    )
    .await?;
    form::next(client, 7).await?;
    axe::check(client, "form step 7").await?;
    form::type_into(
        client,
        "Usernames, profile names or ad text",
        &format!("@handle_{tag}"),
    )
    .await?;
    form::next(client, 8).await?;
    Ok(())
}

#[test]
fn a_tip_sent_step_by_step_gets_a_receipt_and_is_stored() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        answer_steps_one_to_seven(&session, "stepwise").await?;
        axe::check(&session, "form step 8").await?;
        let narrative = "Two workers at the motel on Route 9 never leave; a man holds their IDs.";
        form::type_into(&session, "What happened?", narrative).await?;

        // Back and forward keep every answer.
        form::back(&session, 7).await?;
        form::back(&session, 6).await?;
        let sign = by_label(&session, "They live where they work.").await?;
        ensure!(sign.is_selected().await?, "going back lost the ticked sign");
        form::next(&session, 7).await?;
        form::next(&session, 8).await?;
        let kept = form::value_of(&by_label(&session, "What happened?").await?).await?;
        ensure!(
            kept == narrative,
            "going back and forward changed the narrative to {kept:?}"
        );

        form::next(&session, 9).await?;
        axe::check(&session, "form step 9").await?;
        let none = by_label(&session, "Do not contact me").await?;
        ensure!(
            none.is_selected().await?,
            "\"Do not contact me\" must be chosen by default"
        );
        form::next(&session, 10).await?;
        axe::check(&session, "the review page").await?;
        let review = by_testid(&session, "section-report").await?.text().await?;
        ensure!(
            review.contains(narrative),
            "the review page does not show the narrative"
        );
        ensure!(
            review.contains("Springfield stepwise"),
            "the review page does not show the city"
        );

        widget::click_testid(&session, "form-submit").await?;
        let receipt = form::receipt(&session).await?;
        ensure!(
            receipt.len() == 16,
            "the receipt should be 16 digits, it is {receipt:?}"
        );
        axe::check(&session, "the receipt page").await?;

        let tip = stage.intake.exported_tip(narrative).await?;
        let expect = [
            ("danger_now", json!("no")),
            ("reporter", json!("witness")),
            ("kind", json!("both")),
            ("venue", json!("hotels-hospitality")),
            ("city", json!("Springfield stepwise")),
            ("date", json!("2026-11-01")),
            ("time_of_day", json!("evening")),
            ("ongoing", json!(true)),
            ("count", json!("2-5")),
            ("minors", json!("unsure")),
            ("handles", json!("@handle_stepwise")),
            ("indicators", json!(["lives-at-work"])),
            ("language", json!("en")),
        ];
        for (key, value) in expect {
            let stored = find_key(&tip, key);
            ensure!(
                stored == Some(&value),
                "stored {key} is {stored:?}, expected {value}; the whole tip: {tip}"
            );
        }
        // "Do not contact me" is the contract's default, so it may be sent
        // as such or left out; anything else is wrong.
        let preference = find_key(&tip, "preference");
        ensure!(
            preference.is_none() || preference == Some(&json!("none")),
            "stored contact preference is {preference:?}, expected none"
        );
        // The form is cleared after sending: a new tip starts empty.
        let text = by_testid(&session, "section-report").await?.text().await?;
        ensure!(
            !text.contains(narrative),
            "the narrative is still on screen after sending"
        );
        Ok(())
    });
}

#[test]
fn errors_are_summarised_focused_and_keep_the_text() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        form::open(&session).await?;
        for step in 2..=8 {
            form::next(&session, step).await?;
        }
        let field = form::type_into(&session, "What happened?", "   short  ").await?;
        widget::click_testid(&session, "form-next").await?;
        let summary = by_testid(&session, "error-summary").await?;
        eventually("the error summary to take focus", PATIENCE, || async {
            let now = focused(&session).await?;
            let inside = session
                .execute(
                    "const s = document.querySelector('[data-testid=error-summary]');
                     return !!s && s.contains(document.activeElement);",
                    vec![],
                )
                .await?;
            Ok((now == "error-summary" || inside == json!(true)).then_some(()))
        })
        .await?;
        let said = summary.text().await?;
        ensure!(
            said.contains("at least 10"),
            "the summary should say why: {said:?}"
        );
        ensure!(
            form::value_of(&field).await? == "   short  ",
            "the typed text was changed or cleared"
        );
        // The message sits beside the field too, and is tied to it.
        let described = session
            .execute(
                "const f = arguments[0];
                 const ids = (f.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
                 return ids.map((id) => document.getElementById(id)).filter(Boolean).map((e) => e.textContent).join(' ');",
                vec![widget::js_arg(&field)?],
            )
            .await?;
        ensure!(
            described
                .as_str()
                .unwrap_or_default()
                .contains("at least 10"),
            "the field's own error message is not tied to it: {described}"
        );
        ensure!(
            field.attr("aria-invalid").await?.as_deref() == Some("true"),
            "the field must be marked aria-invalid"
        );
        axe::check(&session, "the narrative step with an error").await?;
        // The summary links to the field.
        let link = summary
            .find(lantern_e2e::Locator::Css("a[href^='#']"))
            .await
            .context("the error summary has no link to the field")?;
        link.click().await?;
        let field_id = field.attr("id").await?.unwrap_or_default();
        let active = session
            .execute(
                "return document.activeElement && document.activeElement.id;",
                vec![],
            )
            .await?;
        ensure!(
            active.as_str() == Some(field_id.as_str()),
            "the summary link should focus the field ({field_id}), focus is on {active}"
        );
        form::type_into(&session, "What happened?", "Long enough now to go on.").await?;
        form::next(&session, 9).await?;

        // Spanish errors are in Spanish.
        widget::click_testid(&session, "lang-es").await?;
        form::back(&session, 8).await?;
        let field = by_label(&session, "¿Qué pasó?").await?;
        field.clear().await?;
        field.send_keys("corto").await?;
        widget::click_testid(&session, "form-next").await?;
        let said = by_testid(&session, "error-summary").await?.text().await?;
        ensure!(
            !said.contains("at least"),
            "the Spanish error summary is in English: {said:?}"
        );
        axe::check(&session, "the narrative step with an error, es").await?;
        Ok(())
    });
}

#[test]
fn the_text_survives_the_service_going_down_and_retry_sends_once() {
    run(async {
        let mut stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        answer_steps_one_to_seven(&session, "outage").await?;
        let narrative = "Sent while the server was down, then again once it was back.";
        form::type_into(&session, "What happened?", narrative).await?;
        form::next(&session, 9).await?;
        form::next(&session, 10).await?;

        stage.intake.kill().await?;
        widget::click_testid(&session, "form-submit").await?;
        let retry = by_testid(&session, "form-retry").await?;
        let shown = by_testid(&session, "section-report").await?.text().await?;
        ensure!(
            shown.contains(narrative),
            "the answers vanished when the send failed"
        );
        ensure!(
            widget::all_by_testid(&session, "receipt").await?.is_empty(),
            "a receipt was shown although nothing was sent"
        );
        axe::check(&session, "the send-failed state").await?;

        stage.intake.restart().await?;
        // The form also retries by itself with backoff; whichever comes
        // first sends it. A click on a button that already went is fine.
        let _clicked = retry.click().await;
        let receipt = form::receipt(&session).await?;
        ensure!(
            receipt.len() == 16,
            "the receipt should be 16 digits, it is {receipt:?}"
        );

        let tips = stage.intake.export().await?;
        let copies = tips
            .iter()
            .filter(|tip| find_key(tip, "narrative").and_then(|n| n.as_str()) == Some(narrative))
            .count();
        ensure!(
            copies == 1,
            "the tip is stored {copies} times, expected once"
        );
        Ok(())
    });
}

/// Back is drawn as the secondary button (white, with the accent as its
/// text), so Continue stands out as the way on. Both carry `lx-btn`, from
/// the page's first style sheet, and Back also `lx-f-secondary`, from the
/// form's: this fails if the built page puts the sheets in another order
/// than index.html links them, as it once did.
#[test]
fn back_is_drawn_as_the_secondary_button() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        form::open(&session).await?;
        form::next(&session, 2).await?;
        let colours = session
            .execute(
                "const look = (id) => { const s = getComputedStyle(document.querySelector(`[data-testid=${id}]`));
                   return [s.backgroundColor, s.color]; };
                 return [look('form-next'), look('form-back')];",
                vec![],
            )
            .await?;
        let next = &colours[0];
        let back = &colours[1];
        ensure!(
            back[0] == "rgb(255, 255, 255)" && back[1] == next[0],
            "Back should be white with Continue's colour as its text; Continue is {next}, Back is {back}"
        );
        Ok(())
    });
}
