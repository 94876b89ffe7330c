//! Finding things in the widget the way a person does (by label, role, or
//! the agreed `data-testid`, never by position) and waiting for the page.

use std::future::Future;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::{Element, ElementRef};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

/// How long a test waits for something the page should do promptly.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// The CSS selector for a `data-testid`.
pub fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// Polls `probe` until it yields `Some`, or fails after `limit` saying `what`
/// it was waiting for and what it saw last.
pub async fn eventually<T, F, Fut>(what: &str, limit: Duration, mut probe: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Option<T>>>,
{
    let deadline = tokio::time::Instant::now() + limit;
    let mut last;
    loop {
        match probe().await {
            Ok(Some(value)) => return Ok(value),
            Ok(None) => last = "not yet".into(),
            Err(error) => last = format!("{error:#}"),
        }
        if tokio::time::Instant::now() > deadline {
            bail!("timed out after {limit:?} waiting for {what} (last: {last})");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Opens `url` and waits until the app has mounted (`data-ready="true"`).
pub async fn open(client: &Client, url: &str) -> Result<()> {
    client
        .goto(url)
        .await
        .with_context(|| format!("opening {url}"))?;
    wait_ready(client).await
}

/// Waits until the app has mounted.
pub async fn wait_ready(client: &Client) -> Result<()> {
    eventually(
        "the widget to mount (#lantern[data-ready=true])",
        PATIENCE,
        || async {
            Ok(client
                .find_all(Locator::Css("#lantern[data-ready=\"true\"]"))
                .await?
                .into_iter()
                .next()
                .map(|_| ()))
        },
    )
    .await
}

/// The element with `data-testid="id"`, waiting for it to appear.
pub async fn by_testid(client: &Client, id: &str) -> Result<Element> {
    let selector = testid(id);
    eventually(&format!("element {selector}"), PATIENCE, || async {
        Ok(client
            .find_all(Locator::Css(&selector))
            .await?
            .into_iter()
            .next())
    })
    .await
}

/// Every element with `data-testid="id"` right now (no waiting).
pub async fn all_by_testid(client: &Client, id: &str) -> Result<Vec<Element>> {
    Ok(client.find_all(Locator::Css(&testid(id))).await?)
}

/// Turns an element returned by `execute` into an [`Element`].
pub fn element_from_js(client: &Client, value: &Value) -> Option<Element> {
    let object = value.as_object()?;
    let id = object
        .get("element-6066-11e4-a52e-4f735466cecf")
        .or_else(|| object.get("ELEMENT"))?
        .as_str()?;
    Some(Element::from_element_id(
        client.clone(),
        ElementRef::from(id.to_owned()),
    ))
}

/// An element as a script argument.
pub fn js_arg(element: &Element) -> Result<Value> {
    Ok(serde_json::to_value(element)?)
}

/// Collapses whitespace and trims, as accessible names are compared.
const NORMALIZE_JS: &str = "const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();";

/// The form control whose `<label>` text is `label` (exactly, ignoring case
/// and surrounding whitespace, or starting with it followed by the label's
/// hint), optionally inside the fieldset whose legend starts with `group`
/// or under the heading that starts with `group`.
pub async fn by_label_in(client: &Client, group: Option<&str>, label: &str) -> Result<Element> {
    let script = format!(
        "{NORMALIZE_JS}
        const [group, wanted] = arguments;
        const lower = (s) => norm(s).toLowerCase();
        // A scope is a list of labels: all of them, those of the fieldset
        // whose legend is `group`, or those under the heading `group` (up
        // to the next heading of the same or a higher level).
        const all = [...document.querySelectorAll('label')];
        let scopes = [all];
        if (group) {{
          scopes = [...document.querySelectorAll('fieldset')].filter((f) => {{
            const legend = f.querySelector('legend');
            return legend && lower(legend.textContent).startsWith(lower(group));
          }}).map((f) => [...f.querySelectorAll('label')]);
          const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')];
          for (const h of headings) {{
            if (!lower(h.textContent).startsWith(lower(group))) continue;
            const level = Number(h.tagName[1]);
            const after = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
            const end = headings.find((n) => Number(n.tagName[1]) <= level && after(h, n));
            scopes.push(all.filter((l) => after(h, l) && (!end || after(l, end))));
          }}
        }}
        const labelText = (l) => {{
          const copy = l.cloneNode(true);
          copy.querySelectorAll('input, select, textarea').forEach((c) => c.remove());
          return lower(copy.textContent);
        }};
        for (const labels of scopes) {{
          const exact = labels.find((l) => labelText(l) === lower(wanted));
          const prefix = labels.find((l) => labelText(l).startsWith(lower(wanted)));
          const found = exact || prefix;
          if (found && found.control) return found.control;
        }}
        return null;"
    );
    let what = match group {
        Some(group) => format!("the field labelled {label:?} in {group:?}"),
        None => format!("the field labelled {label:?}"),
    };
    eventually(&what, PATIENCE, || async {
        let found = client
            .execute(&script, vec![json!(group), json!(label)])
            .await?;
        Ok(element_from_js(client, &found))
    })
    .await
}

/// The form control labelled `label`.
pub async fn by_label(client: &Client, label: &str) -> Result<Element> {
    by_label_in(client, None, label).await
}

/// The `data-testid` of the focused element (or its tag name if it has none).
pub async fn focused(client: &Client) -> Result<String> {
    let value = client
        .execute(
            "const e = document.activeElement;
             return e ? (e.getAttribute('data-testid') || e.tagName.toLowerCase()) : '';",
            vec![],
        )
        .await?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}

/// Presses and releases one key (a character or a [`Key`]) on whatever has focus.
pub async fn press(client: &Client, key: char) -> Result<()> {
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    client.perform_actions(actions).await?;
    Ok(())
}

/// Presses Shift alone, once.
pub async fn press_shift(client: &Client) -> Result<()> {
    press(client, Key::Shift.into()).await
}

/// Holds Shift, types `letter`, releases: Shift used as a modifier.
pub async fn shift_with(client: &Client, letter: char) -> Result<()> {
    let shift: char = Key::Shift.into();
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: shift })
        .then(KeyAction::Down { value: letter })
        .then(KeyAction::Up { value: letter })
        .then(KeyAction::Up { value: shift });
    client.perform_actions(actions).await?;
    Ok(())
}

/// Every string a person can see or hear in the page right now: visible text
/// nodes, and the `aria-label`, `title`, `alt` and `placeholder` of visible
/// elements. Each entry is `[text, lang]`, where `lang` is the language of
/// the nearest element that declares one.
pub async fn visible_strings(client: &Client) -> Result<Vec<(String, String)>> {
    let found = client
        .execute(
            &format!(
                "{NORMALIZE_JS}
                const out = [];
                const langOf = (e) => {{ const l = e.closest('[lang]'); return l ? l.lang : ''; }};
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {{
                  const e = n.parentElement;
                  const text = norm(n.textContent);
                  if (!text || !e || !e.checkVisibility({{ visibilityProperty: true }})) continue;
                  if (e.closest('script, style, noscript, template')) continue;
                  // Text hidden from sight but read by screen readers counts
                  // too (sr-only); text hidden from everyone does not.
                  if (e.closest('[aria-hidden=true]')) continue;
                  out.push([text, langOf(e)]);
                }}
                for (const e of document.body.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {{
                  if (!e.checkVisibility()) continue;
                  for (const a of ['aria-label', 'title', 'alt', 'placeholder']) {{
                    const v = norm(e.getAttribute(a));
                    if (v) out.push([v, langOf(e)]);
                  }}
                }}
                out.push([norm(document.title), document.documentElement.lang]);
                return out;"
            ),
            vec![],
        )
        .await?;
    Ok(found
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|pair| {
            Some((
                pair[0].as_str()?.to_owned(),
                pair[1].as_str().unwrap_or_default().to_owned(),
            ))
        })
        .collect())
}

/// Clicks the element with `data-testid="id"` once it is there.
pub async fn click_testid(client: &Client, id: &str) -> Result<()> {
    let element = by_testid(client, id).await?;
    // A person scrolls what they want into the middle of the screen before
    // touching it; WebDriver would scroll it just to an edge, where the
    // sticky exit bar may cover it.
    client
        .execute(
            "arguments[0].scrollIntoView({ block: 'center', inline: 'center' });",
            vec![js_arg(&element)?],
        )
        .await?;
    element
        .click()
        .await
        .with_context(|| format!("clicking {}", testid(id)))
}

/// Waits until the browser's URL is exactly `url`.
pub async fn wait_for_url(client: &Client, url: &str) -> Result<()> {
    eventually(&format!("the browser to be at {url}"), PATIENCE, || async {
        let now = client.current_url().await?;
        Ok((now.as_str() == url).then_some(()))
    })
    .await
}
