//! The analysts' console (issue 17), end to end in headless Chromium with a
//! WebDriver virtual authenticator: an analyst added with the CLI follows
//! the enrolment link, makes a passkey, signs in with it, opens the
//! hotline's identity from a file (a passphrase-protected one, then the
//! plain one), reads a planted tip opened in the browser, opens it, and
//! signs out. Along the way: no console API answer holds the tip in clear,
//! axe-core finds nothing, and the pages work at 1280 and 768 px.

use std::io::Write;
use std::time::Duration;

use age::secrecy::SecretString;
use fantoccini::key::Key;
use lantern_e2e::driver::{Options, Session, Viewport};
use lantern_e2e::paths;
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{self, all_by_testid, by_testid, click_testid, eventually, PATIENCE};
use lantern_e2e::{axe, bail, ensure, run, Client, Context, Result};
use serde_json::{json, Value};

const NARRATIVE: &str = "Console check: the foreman keeps the workers' passports \
                         in a locked van behind the orchard and drives them to the fields at dawn.";

/// The text of the element with `data-testid="id"`, once it is there.
async fn text_of(client: &Client, id: &str) -> Result<String> {
    Ok(by_testid(client, id).await?.text().await?)
}

/// Waits until the element `id` shows text containing `part`.
async fn wait_text(client: &Client, id: &str, part: &str) -> Result<String> {
    eventually(&format!("{id} to show {part:?}"), PATIENCE, || async {
        let found = all_by_testid(client, id).await?;
        for element in found {
            let text = element.text().await?;
            if text.contains(part) {
                return Ok(Some(text));
            }
        }
        Ok(None)
    })
    .await
}

/// `fetch(path)` from the page (its cookie rides along): status and body.
async fn fetch_in_page(client: &Client, path: &str) -> Result<(u64, String)> {
    let answer = client
        .execute_async(
            "const [path, done] = arguments;
             fetch(path).then(async (r) => done([r.status, await r.text()]),
                              (e) => done([0, String(e)]));",
            vec![json!(path)],
        )
        .await?;
    Ok((
        answer[0].as_u64().unwrap_or_default(),
        answer[1].as_str().unwrap_or_default().to_owned(),
    ))
}

/// Fails if the page is wider than its viewport (a sideways scroll).
async fn fits(client: &Client, state: &str) -> Result<()> {
    let sizes = client
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await?;
    let (scroll, inner) = (sizes[0].as_u64(), sizes[1].as_u64());
    ensure!(
        scroll <= inner,
        "{state}: the page is {scroll:?} px wide in a {inner:?} px window"
    );
    Ok(())
}

/// The identity file encrypted with `passphrase` (as `age -p` makes it), with
/// a small scrypt work factor so the test is quick.
fn passphrase_identity(plain: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
    recipient.set_work_factor(12);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))?;
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(plain)?;
    writer.finish()?;
    Ok(out)
}

#[test]
fn an_analyst_enrols_signs_in_and_reads_a_tip_opened_in_the_browser() {
    run(async {
        paths::console_dir()?;
        let stage = Stage::start().await?;
        let intake = &stage.intake;
        let receipt = intake
            .submit_tip(&json!({
                "version": 1,
                "danger_now": "yes",
                "kind": "labor",
                "location": { "country": "US", "city": "Fresno" },
                "narrative": NARRATIVE,
            }))
            .await?;

        // The page and its own policy; the widget's stays as it was.
        let (status, headers, body) = intake.get_with_headers("/console/").await?;
        ensure!(status == 200, "/console/ answered {status}: {body}");
        let header = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let csp = header("content-security-policy");
        for part in [
            "default-src 'none'",
            "script-src 'self' 'wasm-unsafe-eval';",
            "connect-src 'self'",
            "frame-ancestors 'none'",
        ] {
            ensure!(
                csp.contains(part),
                "the console's CSP lacks {part:?}: {csp}"
            );
        }
        ensure!(!csp.contains("unsafe-inline"), "{csp}");
        ensure!(
            !body.contains("<script>") && !body.contains("<style"),
            "the console page has inline script or style: {body}"
        );
        ensure!(header("set-cookie").is_empty(), "the page set a cookie");
        let (_, widget_headers, _) = intake.get_with_headers("/").await?;
        ensure!(
            widget_headers
                .iter()
                .any(|(n, v)| n == "permissions-policy"
                    && v.contains("publickey-credentials-get=()")),
            "the widget's page must still deny passkeys"
        );

        // Enrol from the link the CLI printed, with a virtual authenticator.
        let link = intake.add_analyst("ana").await?;
        let session = Session::open(Options {
            viewport: Viewport::Desktop,
            network_log: true,
            ..Options::default()
        })
        .await?;
        let authenticator = session.add_virtual_authenticator().await?;
        session.goto(&link).await?;
        by_testid(&session, "enrol-submit").await?;
        axe::check(&session, "the enrolment page, desktop").await?;
        click_testid(&session, "enrol-submit").await?;
        wait_text(&session, "notice", "passkey is ready").await?;
        let passkeys = session.virtual_credentials(&authenticator).await?;
        ensure!(passkeys.len() == 1, "one passkey made: {passkeys:?}");
        let here = session.current_url().await?;
        ensure!(
            here.fragment().is_none() && here.path() == "/console/",
            "the spent link stays in the address: {here}"
        );

        // Sign in with it.
        by_testid(&session, "signin-name")
            .await?
            .send_keys("ana")
            .await?;
        axe::check(&session, "the sign-in page, desktop").await?;
        click_testid(&session, "signin-submit").await?;
        wait_text(&session, "signed-in-name", "ana").await?;

        // The inbox before the key: clear columns only.
        let row = wait_text(&session, "tip-row", "Status").await?;
        ensure!(row.contains("New"), "the new tip's status: {row}");
        ensure!(
            !row.contains("foreman"),
            "a sealed tip showed its words: {row}"
        );
        ensure!(row.contains("Sealed"), "{row}");
        axe::check(&session, "the sealed inbox, desktop").await?;

        // A passphrase-protected identity: a wrong passphrase is refused,
        // the right one opens it.
        let plain = std::fs::read(intake.identity())?;
        let protected = intake.work_dir().join("identity-protected.age");
        std::fs::write(&protected, passphrase_identity(&plain, "orchard lamp 42")?)?;
        let file_input = by_testid(&session, "identity-file").await?;
        file_input
            .send_keys(protected.to_str().context("a UTF-8 temp path")?)
            .await?;
        by_testid(&session, "identity-passphrase")
            .await?
            .send_keys("wrong words")
            .await?;
        click_testid(&session, "identity-open").await?;
        wait_text(&session, "identity-error", "passphrase does not open").await?;
        let phrase = by_testid(&session, "identity-passphrase").await?;
        phrase.clear().await?;
        phrase.send_keys("orchard lamp 42").await?;
        click_testid(&session, "identity-open").await?;
        let excerpt = wait_text(&session, "tip-excerpt", "Console check: the foreman").await?;
        ensure!(excerpt.ends_with('…'), "a long narrative is cut: {excerpt}");
        let summary = text_of(&session, "tip-summary").await?;
        for part in ["Danger now", "Labor trafficking", "Fresno, US"] {
            ensure!(
                summary.contains(part),
                "the summary lacks {part:?}: {summary}"
            );
        }

        // Closed, the tips are sealed again; the plain file opens them too.
        click_testid(&session, "identity-close").await?;
        wait_text(&session, "tip-row", "Sealed").await?;
        ensure!(all_by_testid(&session, "tip-excerpt").await?.is_empty());
        by_testid(&session, "identity-file")
            .await?
            .send_keys(intake.identity().to_str().context("a UTF-8 temp path")?)
            .await?;
        ensure!(
            all_by_testid(&session, "identity-passphrase")
                .await?
                .is_empty(),
            "a plain identity asks for no passphrase"
        );
        click_testid(&session, "identity-open").await?;
        wait_text(&session, "tip-excerpt", "Console check: the foreman").await?;
        axe::check(&session, "the opened inbox, desktop").await?;
        fits(&session, "the opened inbox, desktop").await?;

        // Nothing the console's API sends holds the tip in clear.
        let (status, inbox) = fetch_in_page(&session, "/console/api/tips").await?;
        ensure!(status == 200, "the inbox answered {status}: {inbox}");
        let inbox: Value = serde_json::from_str(&inbox)?;
        let id = inbox["tips"][0]["id"]
            .as_str()
            .context("the inbox's tip has an id")?
            .to_owned();
        let (status, one) = fetch_in_page(&session, &format!("/console/api/tips/{id}")).await?;
        ensure!(status == 200, "the tip answered {status}: {one}");
        for (what, answer) in [("the inbox", inbox.to_string()), ("one tip", one.clone())] {
            for secret in ["foreman", "orchard", "Fresno", receipt.as_str()] {
                ensure!(
                    !answer.contains(secret),
                    "{what} from the console API holds {secret:?} in clear"
                );
            }
        }
        let (status, _) = fetch_in_page(&session, "/console/api/me").await?;
        ensure!(status == 200, "signed in, me answers {status}");

        // Keyboard: j to the tip, Enter opens it.
        session
            .execute(
                "document.activeElement && document.activeElement.blur();",
                vec![],
            )
            .await?;
        widget::press(&session, 'j').await?;
        let focused = widget::focused(&session).await?;
        ensure!(focused == "tip-link", "j moved focus to {focused:?}");
        widget::press(&session, Key::Enter.into()).await?;
        by_testid(&session, "tip-view").await?;
        let first = wait_text(&session, "tip-section", "Danger and minors").await?;
        ensure!(first.contains("Yes"), "danger now is yes: {first}");
        let sections = all_by_testid(&session, "tip-section").await?;
        let mut titles = Vec::new();
        for section in &sections {
            titles.push(section.text().await?);
        }
        ensure!(
            titles
                .first()
                .is_some_and(|t| t.starts_with("Danger and minors")),
            "danger comes first: {titles:?}"
        );
        ensure!(
            titles.iter().any(|t| t.contains(NARRATIVE)),
            "the whole narrative is shown: {titles:?}"
        );
        ensure!(
            titles.iter().any(|t| t.contains(&receipt)),
            "the receipt is shown: {titles:?}"
        );
        by_testid(&session, "tip-history").await?;
        axe::check(&session, "one tip, desktop").await?;

        // 768 px: the tip and the inbox still fit and pass.
        session.resize(Viewport::Tablet).await?;
        fits(&session, "one tip, 768 px").await?;
        axe::check(&session, "one tip, 768 px").await?;
        widget::press(&session, Key::Escape.into()).await?;
        eventually("Esc to close the tip", PATIENCE, || async {
            Ok(all_by_testid(&session, "tip-view")
                .await?
                .is_empty()
                .then_some(()))
        })
        .await?;
        wait_text(&session, "tip-excerpt", "Console check").await?;
        fits(&session, "the inbox, 768 px").await?;
        axe::check(&session, "the opened inbox, 768 px").await?;

        // Sign out: the session ends and the key is gone with the page.
        click_testid(&session, "sign-out").await?;
        by_testid(&session, "signin-name").await?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        ensure!(
            all_by_testid(&session, "tip-excerpt").await?.is_empty(),
            "a tip is still shown after sign-out"
        );
        let (status, _) = fetch_in_page(&session, "/console/api/me").await?;
        if status != 401 {
            bail!("after sign-out, me answered {status}");
        }
        axe::check(&session, "the sign-in page, 768 px").await?;

        // Every request the page made went to its own origin, and the
        // browser reported no policy violation or error.
        let origin = intake.console_origin();
        let requests = session.network_requests().await?;
        ensure!(
            requests.iter().any(|r| r.url.contains("/console/api/tips")),
            "the network log saw the inbox's request: {requests:?}"
        );
        let elsewhere: Vec<_> = requests
            .iter()
            // The browser's own pages (chrome://, data:) are not the page's.
            .filter(|r| r.url.starts_with("http") && !r.url.starts_with(&origin))
            .collect();
        ensure!(
            elsewhere.is_empty(),
            "requests to another origin: {elsewhere:?}"
        );
        let messages = session.console_messages().await?;
        let bad: Vec<_> = messages
            .iter()
            .filter(|m| m.contains("Content Security Policy") || m.contains("SEVERE"))
            // The two 401s the test asks for itself (me before sign-in is
            // not asked; after sign-out it is, on purpose).
            .filter(|m| !m.contains("/console/api/me") && !m.contains("401"))
            .collect();
        ensure!(bad.is_empty(), "the browser reported: {bad:#?}");
        Ok(())
    });
}
