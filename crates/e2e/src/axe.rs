//! axe-core, run inside the page under test: any violation fails the test
//! with a list a person can act on (rule, impact, which element, why).
//!
//! The script is injected through WebDriver, which the page's
//! Content-Security-Policy does not govern, so the widget's real policy
//! stays in force while it is checked.

use anyhow::{bail, ensure, Context, Result};
use fantoccini::Client;
use serde_json::Value;

use crate::paths;

/// Runs every axe-core rule (all but experimental ones) on the whole page
/// and fails on any violation. `state` names what the page shows, for the
/// failure message ("signs section, es, phone").
pub async fn check(client: &Client, state: &str) -> Result<()> {
    let violations = violations(client).await?;
    if violations.is_empty() {
        return Ok(());
    }
    bail!(
        "axe-core found {} violation(s) in {state}:\n{}",
        violations.len(),
        violations.join("\n")
    )
}

/// The page's axe-core violations, one readable paragraph each.
pub async fn violations(client: &Client) -> Result<Vec<String>> {
    run_axe(client, &[]).await
}

/// The violations of the named rules only (`["target-size"]`): quicker,
/// for a check repeated at many scroll positions.
pub async fn violations_of(client: &Client, rules: &[&str]) -> Result<Vec<String>> {
    ensure!(!rules.is_empty(), "name at least one axe-core rule");
    run_axe(client, rules).await
}

/// Runs axe-core with every rule (`rules` empty) or just `rules`.
async fn run_axe(client: &Client, rules: &[&str]) -> Result<Vec<String>> {
    let injected = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await?;
    if injected != Value::Bool(true) {
        let path = paths::axe_js()?;
        let source = tokio::fs::read_to_string(&path)
            .await
            .with_context(|| format!("reading {}", path.display()))?;
        client
            .execute(&source, vec![])
            .await
            .context("injecting axe-core")?;
    }
    let outcome = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const rules = arguments[0];
             const options = { resultTypes: ['violations'] };
             if (rules.length) options.runOnly = { type: 'rule', values: rules };
             window.axe.run(document, options)
               .then((r) => done(JSON.stringify(r.violations)))
               .catch((e) => done('axe failed: ' + e));",
            vec![serde_json::json!(rules)],
        )
        .await
        .context("running axe-core")?;
    let text = outcome.as_str().unwrap_or_default();
    let parsed: Value = serde_json::from_str(text).with_context(|| text.to_owned())?;
    let mut list = Vec::new();
    for violation in parsed.as_array().into_iter().flatten() {
        let mut entry = format!(
            "- {} ({}): {}",
            violation["id"].as_str().unwrap_or("?"),
            violation["impact"].as_str().unwrap_or("?"),
            violation["help"].as_str().unwrap_or("?"),
        );
        for node in violation["nodes"].as_array().into_iter().flatten() {
            entry.push_str(&format!(
                "\n    at {}: {}",
                node["target"],
                node["failureSummary"]
                    .as_str()
                    .unwrap_or_default()
                    .replace('\n', " ")
            ));
        }
        list.push(entry);
    }
    Ok(list)
}
