//! Exports (issue 17's "Out"): `POST /console/api/exports` with the tips
//! an analyst selected and a format. Every export is audited first, an
//! entry per tip (`tip_exported`, detail the format), all in one
//! transaction; only once they are written is anything handed over, so a
//! failed entry means no export.
//!
//! - CSV and JSON Lines (`csv`, `jsonl`) are made in the analyst's browser:
//!   the answer holds each tip's sealed bytes and its sealed follow-up
//!   messages, and the console opens them with the identity it holds and
//!   writes the file with the shared rules (`lantern_tip::export`), the
//!   same as the `export` command's. The server never sees the plaintext.
//! - Sealed files (`age`) are the stored `.age` files, unchanged, in one tar
//!   archive built here from the bytes the server already holds: nothing is
//!   opened on the way, the browser only saves the answer, and the stock
//!   `age` tool opens every file later. Built here rather than in the
//!   browser so the archive is exactly the stored bytes, whatever the page
//!   does, and the console carries no tar code.

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use lantern_tip::export::Format;
use serde::{Deserialize, Serialize};

use super::audit::{Action, Event};
use super::sessions::SignedIn;
use super::talk::{sealed_messages, SealedMessage};
use super::tips::tip_id;
use super::{ConsoleError, ConsoleJson};
use crate::store::console::{self as rows, ConsoleTipRow};
use crate::store::followup as followup_rows;
use crate::{clock, AppState};

/// The most tips one export takes: the inbox's size in the benchmarks
/// (docs/benchmarks.md), and a bound on the one transaction its entries
/// are written in.
pub const MAX_TIPS: usize = 10_000;

/// `POST /console/api/exports`' body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportRequest {
    /// `csv`, `jsonl` or `age` ([`Format::id`]).
    pub format: String,
    /// The selected tips' ids, as the inbox gives them.
    pub tips: Vec<String>,
}

/// One tip of a CSV or JSON Lines export, sealed, for the browser to open.
#[derive(Debug, Serialize)]
pub struct ExportedTip {
    /// Its id.
    pub id: String,
    /// The age file, base64.
    pub sealed: String,
    /// Its follow-up messages, sealed, by hour.
    pub messages: Vec<SealedMessage>,
}

/// The answer to a CSV or JSON Lines export.
#[derive(Debug, Serialize)]
pub struct Export {
    /// The format asked for.
    pub format: &'static str,
    /// The tips, in the order asked.
    pub tips: Vec<ExportedTip>,
}

/// The format and the distinct tip ids of `request`, in the order given,
/// or why not.
fn checked(request: &ExportRequest) -> Result<(Format, Vec<i64>), ConsoleError> {
    let format = Format::parse(&request.format).ok_or(ConsoleError::UnknownFormat)?;
    if request.tips.is_empty() {
        return Err(ConsoleError::NothingSelected);
    }
    if request.tips.len() > MAX_TIPS {
        return Err(ConsoleError::TooManyTips);
    }
    let mut ids = Vec::with_capacity(request.tips.len());
    for text in &request.tips {
        let id = tip_id(text)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok((format, ids))
}

/// `POST /console/api/exports`: audits the export of the selected tips,
/// then answers what makes the file: for `csv` and `jsonl` the tips and
/// their messages, sealed ([`Export`]); for `age` the tar archive itself.
/// `404 no_such_tip` if any id is unknown (nothing is audited then).
pub async fn export(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ConsoleJson(request): ConsoleJson<ExportRequest>,
) -> Result<Response, ConsoleError> {
    let (format, ids) = checked(&request)?;
    let mut tips = Vec::with_capacity(ids.len());
    for id in &ids {
        tips.push(
            rows::console_tip_by_id(&state.store, *id)
                .await?
                .ok_or(ConsoleError::NoSuchTip)?,
        );
    }
    let now = clock::now_unix();
    let entries: Vec<_> = ids
        .iter()
        .map(|id| {
            Event::new(&signed_in.analyst.id, Action::TipExported)
                .tip(*id)
                .detail(format.id())
                .entry(now)
        })
        .collect();
    rows::audit_append_all(&state.store, &entries).await?;
    if !format.is_opened() {
        return archive(&tips);
    }
    let mut exported = Vec::with_capacity(tips.len());
    for tip in &tips {
        let messages = followup_rows::messages(&state.store, tip.id, None).await?;
        exported.push(ExportedTip {
            id: tip.id.to_string(),
            sealed: base64::engine::general_purpose::STANDARD.encode(&tip.sealed),
            messages: sealed_messages(&messages),
        });
    }
    Ok(Json(Export {
        format: format.id(),
        tips: exported,
    })
    .into_response())
}

/// The tar archive of `tips`' sealed files, each named as `sealed` names
/// it ([`crate::seal::file_name`]), readable by its owner only, dated the
/// hour it was received.
fn archive(tips: &[ConsoleTipRow]) -> Result<Response, ConsoleError> {
    let internal = |e: std::io::Error| ConsoleError::Internal(format!("tar: {e}"));
    let mut builder = tar::Builder::new(Vec::new());
    for tip in tips {
        let mut header = tar::Header::new_ustar();
        header.set_size(tip.sealed.len() as u64);
        header.set_mode(0o600);
        header.set_mtime(u64::try_from(tip.received_hour).unwrap_or(0));
        header.set_entry_type(tar::EntryType::Regular);
        builder
            .append_data(
                &mut header,
                crate::seal::file_name(tip.received_hour, &tip.sealed),
                &tip.sealed[..],
            )
            .map_err(internal)?;
    }
    let bytes = builder.into_inner().map_err(internal)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(Format::Sealed.media_type()),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"lantern-sealed-tips.tar\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(format: &str, tips: &[&str]) -> ExportRequest {
        ExportRequest {
            format: format.into(),
            tips: tips.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    #[test]
    fn a_request_is_checked_before_anything_is_read() {
        let (format, ids) = checked(&request("csv", &["7", "9", "7"])).unwrap();
        assert_eq!((format, ids), (Format::Csv, vec![7, 9]));
        assert_eq!(checked(&request("age", &["1"])).unwrap().0, Format::Sealed);
        assert!(matches!(
            checked(&request("xlsx", &["1"])),
            Err(ConsoleError::UnknownFormat)
        ));
        assert!(matches!(
            checked(&request("jsonl", &[])),
            Err(ConsoleError::NothingSelected)
        ));
        assert!(matches!(
            checked(&request("jsonl", &["1", "x"])),
            Err(ConsoleError::NoSuchTip)
        ));
        let many: Vec<String> = (1..=MAX_TIPS + 1).map(|i| i.to_string()).collect();
        let many = ExportRequest {
            format: "csv".into(),
            tips: many,
        };
        assert!(matches!(checked(&many), Err(ConsoleError::TooManyTips)));
    }
}
