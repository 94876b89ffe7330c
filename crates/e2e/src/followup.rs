//! The reporter's side of the anonymous follow-up (issue 16), as a person
//! meets it in the widget: send a tip through the form, keep the reply code
//! the receipt shows, type it into "Check for a reply"; and the waits and
//! screenshots the follow-up's tests and the console's share.

use std::time::Duration;

use crate::driver::{Session, Viewport};
use crate::stage::Stage;
use crate::{form, widget, Result};

/// Waits (up to `limit`) for the first element with `data-testid="id"` to
/// show text, and returns it.
pub async fn text_of(session: &Session, id: &str, limit: Duration) -> Result<String> {
    widget::eventually(&format!("[data-testid={id}]"), limit, || async {
        Ok(
            match widget::all_by_testid(session, id).await?.into_iter().next() {
                Some(element) => Some(element.text().await?).filter(|t| !t.is_empty()),
                None => None,
            },
        )
    })
    .await
}

/// Waits until an element with `data-testid="id"` says exactly `words`.
pub async fn eventually_says(session: &Session, id: &str, words: &str) -> Result<()> {
    widget::eventually(
        &format!("{id} to say {words:?}"),
        Duration::from_secs(60),
        || async {
            for element in widget::all_by_testid(session, id).await? {
                if element.text().await? == words {
                    return Ok(Some(()));
                }
            }
            Ok(None)
        },
    )
    .await
}

/// Sends a tip through the widget's form in `lang` and returns its receipt.
pub async fn send_tip(
    session: &Session,
    stage: &Stage,
    lang: &str,
    narrative: &str,
) -> Result<String> {
    widget::open(session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
    form::open(session).await?;
    form::to_review(session, narrative).await?;
    widget::click_testid(session, "form-submit").await?;
    form::receipt(session).await
}

/// Asks the receipt for a reply code and returns it as shown.
pub async fn get_code(session: &Session) -> Result<String> {
    widget::click_testid(session, "get-code").await?;
    text_of(session, "followup-code", Duration::from_secs(60)).await
}

/// Types `code` into "Check for a reply" (open already) and presses Open.
pub async fn enter_code(session: &Session, code: &str) -> Result<()> {
    let input = widget::by_testid(session, "followup-code-input").await?;
    input.clear().await?;
    input.send_keys(code).await?;
    widget::click_testid(session, "followup-open").await
}

/// Saves a screenshot of the block `id` at the phone's width when
/// `LANTERN_SHOTS` names a folder (`LANTERN_SHOTS=/tmp/shots scripts/e2e.sh
/// --test followup`), for a person to look at.
pub async fn shot(session: &Session, id: &str, name: &str) -> Result<()> {
    shot_at(session, id, name, (360, 2000), Viewport::Phone).await
}

/// [`shot`] in a window of `size`, put back to `restore` afterwards.
pub async fn shot_at(
    session: &Session,
    id: &str,
    name: &str,
    size: (u32, u32),
    restore: Viewport,
) -> Result<()> {
    let Ok(dir) = std::env::var("LANTERN_SHOTS") else {
        return Ok(());
    };
    std::fs::create_dir_all(&dir)?;
    session.set_window_size(size.0, size.1).await?;
    let element = widget::by_testid(session, id).await?;
    session
        .execute(
            "arguments[0].scrollIntoView({ block: 'start' }); window.scrollBy(0, -80);",
            vec![widget::js_arg(&element)?],
        )
        .await?;
    std::fs::write(
        std::path::Path::new(&dir).join(format!("{name}.png")),
        session.screenshot().await?,
    )?;
    session.resize(restore).await?;
    Ok(())
}
