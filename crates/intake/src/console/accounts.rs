//! Analysts' accounts: adding one (with a one-time enrolment link),
//! removing one (which locks them out at once), and listing them. Each
//! change goes into the audit log. Used by the administrator's commands
//! ([`super::command`]).

use std::time::Duration;

use serde::Serialize;
use webauthn_rs::prelude::Uuid;

use super::audit::{Action, Event, CLI_ACTOR};
use super::{new_token, Console};
use crate::clock;
use crate::store::console::{self as rows, AnalystRow};
use crate::store::{AnyStore, StoreError};

/// What an analyst may do in the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything an analyst may, and read the audit log.
    Admin,
    /// Read and triage tips.
    Analyst,
}

impl Role {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Analyst => "analyst",
        }
    }

    /// From the stored spelling.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "admin" => Some(Role::Admin),
            "analyst" => Some(Role::Analyst),
            _ => None,
        }
    }
}

/// An analyst as the console and the commands show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Analyst {
    /// A random UUID.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Their role.
    pub role: Role,
    /// Unix seconds of the hour they were added.
    pub created_hour: i64,
    /// Unix seconds they were removed, if they were.
    pub removed_at: Option<i64>,
}

impl TryFrom<AnalystRow> for Analyst {
    type Error = StoreError;

    fn try_from(row: AnalystRow) -> Result<Self, StoreError> {
        Ok(Analyst {
            role: Role::parse(&row.role).ok_or(StoreError::Corrupt("analyst role"))?,
            id: row.id,
            name: row.name,
            created_hour: row.created_hour,
            removed_at: row.removed_at,
        })
    }
}

/// Why an account command could not be done.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// The name is empty, too long, or has control characters.
    #[error(
        "the name {0:?} cannot be used: give 1 to 64 characters, with no line breaks \
         or control characters"
    )]
    BadName(String),
    /// An analyst (present or removed) already has the name.
    #[error(
        "an analyst called {0:?} exists already (removed analysts keep their name, so \
         the audit log stays readable): choose another name"
    )]
    NameTaken(String),
    /// No analyst has the name.
    #[error("no analyst is called {0:?}: see `lantern-intake analyst list`")]
    NoSuchAnalyst(String),
    /// The analyst was removed before.
    #[error("{0:?} was already removed")]
    AlreadyRemoved(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A newly added analyst and their enrolment link.
#[derive(Debug, Clone)]
pub struct Added {
    /// The account.
    pub analyst: Analyst,
    /// `<origin>/console/enrol#<token>`: works once, until `expires_at`.
    pub link: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// The longest name an analyst may have.
pub const MAX_NAME_CHARS: usize = 64;

fn checked_name(name: &str) -> Result<&str, AccountError> {
    let trimmed = name.trim();
    let chars = trimmed.chars().count();
    if chars == 0 || chars > MAX_NAME_CHARS || trimmed.chars().any(char::is_control) {
        return Err(AccountError::BadName(name.to_owned()));
    }
    Ok(trimmed)
}

/// Adds an analyst, and returns their one-time enrolment link, valid for
/// `valid_for`. Audited.
pub async fn add(
    store: &AnyStore,
    name: &str,
    role: Role,
    origin: &str,
    valid_for: Duration,
) -> Result<Added, AccountError> {
    let name = checked_name(name)?;
    let now = clock::now_unix();
    let row = AnalystRow {
        id: Uuid::new_v4().to_string(),
        name: name.to_owned(),
        role: role.as_str().to_owned(),
        created_hour: clock::floor_to_hour(now),
        removed_at: None,
    };
    let (token, hash) = new_token();
    let expires_at = now.saturating_add(i64::try_from(valid_for.as_secs()).unwrap_or(i64::MAX));
    let event = Event::new(CLI_ACTOR, Action::AnalystAdded)
        .about(&row.id)
        .detail(role.as_str());
    if !rows::add_analyst(store, &row, &hash, expires_at, &event.entry(now)).await? {
        return Err(AccountError::NameTaken(name.to_owned()));
    }
    Ok(Added {
        analyst: row.try_into()?,
        link: Console::enrolment_link(origin, &token),
        expires_at,
    })
}

/// A new one-time enrolment link for a present analyst (another passkey,
/// or a link that expired unused). Audited.
pub async fn new_link(
    store: &AnyStore,
    name: &str,
    origin: &str,
    valid_for: Duration,
) -> Result<Added, AccountError> {
    let analyst = present(store, name).await?;
    let (token, hash) = new_token();
    let now = clock::now_unix();
    let expires_at = now.saturating_add(i64::try_from(valid_for.as_secs()).unwrap_or(i64::MAX));
    let event = Event::new(CLI_ACTOR, Action::EnrolmentLinkMade).about(&analyst.id);
    rows::add_enrolment_token(store, &analyst.id, &hash, expires_at, &event.entry(now)).await?;
    Ok(Added {
        analyst,
        link: Console::enrolment_link(origin, &token),
        expires_at,
    })
}

async fn present(store: &AnyStore, name: &str) -> Result<Analyst, AccountError> {
    let analyst: Analyst = rows::analyst_by_name(store, name.trim())
        .await?
        .ok_or_else(|| AccountError::NoSuchAnalyst(name.to_owned()))?
        .try_into()?;
    if analyst.removed_at.is_some() {
        return Err(AccountError::AlreadyRemoved(name.to_owned()));
    }
    Ok(analyst)
}

/// Removes an analyst: from this moment their sessions, passkeys and
/// enrolment links are gone, so the next request they make is refused.
/// Their audit entries stay. Audited.
pub async fn remove(store: &AnyStore, name: &str) -> Result<Analyst, AccountError> {
    let analyst = present(store, name).await?;
    let now = clock::now_unix();
    let event = Event::new(CLI_ACTOR, Action::AnalystRemoved).about(&analyst.id);
    if !rows::remove_analyst(store, &analyst.id, now, &event.entry(now)).await? {
        return Err(AccountError::AlreadyRemoved(name.to_owned()));
    }
    Ok(Analyst {
        removed_at: Some(now),
        ..analyst
    })
}

/// Every analyst, present and removed, by name.
pub async fn list(store: &AnyStore) -> Result<Vec<Analyst>, AccountError> {
    rows::analysts(store)
        .await?
        .into_iter()
        .map(|row| Analyst::try_from(row).map_err(AccountError::from))
        .collect()
}
