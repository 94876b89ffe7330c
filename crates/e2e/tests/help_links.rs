//! The help channels dial and open what they say (issue 3): 911 first, the
//! hotline's call, text, chat and TTY, in both languages.

use lantern_e2e::driver::{Session, Viewport};
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{by_testid, open};
use lantern_e2e::{ensure, run, Client, Result};

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

async fn href(client: &Client, id: &str) -> Result<String> {
    Ok(by_testid(client, id)
        .await?
        .attr("href")
        .await?
        .unwrap_or_default())
}

async fn check_links(client: &Client, lang: &str) -> Result<()> {
    let call_911 = href(client, "call-911").await?;
    ensure!(call_911 == "tel:911", "[{lang}] 911 link is {call_911:?}");

    let call = href(client, "hotline-call").await?;
    ensure!(
        call.starts_with("tel:") && digits(&call).trim_start_matches('1') == "8883737888",
        "[{lang}] the call link must dial 1-888-373-7888, it is {call:?}"
    );

    let text = href(client, "hotline-text").await?;
    let (number, body) = text.split_once('?').unwrap_or((text.as_str(), ""));
    ensure!(
        number == "sms:233733",
        "[{lang}] the text link must go to 233733, it is {text:?}"
    );
    ensure!(
        body.split('&').any(|pair| pair == "body=HELP"),
        "[{lang}] the text link must prefill HELP, it is {text:?}"
    );

    let chat = by_testid(client, "hotline-chat").await?;
    let chat_href = chat.attr("href").await?.unwrap_or_default();
    ensure!(
        chat_href.starts_with("https://humantraffickinghotline.org/"),
        "[{lang}] the chat link must open the hotline's chat, it is {chat_href:?}"
    );
    ensure!(
        chat.attr("target").await?.as_deref() == Some("_blank"),
        "[{lang}] the chat link must open in a new tab"
    );
    let rel = chat.attr("rel").await?.unwrap_or_default();
    ensure!(
        rel.split_whitespace().any(|r| r == "noopener")
            && rel.split_whitespace().any(|r| r == "noreferrer"),
        "[{lang}] the chat link's rel must have noopener and noreferrer, it is {rel:?}"
    );

    let tty = href(client, "hotline-tty").await?;
    ensure!(
        tty == "tel:711",
        "[{lang}] the TTY link must dial 711, it is {tty:?}"
    );

    // The number a person reads is the number the link dials.
    let shown = by_testid(client, "hotline-call").await?.text().await?;
    ensure!(
        shown.contains("1-888-373-7888"),
        "[{lang}] the call link reads {shown:?}, not 1-888-373-7888"
    );
    let shown = by_testid(client, "hotline-text").await?.text().await?;
    ensure!(
        shown.contains("233733") && shown.contains("HELP"),
        "[{lang}] the text link reads {shown:?}"
    );
    Ok(())
}

#[test]
fn hotline_links_dial_the_hotline_in_both_languages() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        check_links(&session, "en").await?;
        open(&session, &stage.intake.widget_url("lang=es")).await?;
        check_links(&session, "es").await?;
        Ok(())
    });
}

#[test]
fn emergency_call_comes_before_the_hotline() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        open(&session, &stage.intake.widget_url("")).await?;
        let before = session
            .execute(
                "const a = document.querySelector('[data-testid=call-911]');
                 const b = document.querySelector('[data-testid=hotline-call]');
                 return !!(a && b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING));",
                vec![],
            )
            .await?;
        ensure!(
            before == serde_json::Value::Bool(true),
            "\"Call 911\" must come before the hotline's call link"
        );
        Ok(())
    });
}
