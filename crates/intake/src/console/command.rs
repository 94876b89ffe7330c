//! The administrator's commands: `lantern-intake analyst add|link|remove|list`
//! and `lantern-intake audit verify|list`. They work on the database
//! directly (the service may be running), and every account change is
//! audited with the actor `cli`.

use std::collections::HashMap;
use std::io::Write;

use super::accounts::{self, Added, Analyst, Role};
use super::audit::{self, CLI_ACTOR};
use crate::clock;
use crate::commands::CommandError;
use crate::config::{AnalystArgs, AnalystCommand, AuditArgs, AuditCommand};
use crate::store::console as rows;
use crate::store::AnyStore;

fn fail(context: &str) -> impl Fn(&dyn std::fmt::Display) -> CommandError + '_ {
    move |error| CommandError(format!("{context}: {error}"))
}

fn print(text: &str) -> Result<(), CommandError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| fail("write")(&e))
}

fn link_text(added: &Added) -> String {
    format!(
        "Enrolment link for {:?} (works once, until {}; send it to them privately):\n{}\n",
        added.analyst.name,
        clock::rfc3339(added.expires_at),
        added.link
    )
}

/// `analyst …`.
pub async fn analyst(args: AnalystArgs) -> Result<(), CommandError> {
    let store = AnyStore::open(&args.database)
        .await
        .map_err(|e| fail("database")(&e))?;
    let valid_for = args.link_valid_for.into();
    let text = match args.command {
        AnalystCommand::Add { name, admin } => {
            let role = if admin { Role::Admin } else { Role::Analyst };
            let added = accounts::add(&store, &name, role, &args.console_origin, valid_for)
                .await
                .map_err(|e| CommandError(e.to_string()))?;
            format!(
                "Added {:?} as {}.\n{}",
                added.analyst.name,
                role.as_str(),
                link_text(&added)
            )
        }
        AnalystCommand::Link { name } => {
            let added = accounts::new_link(&store, &name, &args.console_origin, valid_for)
                .await
                .map_err(|e| CommandError(e.to_string()))?;
            link_text(&added)
        }
        AnalystCommand::Remove { name } => {
            let removed = accounts::remove(&store, &name)
                .await
                .map_err(|e| CommandError(e.to_string()))?;
            format!(
                "Removed {:?}: their sessions have ended and they cannot sign in. \
                 Their audit entries stay.\n",
                removed.name
            )
        }
        AnalystCommand::List => {
            let all = accounts::list(&store)
                .await
                .map_err(|e| CommandError(e.to_string()))?;
            list_text(&all)
        }
    };
    store.shut_down().await;
    print(&text)
}

fn list_text(all: &[Analyst]) -> String {
    if all.is_empty() {
        return "No analysts yet: add one with `lantern-intake analyst add NAME --admin`.\n".into();
    }
    let mut text = format!(
        "{:<24} {:<8} {:<21} {}\n",
        "NAME", "ROLE", "ADDED", "STATUS"
    );
    for analyst in all {
        let status = match analyst.removed_at {
            None => "present".to_owned(),
            Some(at) => format!("removed {}", clock::rfc3339(at)),
        };
        text.push_str(&format!(
            "{:<24} {:<8} {:<21} {}\n",
            analyst.name,
            analyst.role.as_str(),
            clock::rfc3339(analyst.created_hour),
            status
        ));
    }
    text
}

/// `audit …`.
pub async fn audit(args: AuditArgs) -> Result<(), CommandError> {
    let store = AnyStore::open(&args.database)
        .await
        .map_err(|e| fail("database")(&e))?;
    let result = match args.command {
        AuditCommand::Verify => match audit::verify(&store).await {
            Ok(Ok(head)) => Ok(format!(
                "The audit log holds: {} entries, last hash {}.\n\
                 (Keep this hash somewhere else: entries cut off the end cannot show \
                 in the chain itself.)\n",
                head.entries, head.hash
            )),
            Ok(Err(broken)) => Err(CommandError(format!(
                "the audit log has been tampered with: {broken}"
            ))),
            Err(e) => Err(fail("database")(&e)),
        },
        AuditCommand::List => list_audit(&store).await,
    };
    store.shut_down().await;
    print(&result?)
}

async fn list_audit(store: &AnyStore) -> Result<String, CommandError> {
    let entries = rows::audit_entries(store)
        .await
        .map_err(|e| fail("database")(&e))?;
    let names: HashMap<String, String> = accounts::list(store)
        .await
        .map_err(|e| CommandError(e.to_string()))?
        .into_iter()
        .map(|analyst| (analyst.id, analyst.name))
        .collect();
    let who = |id: &str| {
        if id == CLI_ACTOR {
            "(administrator)".to_owned()
        } else {
            names.get(id).cloned().unwrap_or_else(|| id.to_owned())
        }
    };
    let mut text = String::new();
    for entry in &entries {
        text.push_str(&format!(
            "{:>6} {} {:<20} {}",
            entry.seq,
            clock::rfc3339(entry.at),
            who(&entry.actor),
            entry.action
        ));
        if let Some(detail) = &entry.detail {
            text.push_str(&format!(" {detail}"));
        }
        if let Some(subject) = &entry.subject {
            text.push_str(&format!(" {}", who(subject)));
        }
        if let Some(tip) = entry.tip_id {
            text.push_str(&format!(" tip {tip}"));
        }
        text.push('\n');
    }
    if entries.is_empty() {
        text.push_str("The audit log is empty.\n");
    }
    Ok(text)
}
