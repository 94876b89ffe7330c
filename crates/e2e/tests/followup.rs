//! Anonymous follow-up (issue 16) in real headless Chromium against the real
//! intake, under the service's real Content-Security-Policy: the widget's
//! page sends a tip, starts the follow-up worker (`/followup/worker.js`, a
//! dedicated module worker with its own Wasm) only then, makes and registers
//! a code; the hotline replies with the real `lantern-intake reply`; the
//! worker, opened again from the code alone, reads the reply, answers it and
//! adds a detail; `export` shows the conversation.
//!
//! Not yet here: the widget's own "Check for a reply" screens (issue 16,
//! step 4). This drives the worker's message protocol from the page, as
//! those screens will.

use lantern_e2e::driver::{Options, Session};
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
            !first.iter().any(|url| url.contains("/followup/")),
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
        let conversation: Vec<(String, String)> = tip["conversation"]
            .as_array()
            .into_iter()
            .flatten()
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

/// The widget's own screens: the receipt gives a code; the hotline replies;
/// "Check for a reply" opens it, shows the reply, takes an answer and a
/// detail; the export shows them. In English and Spanish.
#[test]
fn the_widget_gives_a_code_and_its_check_for_a_reply_place_works() {
    use lantern_e2e::form;
    use lantern_e2e::widget::{self, by_testid, eventually, open};
    use std::time::Duration;
    run(async {
        let stage = Stage::start().await?;
        let session = Session::open(Options {
            network_log: true,
            ..Options::default()
        })
        .await?;
        for (lang, narrative, keep) in [
            (
                "en",
                "At the car wash on Elm Street, workers sleep in the back room.",
                "Keep this code only if it is safe",
            ),
            (
                "es",
                "En el lavado de autos de la calle Olmo duermen en el cuarto del fondo.",
                "Guarde este código solo si es seguro",
            ),
        ] {
            open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
            form::open(&session).await?;
            form::to_review(&session, narrative).await?;
            widget::click_testid(&session, "form-submit").await?;
            let receipt = form::receipt(&session).await?;
            ensure!(
                !session
                    .network_requests()
                    .await?
                    .iter()
                    .any(|r| r.url.contains("/followup/")),
                "{lang}: the follow-up loaded before it was asked for"
            );
            widget::click_testid(&session, "get-code").await?;
            let code = eventually("the reply code", Duration::from_secs(60), || async {
                Ok(
                    match widget::all_by_testid(&session, "followup-code")
                        .await?
                        .into_iter()
                        .next()
                    {
                        Some(element) => Some(element.text().await?),
                        None => None,
                    },
                )
            })
            .await?;
            ensure!(
                code.chars().filter(char::is_ascii_digit).count() == 20,
                "{lang}: code {code:?}"
            );
            let place = by_testid(&session, "keep-code").await?.text().await?;
            ensure!(
                place.contains(keep),
                "{lang}: the receipt lacks the safety words: {place:?}"
            );

            let question = format!("{lang}: Is anyone there under 18?");
            reply(&stage, &receipt, &question).await?;

            // From the receipt to "Check for a reply"; a wrong code first.
            widget::click_testid(&session, "check-reply-from-receipt").await?;
            let input = by_testid(&session, "followup-code-input").await?;
            input.send_keys("1111 2222 3333 4444 5555").await?;
            widget::click_testid(&session, "followup-open").await?;
            eventually(
                "the wrong code's answer",
                Duration::from_secs(60),
                || async {
                    Ok(widget::all_by_testid(&session, "followup-problem")
                        .await?
                        .into_iter()
                        .next())
                },
            )
            .await?;
            input.clear().await?;
            input.send_keys(&code).await?;
            widget::click_testid(&session, "followup-open").await?;
            let shown = eventually("the hotline's message", Duration::from_secs(60), || async {
                Ok(
                    match widget::all_by_testid(&session, "followup-message")
                        .await?
                        .into_iter()
                        .next()
                    {
                        Some(element) => Some(element.text().await?),
                        None => None,
                    },
                )
            })
            .await?;
            ensure!(shown == question, "{lang}: the reporter read {shown:?}");
            for (field, button, text) in [
                (
                    "followup-answer",
                    "followup-send-answer",
                    format!("{lang}: two of them"),
                ),
                (
                    "followup-detail",
                    "followup-send-detail",
                    format!("{lang}: a white van"),
                ),
            ] {
                by_testid(&session, field).await?.send_keys(&text).await?;
                widget::click_testid(&session, button).await?;
                eventually("sent", Duration::from_secs(30), || async {
                    let value = by_testid(&session, field).await?.prop("value").await?;
                    Ok((value.as_deref() == Some("")).then_some(()))
                })
                .await?;
            }
            widget::click_testid(&session, "followup-close").await?;
            let tip = stage.intake.exported_tip(narrative).await?;
            let texts: Vec<&str> = tip["conversation"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|m| m["text"].as_str())
                .collect();
            let (answer, detail) = (
                format!("{lang}: two of them"),
                format!("{lang}: a white van"),
            );
            ensure!(
                texts == [question.as_str(), answer.as_str(), detail.as_str()],
                "{lang}: the export shows {texts:?}"
            );
        }
        let console = session.console_messages().await?;
        ensure!(
            !console
                .iter()
                .any(|m| m.contains("Content Security Policy") || m.starts_with("SEVERE")),
            "the browser reported: {console:#?}"
        );
        lantern_e2e::privacy::assert_no_storage(session.client()).await?;
        Ok(())
    });
}
