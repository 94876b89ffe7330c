//! Moving through the tip form like a person: open it, answer by label,
//! continue, go back, open an optional step from the review, send. Steps
//! are named by their stable `data-step` (`lantern_tip::Step::slug`, which
//! the widget draws).

use anyhow::{ensure, Context, Result};
use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde_json::json;

use crate::widget::{self, by_label, by_label_in, by_testid, eventually, js_arg, PATIENCE};

/// The optional steps' names, in the order the review offers them: from
/// the widget's step model (`lantern_tip::Step`), not spelled again here.
pub fn optional_steps() -> impl ExactSizeIterator<Item = &'static str> {
    let optional: Vec<&'static str> = lantern_tip::Step::optional().map(|s| s.slug()).collect();
    optional.into_iter()
}

/// Opens the "Report a tip" section and waits for the form's first step.
pub async fn open(client: &Client) -> Result<()> {
    widget::click_testid(client, "nav-report").await?;
    wait_step(client, "safety").await
}

/// The progress indicator's text ("Step 2 of 3", or "More detail
/// (optional)" on an optional step).
pub async fn progress(client: &Client) -> Result<String> {
    Ok(by_testid(client, "form-progress").await?.text().await?)
}

/// The step shown: its stable name (`data-step` on the form: "safety",
/// "narrative", "review", "who", "contact", ...).
pub async fn step(client: &Client) -> Result<String> {
    let step = client
        .execute(
            "const f = document.querySelector('form[data-step]');
             return f ? f.getAttribute('data-step') : '';",
            vec![],
        )
        .await?;
    Ok(step.as_str().unwrap_or_default().to_owned())
}

/// Waits until the form shows the step named `slug`.
pub async fn wait_step(client: &Client, slug: &str) -> Result<()> {
    eventually(&format!("form step {slug:?}"), PATIENCE, || async {
        Ok((step(client).await? == slug).then_some(()))
    })
    .await
}

/// Clicks "Continue" and waits for step `then`.
pub async fn next(client: &Client, then: &str) -> Result<()> {
    widget::click_testid(client, "form-next").await?;
    wait_step(client, then)
        .await
        .with_context(|| format!("continuing to step {then:?}"))
}

/// Clicks "Back" and waits for step `then`.
pub async fn back(client: &Client, then: &str) -> Result<()> {
    widget::click_testid(client, "form-back").await?;
    wait_step(client, then)
        .await
        .with_context(|| format!("going back to step {then:?}"))
}

/// On the review page, clicks the "Add" or "Change" button of step `slug`
/// and waits for that step.
pub async fn open_step(client: &Client, slug: &str) -> Result<()> {
    let group = by_testid(client, &format!("review-{slug}")).await?;
    group
        .find(Locator::Css("button"))
        .await
        .with_context(|| format!("the review has no button for {slug:?}"))?
        .click()
        .await?;
    wait_step(client, slug)
        .await
        .with_context(|| format!("opening step {slug:?} from the review"))
}

/// From the first step, the shortest way to the review in any language:
/// Continue, type `narrative` into "What happened?", Continue.
pub async fn to_review(client: &Client, narrative: &str) -> Result<()> {
    next(client, "narrative").await?;
    type_narrative(client, narrative).await?;
    next(client, "review").await
}

/// Types `text` into "What happened?" (found by its id, so in any language).
pub async fn type_narrative(client: &Client, text: &str) -> Result<Element> {
    let field = client
        .find(Locator::Id("lx-f-narrative"))
        .await
        .context("no \"What happened?\" field on this step")?;
    field.clear().await?;
    field.send_keys(text).await?;
    Ok(field)
}

/// Types `text` into the field labelled `label` (after clearing it).
pub async fn type_into(client: &Client, label: &str, text: &str) -> Result<Element> {
    let field = by_label(client, label).await?;
    field.clear().await?;
    field
        .send_keys(text)
        .await
        .with_context(|| format!("typing into {label:?}"))?;
    Ok(field)
}

/// Puts `text` into the field labelled `label` the way a paste does
/// (`insertText`: fires `input`, honours `maxlength`), for text WebDriver
/// cannot type: emoji and other characters outside the BMP, or a megabyte.
pub async fn paste_into(client: &Client, label: &str, text: &str) -> Result<Element> {
    let field = by_label(client, label).await?;
    client
        .execute(
            "const [field, text] = arguments;
             field.focus();
             field.select();
             document.execCommand('insertText', false, text);",
            vec![js_arg(&field)?, json!(text)],
        )
        .await
        .with_context(|| format!("pasting into {label:?}"))?;
    Ok(field)
}

/// Sets a field's value from script and fires `input` and `change` (for
/// `<input type=date>`, whose typed format depends on the browser's locale).
pub async fn set_value(client: &Client, label: &str, value: &str) -> Result<Element> {
    let field = by_label(client, label).await?;
    client
        .execute(
            "const [field, value] = arguments;
             field.value = value;
             field.dispatchEvent(new Event('input', { bubbles: true }));
             field.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![js_arg(&field)?, json!(value)],
        )
        .await?;
    Ok(field)
}

/// Chooses the radio button or checkbox labelled `label` in the group whose
/// legend starts with `group`.
pub async fn choose(client: &Client, group: &str, label: &str) -> Result<()> {
    let option = by_label_in(client, Some(group), label).await?;
    if !option.is_selected().await? {
        // A styled radio button may hide the native control under its label;
        // a person then touches the label, and so does the test.
        if option.click().await.is_err() {
            let found = client
                .execute(
                    "return arguments[0].labels[0] || null;",
                    vec![js_arg(&option)?],
                )
                .await?;
            widget::element_from_js(client, &found)
                .with_context(|| format!("{label:?} in {group:?} has no label to touch"))?
                .click()
                .await
                .with_context(|| format!("choosing {label:?} in {group:?}"))?;
        }
    }
    ensure!(
        option.is_selected().await?,
        "{label:?} in {group:?} did not become chosen"
    );
    Ok(())
}

/// The current value of a field (`.value`, not the attribute).
pub async fn value_of(field: &Element) -> Result<String> {
    Ok(field.prop("value").await?.unwrap_or_default())
}

/// Waits for the receipt and returns its digits without spaces.
pub async fn receipt(client: &Client) -> Result<String> {
    let element = eventually(
        "the receipt",
        std::time::Duration::from_secs(40),
        || async {
            Ok(widget::all_by_testid(client, "receipt")
                .await?
                .into_iter()
                .next())
        },
    )
    .await?;
    let text = element.text().await?;
    Ok(text.chars().filter(char::is_ascii_digit).collect())
}
