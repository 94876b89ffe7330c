//! Anonymous follow-up (issue 16) in real headless Chromium against the real
//! intake, under the service's real Content-Security-Policy: the widget's
//! page sends a tip, starts the follow-up worker (`/followup/worker.js`, a
//! dedicated module worker with its own Wasm) only then, makes and registers
//! a code; the hotline replies with the real `lantern-intake reply`; the
//! worker, opened again from the code alone, reads the reply, answers it and
//! adds a detail; `export` shows the conversation.
//!
//! The first test drives the worker's message protocol from the page; the
//! others drive the widget's own screens as a person does: the receipt's
//! reply code, and "Check for a reply".

use lantern_e2e::driver::{Options, Session};
use lantern_e2e::followup::{enter_code, eventually_says, get_code, send_tip, shot, text_of};
use lantern_e2e::stage::Stage;
use lantern_e2e::{ensure, paths, run, Result};
use serde_json::Value;

/// Talks to a worker from the page: `window.fu(op, args)` posts one message
/// and resolves with its answer. Defined once per page.
const HELPER: &str = r#"
window.fu = (op, args = {}) => new Promise((resolve, reject) => {
  if (!window.fuWorker) {
    window.fuWorker = new Worker('/followup/worker.js', { type: 'module' });
    window.fuNext = 0;
    window.fuWaiting = new Map();
    window.fuWorker.onmessage = (e) => {
      const waiting = window.fuWaiting.get(e.data.id);
      window.fuWaiting.delete(e.data.id);
      if (waiting) (e.data.ok ? waiting.resolve : waiting.reject)(e.data.error || e.data.value);
    };
    window.fuWorker.onerror = (e) => {
      for (const w of window.fuWaiting.values()) w.reject('worker error: ' + (e.message || 'load failed'));
    };
  }
  const id = ++window.fuNext;
  window.fuWaiting.set(id, { resolve: (v) => resolve(v), reject: (e) => reject(new Error(e)) });
  window.fuWorker.postMessage({ id, op, ...args });
});
"#;

/// Runs `body` (an async function body using `fu`) in the page; its
/// returned value comes back as JSON.
async fn in_page(session: &Session, body: &str) -> Result<Value> {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         {HELPER}
         (async () => {{ {body} }})().then(
           (v) => done(JSON.stringify({{ ok: v === undefined ? null : v }})),
           (e) => done(JSON.stringify({{ error: String(e && e.message || e) }})));"
    );
    let answer = session.client().execute_async(&script, vec![]).await?;
    let answer: Value = serde_json::from_str(answer.as_str().unwrap_or("{}"))?;
    if let Some(error) = answer.get("error") {
        anyhow::bail!("in the page: {error}");
    }
    Ok(answer["ok"].clone())
}

/// Whether `url` is one of the follow-up's files: its screens' module
/// (`followup/place.js`, its glue and Wasm) or its worker's (`worker.js`,
/// its glue and Wasm), all under `/followup/`.
fn of_the_followup(url: &str) -> bool {
    url.contains("/followup/") || url.contains("lantern_followup")
}

/// The follow-up's files the page itself asked for (the worker's own
/// requests are logged under the worker, not the page).
fn followup_requests(requests: &[lantern_e2e::driver::Request]) -> Vec<String> {
    requests
        .iter()
        .map(|r| r.url.clone())
        .filter(|url| of_the_followup(url))
        .collect()
}

async fn reply(stage: &Stage, receipt: &str, message: &str) -> Result<()> {
    let output = tokio::process::Command::new(paths::intake_bin()?)
        .args([
            "reply",
            "--database",
            &stage.intake.database_url(),
            "--identity",
        ])
        .arg(stage.intake.identity())
        .args(["--receipt", receipt, "--message", message])
        .output()
        .await?;
    ensure!(
        output.status.success(),
        "reply failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(())
}

#[test]
fn a_tip_a_code_a_reply_an_answer_and_a_detail_in_the_browser() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::open(Options {
            network_log: true,
            ..Options::default()
        })
        .await?;
        session.client().goto(&stage.intake.widget_url("")).await?;
        // The first visit loads nothing of the follow-up.
        let first: Vec<String> = session
            .network_requests()
            .await?
            .into_iter()
            .map(|r| r.url)
            .collect();
        ensure!(
            !first.iter().any(|url| of_the_followup(url)),
            "the first visit loaded the follow-up: {first:?}"
        );

        let narrative = "Workers sleep in the packing shed; the boss keeps their passports.";
        let sent = in_page(
            &session,
            &format!(
                "const key = [...crypto.getRandomValues(new Uint8Array(16))]
                   .map((b) => b.toString(16).padStart(2, '0')).join('');
                 const tip = await fetch('/v1/tips', {{ method: 'POST',
                   headers: {{ 'content-type': 'application/json', 'idempotency-key': key }},
                   body: JSON.stringify({{ version: 1, narrative: {narrative:?} }}) }});
                 if (tip.status !== 201) throw new Error('tip: ' + tip.status);
                 const {{ receipt }} = await tip.json();
                 const code = await fu('new-code');
                 await fu('open', {{ code }});
                 const registered = await fu('register', {{ idempotencyKey: key }});
                 const check = await fu('check');
                 await fu('forget');
                 return {{ receipt, code, registered, check }};"
            ),
        )
        .await?;
        let code = sent["code"].as_str().unwrap_or_default().to_owned();
        let receipt = sent["receipt"].as_str().unwrap_or_default().to_owned();
        ensure!(
            code.len() == 24 && code.split(' ').all(|g| g.len() == 4),
            "the code is five groups of four digits: {code:?}"
        );
        ensure!(sent["registered"]["status"] == 201, "registration: {sent}");
        ensure!(
            sent["check"]["opened"] == true && sent["check"]["messages"] == serde_json::json!([]),
            "a fresh code opens an empty conversation: {sent}"
        );
        let later: Vec<String> = session
            .network_requests()
            .await?
            .into_iter()
            .map(|r| r.url)
            .collect();
        // (The worker's own requests, its module and the API, are logged
        // under the worker's target, not the page's; that they happened is
        // shown by the registration above.)
        ensure!(
            later.iter().any(|u| u.ends_with("/followup/worker.js")),
            "the worker was started on demand: {later:?}"
        );

        let question = "Thank you. Is anyone there under 18?";
        reply(&stage, &receipt, question).await?;

        // A new visit's worker, from the code alone.
        let read = in_page(
            &session,
            &format!(
                "const wrong = await fu('open', {{ code: '1111 2222 3333 4444 5555' }})
                   .then(() => fu('check'));
                 await fu('open', {{ code: {code:?} }});
                 const check = await fu('check');
                 const answer = await fu('answer', {{ kind: 'answer', text: 'Two of them, I think.' }});
                 const detail = await fu('answer', {{ kind: 'detail', text: 'The van is white.' }});
                 const problem = await fu('code-problem', {{ code: '1234 5678' }});
                 await fu('forget');
                 return {{ wrong, check, answer: answer.status, detail: detail.status, problem }};"
            ),
        )
        .await?;
        ensure!(
            read["wrong"]["opened"] == false,
            "a wrong code opened something: {read}"
        );
        ensure!(
            read["check"]["opened"] == true,
            "the code did not open: {read}"
        );
        let texts: Vec<&str> = read["check"]["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m["text"].as_str())
            .collect();
        ensure!(texts == [question], "the reporter read {texts:?}");
        ensure!(read["answer"] == 201 && read["detail"] == 201, "{read}");
        ensure!(read["problem"] == "too_short", "{read}");

        let console = session.console_messages().await?;
        ensure!(
            !console
                .iter()
                .any(|m| m.contains("Content Security Policy") || m.starts_with("SEVERE")),
            "the browser reported: {console:#?}"
        );
        lantern_e2e::privacy::assert_no_storage(session.client()).await?;

        let tip = stage.intake.exported_tip(narrative).await?;
        let conversation: Vec<(String, String)> = tip
            .conversation
            .iter()
            .map(|m| {
                (
                    m["kind"].as_str().unwrap_or_default().to_owned(),
                    m["text"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        ensure!(
            conversation
                == [
                    ("reply".to_owned(), question.to_owned()),
                    ("answer".to_owned(), "Two of them, I think.".to_owned()),
                    ("detail".to_owned(), "The van is white.".to_owned()),
                ],
            "the export shows {conversation:?}"
        );
        Ok(())
    });
}

/// How many elements with `data-testid="id"` show (are displayed).
async fn showing(session: &Session, id: &str) -> Result<usize> {
    let mut n = 0;
    for element in lantern_e2e::widget::all_by_testid(session, id).await? {
        if element.is_displayed().await? {
            n += 1;
        }
    }
    Ok(n)
}

/// The page's history length, which the follow-up must never change.
async fn history_length(session: &Session) -> Result<u64> {
    Ok(session
        .execute("return history.length;", vec![])
        .await?
        .as_u64()
        .unwrap_or_default())
}

/// The widget's own screens, as the issue asks: send a tip in the widget
/// and keep the code from the screen; the hotline replies with `lantern-intake
/// reply`; "Check for a reply" (from the receipt's link) names a malformed
/// code's mistake, says a wrong code opened nothing, then opens the real
/// code typed with dashes, shows the reply, takes an answer and a detail;
/// the export shows both. Nothing stored, no history entry, nothing loaded
/// of the follow-up before it was asked for.
#[test]
fn the_widget_gives_a_code_and_its_check_for_a_reply_place_reads_and_answers() {
    use lantern_e2e::widget::{self, by_testid};
    use std::time::Duration;
    run(async {
        let stage = Stage::start().await?;
        let session = Session::open(Options {
            network_log: true,
            ..Options::default()
        })
        .await?;
        let narrative = "At the car wash on Elm Street, workers sleep in the back room.";
        let receipt = send_tip(&session, &stage, "en", narrative).await?;
        let history = history_length(&session).await?;
        // The receipt, and the form before it, loaded nothing of the
        // follow-up: not its screens, not its worker.
        let before = followup_requests(&session.network_requests().await?);
        ensure!(
            before.is_empty(),
            "the follow-up loaded before it was asked for: {before:?}"
        );
        // One "Check for a reply" button at a time: the place's own, until
        // the receipt shows a code beside its own.
        ensure!(
            showing(&session, "check-reply-from-receipt").await? == 0
                && showing(&session, "check-reply").await? == 1,
            "before a code, the place's own button is the one"
        );

        let code = get_code(&session).await?;
        ensure!(
            code.len() == 24
                && code
                    .split(' ')
                    .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_digit())),
            "the code shows as five groups of four digits: {code:?}"
        );
        ensure!(
            by_testid(&session, "followup-code")
                .await?
                .find(lantern_e2e::Locator::Css("bdi[dir=ltr]"))
                .await
                .is_ok(),
            "the code is not isolated left to right"
        );
        let kept = by_testid(&session, "keep-code").await?.text().await?;
        for words in [
            "Keep this code only if it is safe for you.",
            "Without it, nobody can reply to you.",
            "The hotline will never ask you for this code by phone or text.",
            "The hotline writes in English or Spanish.",
        ] {
            ensure!(
                kept.contains(words),
                "the receipt lacks {words:?}: {kept:?}"
            );
        }
        // Asking for the code loaded the screens' module and started the
        // worker, each once.
        let asked = followup_requests(&session.network_requests().await?);
        for file in [
            "/followup/place.js",
            "/followup/lantern_followup_place.js",
            "/followup/lantern_followup_place_bg.wasm",
            "/followup/worker.js",
        ] {
            ensure!(
                asked.iter().filter(|u| u.ends_with(file)).count() == 1,
                "{file} was not loaded once on demand: {asked:?}"
            );
        }
        ensure!(
            showing(&session, "check-reply").await? == 0
                && showing(&session, "check-reply-from-receipt").await? == 1,
            "with the code on the receipt there is one Check for a reply button, the receipt's"
        );
        shot(&session, "keep-code", "receipt-code-en").await?;

        let question = "Thank you. Is anyone there under 18?";
        reply(&stage, &receipt, question).await?;

        widget::click_testid(&session, "check-reply-from-receipt").await?;
        let focused = widget::eventually(
            "focus on the place's heading",
            Duration::from_secs(10),
            || async {
                let now = session
                    .execute(
                        "const e = document.activeElement; return e.tagName + ' ' + e.textContent;",
                        vec![],
                    )
                    .await?;
                Ok((now == "H3 Check for a reply").then_some(()))
            },
        )
        .await;
        ensure!(focused.is_ok(), "focus did not go to the place's heading");
        // A malformed code is named on the page, before any lookup.
        enter_code(&session, "4821 0937 5562").await?;
        let said = text_of(&session, "followup-problem", Duration::from_secs(10)).await?;
        ensure!(
            said == "This code is too short. A code has 20 digits.",
            "{said:?}"
        );
        enter_code(&session, "4821 0937 5562 1049 77x0").await?;
        eventually_says(
            &session,
            "followup-problem",
            "Use only the digits of your code.",
        )
        .await?;
        // A well-formed wrong code: the service answers it like any other,
        // and the worker finds nothing it opens.
        enter_code(&session, "1111 2222 3333 4444 5555").await?;
        eventually_says(
            &session,
            "followup-problem",
            "Nothing opened with this code. Check each digit and try again. A code also stops working 90 days after it was last used.",
        )
        .await?;
        // The real code, copied down with dashes.
        enter_code(&session, &code.replace(' ', "-")).await?;
        let shown = text_of(&session, "followup-message", Duration::from_secs(60)).await?;
        ensure!(shown == question, "the reporter read {shown:?}");
        ensure!(
            widget::all_by_testid(&session, "followup-problem")
                .await?
                .is_empty(),
            "the wrong code's words stayed"
        );
        shot(&session, "check-reply-place", "check-reply-en").await?;

        let (answer, detail) = ("Two of them, I think.", "The van is white.");
        for (field, button, words) in [
            ("followup-answer", "followup-send-answer", answer),
            ("followup-detail", "followup-send-detail", detail),
        ] {
            by_testid(&session, field).await?.send_keys(words).await?;
            widget::click_testid(&session, button).await?;
            // The field empties only once the intake stored the words.
            widget::eventually(
                &format!("{field} to empty"),
                Duration::from_secs(60),
                || async {
                    let left = by_testid(&session, field).await?.prop("value").await?;
                    Ok((left.as_deref() == Some("")).then_some(()))
                },
            )
            .await?;
            eventually_says(&session, "followup-sent", "Sent. Thank you.").await?;
        }
        // An empty answer is named on the page.
        widget::click_testid(&session, "followup-send-answer").await?;
        eventually_says(
            &session,
            "followup-answer-problem",
            "Write something first.",
        )
        .await?;

        let tip = stage.intake.exported_tip(narrative).await?;
        let conversation: Vec<(&str, &str)> = tip
            .conversation
            .iter()
            .map(|m| {
                (
                    m["kind"].as_str().unwrap_or_default(),
                    m["text"].as_str().unwrap_or_default(),
                )
            })
            .collect();
        ensure!(
            conversation == [("reply", question), ("answer", answer), ("detail", detail)],
            "the export shows {conversation:?}"
        );

        ensure!(
            history_length(&session).await? == history,
            "the follow-up added a history entry"
        );
        let console = session.console_messages().await?;
        ensure!(
            !console
                .iter()
                .any(|m| m.contains("Content Security Policy") || m.starts_with("SEVERE")),
            "the browser reported: {console:#?}"
        );
        let requests = session.network_requests().await?;
        let elsewhere =
            lantern_e2e::privacy::requests_elsewhere(&requests, &[&stage.intake.origin()]);
        ensure!(
            elsewhere.is_empty(),
            "requests to another origin: {elsewhere:?}"
        );
        lantern_e2e::privacy::assert_no_storage(session.client()).await?;
        lantern_e2e::privacy::assert_no_cookies(session.client()).await?;
        lantern_e2e::axe::check(session.client(), "check for a reply, opened").await?;

        // A language switch changes the screen's words and keeps what was
        // typed.
        by_testid(&session, "followup-answer")
            .await?
            .send_keys("Still typing")
            .await?;
        widget::click_testid(&session, "lang-es").await?;
        eventually_says(&session, "followup-send-answer", "Enviar respuesta").await?;
        let kept = by_testid(&session, "followup-answer")
            .await?
            .prop("value")
            .await?;
        ensure!(
            kept.as_deref() == Some("Still typing"),
            "the language switch lost what was typed: {kept:?}"
        );
        widget::click_testid(&session, "lang-en").await?;
        eventually_says(&session, "followup-send-answer", "Send answer").await?;

        // Closing forgets: the screen goes with the code field, and the
        // receipt's button is still the one way back.
        widget::click_testid(&session, "followup-close").await?;
        widget::eventually("the place to close", Duration::from_secs(10), || async {
            Ok((showing(&session, "followup-close").await? == 0).then_some(()))
        })
        .await?;
        ensure!(
            widget::all_by_testid(&session, "followup-code-input")
                .await?
                .is_empty()
                && showing(&session, "check-reply").await? == 0
                && showing(&session, "check-reply-from-receipt").await? == 1,
            "after closing, the code field stayed or the receipt's button is not the one"
        );
        Ok(())
    });
}

/// The same screens in Arabic, right to left: the code stays left to right,
/// the words are Arabic (not English), the reply opens; and the quick exit
/// works from "Check for a reply".
#[test]
fn check_for_a_reply_in_arabic_and_the_quick_exit_from_it() {
    use lantern_e2e::widget::{self, by_testid};
    use std::time::Duration;
    run(async {
        let stage = Stage::start().await?;
        let session = Session::open(Options::default()).await?;
        let narrative = "في مغسلة السيارات ينام العمال في الغرفة الخلفية.";
        let receipt = send_tip(&session, &stage, "ar", narrative).await?;
        let code = get_code(&session).await?;
        let direction = session
            .execute(
                "return getComputedStyle(document.querySelector('[data-testid=followup-code] bdi')).direction;",
                vec![],
            )
            .await?;
        ensure!(direction == "ltr", "the code reads {direction} in Arabic");
        let kept = by_testid(&session, "keep-code").await?.text().await?;
        ensure!(
            kept.contains("بالإنجليزية والإسبانية فقط") && !kept.contains("Keep this code"),
            "the Arabic receipt: {kept:?}"
        );
        shot(&session, "keep-code", "receipt-code-ar").await?;
        let question = "Is anyone there under 18?";
        reply(&stage, &receipt, question).await?;
        widget::click_testid(&session, "check-reply-from-receipt").await?;
        enter_code(&session, "١٢٣٤").await?;
        eventually_says(
            &session,
            "followup-problem",
            "هذا الرمز قصير جدًا. الرمز 20 رقمًا.",
        )
        .await?;
        enter_code(&session, &code).await?;
        let shown = text_of(&session, "followup-message", Duration::from_secs(60)).await?;
        ensure!(shown == question, "the reporter read {shown:?}");
        shot(&session, "check-reply-place", "check-reply-ar").await?;
        lantern_e2e::axe::check(session.client(), "check for a reply in Arabic").await?;

        // Three presses of Shift leave for the neutral page from here too.
        by_testid(&session, "followup-answer")
            .await?
            .click()
            .await?;
        for _ in 0..3 {
            widget::press_shift(&session).await?;
        }
        widget::wait_for_url(&session, &stage.pages.exit_url()).await?;
        Ok(())
    });
}
