//! The privacy audit (issues 5 and 8): real tips sent through a real browser,
//! with a unique marker in every free-text field, then every byte the
//! service wrote (database, WAL, journal, logs, temporary files) searched for
//! the client's IP address, its user agent, the page it came from, the
//! receipt and each marker. Any hit fails.

use std::path::{Path, PathBuf};

use lantern_e2e::driver::{Session, Viewport};
use lantern_e2e::intake::Config;
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{self, open};
use lantern_e2e::{ensure, form, run, Context, Result};
use serde_json::json;

/// Every file under `dir`, recursively.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            files_under(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Each (needle, file) where `needle` occurs in the file, as UTF-8 or UTF-16.
fn search(files: &[PathBuf], needles: &[(String, String)]) -> Result<Vec<String>> {
    let mut hits = Vec::new();
    for file in files {
        let bytes = std::fs::read(file)?;
        for (what, needle) in needles {
            let utf16: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let found = [needle.as_bytes(), utf16.as_slice()].iter().any(|pattern| {
                bytes
                    .windows(pattern.len())
                    .any(|window| window == *pattern)
            });
            if found {
                hits.push(format!("{what} ({needle:?}) in {}", file.display()));
            }
        }
    }
    Ok(hits)
}

#[test]
fn nothing_about_the_sender_is_written_anywhere() {
    run(async {
        // The service listens on 127.0.0.2; the browser connects from
        // 127.0.0.1. So "127.0.0.1" in a file can only be the client.
        let mut stage = Stage::start_with(Config {
            host: "127.0.0.2".into(),
            ..Config::default()
        })
        .await?;
        let session = Session::at(Viewport::Desktop).await?;
        let tag = format!("{:08x}", std::process::id() ^ 0x5a5a_1234);
        let marker = |field: &str| format!("zq{tag}{field}mk");
        let referrer_marker = marker("referrer");
        // The partner id is meant to stay in clear: finding it proves the
        // search reads what the service really wrote.
        let partner = format!("audit-{tag}");
        open(
            &session,
            &stage
                .intake
                .widget_url(&format!("lang=en&partner={partner}&ref={referrer_marker}")),
        )
        .await?;
        let user_agent = session
            .execute("return navigator.userAgent;", vec![])
            .await?
            .as_str()
            .unwrap_or_default()
            .to_owned();
        ensure!(
            user_agent.contains("Chrome"),
            "unexpected user agent {user_agent:?}"
        );

        let mut needles = vec![
            ("the client's IP address".to_owned(), "127.0.0.1".to_owned()),
            (
                "the client's IP address in hex".to_owned(),
                "7f000001".to_owned(),
            ),
            ("the user agent".to_owned(), user_agent.clone()),
            ("the browser's name".to_owned(), "HeadlessChrome".to_owned()),
            ("the page it came from".to_owned(), referrer_marker.clone()),
        ];
        let mut receipts = Vec::new();
        for round in 0..2 {
            let m = |field: &str| marker(&format!("{field}{round}"));
            form::open(&session).await?;
            let narrative = format!("What I saw: {} at the back door.", m("narrative"));
            form::to_review(&session, &narrative).await?;
            needles.push(("the narrative".into(), m("narrative")));
            form::open_step(&session, "what-where").await?;
            let step3 = [
                ("City or town", "city"),
                ("Name of the place or business", "place"),
                ("Street, crossroads or landmark", "details"),
            ];
            for (label, field) in step3 {
                form::type_into(&session, label, &m(field)).await?;
                needles.push((format!("the {field} field"), m(field)));
            }
            form::next(&session, "review").await?;
            form::open_step(&session, "people").await?;
            let step5 = [
                (
                    "People who may need help",
                    "Describe the people who may need help",
                    "people",
                ),
                (
                    "People who may need help",
                    "Languages you heard them speak",
                    "languages",
                ),
                (
                    "People who may be controlling them",
                    "Names or nicknames",
                    "names",
                ),
                (
                    "People who may be controlling them",
                    "Describe the people who may be in control",
                    "controllers",
                ),
                (
                    "People who may be controlling them",
                    "Cars or vans, and license plates",
                    "vehicles",
                ),
            ];
            for (group, label, field) in step5 {
                let input = widget::by_label_in(&session, Some(group), label).await?;
                input.send_keys(&m(field)).await?;
                needles.push((format!("the {field} field"), m(field)));
            }
            form::next(&session, "review").await?;
            form::open_step(&session, "online").await?;
            for (label, field) in [
                ("Websites or apps", "sites"),
                ("Usernames, profile names or ad text", "handles"),
                ("Phone numbers in ads or messages", "phones"),
            ] {
                form::type_into(&session, label, &m(field)).await?;
                needles.push((format!("the {field} field"), m(field)));
            }
            form::next(&session, "review").await?;
            form::open_step(&session, "contact").await?;
            form::choose(
                &session,
                "Can the hotline contact you?",
                "Contact me, but keep my details private",
            )
            .await?;
            let email = format!("{}@example.org", m("email"));
            form::type_into(&session, "Email address", &email).await?;
            needles.push(("the email address".into(), email));
            let phone = format!(
                "555 01{round}{}",
                &tag[..5]
                    .chars()
                    .map(|c| char::from(b'0' + (c as u8 % 10)))
                    .collect::<String>()
            );
            form::type_into(&session, "Phone number", &phone).await?;
            needles.push(("the phone number".into(), phone));
            form::type_into(&session, "When is it safe to contact you?", &m("safetimes")).await?;
            needles.push(("the safe times".into(), m("safetimes")));
            form::next(&session, "review").await?;
            widget::click_testid(&session, "form-submit").await?;
            let receipt = form::receipt(&session).await?;
            needles.push(("the receipt".into(), receipt.clone()));
            receipts.push((receipt, narrative));
            // Back to a new, empty form for the next round.
            open(
                &session,
                &stage
                    .intake
                    .widget_url(&format!("lang=en&partner={partner}&ref={referrer_marker}")),
            )
            .await?;
        }

        // The tips did arrive, whole: the audit is not passing because
        // nothing was stored.
        for (_, narrative) in &receipts {
            let tip = stage.intake.exported_tip(narrative).await?;
            ensure!(
                tip.value(lantern_tip::Field::ContactPreference) == Some(json!("confidential")),
                "the stored tip lost its contact preference: {tip:?}"
            );
        }

        // Stop the service so everything it buffered is on disk.
        stage.intake.kill().await?;
        let mut files = Vec::new();
        files_under(&stage.intake.data_dir(), &mut files)?;
        files_under(&stage.intake.log_dir(), &mut files)?;
        for entry in std::fs::read_dir(stage.intake.work_dir())? {
            let path = entry?.path();
            if path.is_file() {
                files.push(path);
            }
        }
        ensure!(
            files.iter().any(|f| f.starts_with(stage.intake.data_dir())),
            "the service wrote no database file to audit"
        );
        let control = search(&files, &[("the partner id".into(), partner.clone())])?;
        ensure!(
            !control.is_empty(),
            "the partner id {partner}, stored in clear by design, was not found: \
             the audit is not reading the service's files (searched {files:#?})"
        );
        let hits = search(&files, &needles)?;
        ensure!(
            hits.is_empty(),
            "the service wrote what it must never keep:\n{}\n(files searched: {files:#?})",
            hits.join("\n")
        );
        Ok(())
    });
}
