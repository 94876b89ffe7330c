//! Screenshots of every step of the tip form at 360 × 740 CSS px, in
//! English and Spanish, for a person to look at (issue 14 asks for them
//! before and after a change to the form). Not a test: it asserts nothing.
//!
//! ```sh
//! . scripts/env.sh
//! LANTERN_DIST=$PWD/dist LANTERN_INTAKE_BIN=$PWD/target/debug/lantern-intake \
//!   CHROMEDRIVER=/usr/bin/chromedriver \
//!   cargo run -p lantern-e2e --example form_screenshots -- /tmp/shots
//! ```
//!
//! It walks the form as it finds it: Continue until the send button shows
//! (typing a narrative where one is asked), then opens each optional step
//! the review offers (`review-*` groups) and comes back, and last sends
//! with the network cut off. It also prints the height of the review page.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lantern_e2e::driver::{Session, Viewport};
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{self, open};
use lantern_e2e::{Client, Context, Locator, Result};

const WIDTH: u32 = 360;
const HEIGHT: u32 = 740;

fn main() -> Result<()> {
    let out: PathBuf = std::env::args()
        .nth(1)
        .context("usage: form_screenshots OUT_DIR")?
        .into();
    std::fs::create_dir_all(&out)?;
    lantern_e2e::run(async move {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        size(&session, WIDTH, HEIGHT).await?;
        for lang in ["en", "es"] {
            open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
            size(&session, WIDTH, HEIGHT).await?;
            walk(&session, lang, &out).await?;
            if !session
                .find_all(Locator::Css("form[data-step=review]"))
                .await?
                .is_empty()
            {
                errors(&session, lang, &out).await?;
                offline(&session, lang, &out).await?;
            }
        }
        Ok(())
    });
    Ok(())
}

/// Sizes the viewport (not the window) to `width` × `height`.
async fn size(client: &Client, width: u32, height: u32) -> Result<()> {
    client.set_window_size(width, height).await?;
    let inner = client
        .execute("return [innerWidth, innerHeight];", vec![])
        .await?;
    let got = |i: usize, want: u32| inner[i].as_u64().unwrap_or(u64::from(want)) as i64;
    let fix = |want: u32, got: i64| (i64::from(want) * 2 - got).max(1) as u32;
    client
        .set_window_size(fix(width, got(0, width)), fix(height, got(1, height)))
        .await?;
    Ok(())
}

/// A name for the step shown: `data-step` where the form has it, else the
/// progress line's numbers.
async fn step_name(client: &Client) -> Result<String> {
    let name = client
        .execute(
            "const f = document.querySelector('form[data-step]');
             if (f) return f.getAttribute('data-step');
             const p = document.querySelector('[data-testid=form-progress]');
             return p ? p.textContent.replace(/\\D+/g, '-') : '';",
            vec![],
        )
        .await?;
    Ok(name
        .as_str()
        .unwrap_or_default()
        .trim_matches('-')
        .to_owned())
}

/// Shoots the screen as the step opens, then again with the form's
/// heading scrolled to the top (under the exit bar), and a screen further
/// down, so what is below the fold is seen too.
async fn shoot(client: &Client, dir: &Path, name: &str) -> Result<()> {
    tokio::time::sleep(Duration::from_millis(300)).await;
    let save = |png: Vec<u8>, suffix: &str| -> Result<()> {
        let path = dir.join(format!("{name}{suffix}.png"));
        std::fs::write(&path, png)?;
        println!("{}", path.display());
        Ok(())
    };
    save(client.screenshot().await?, "")?;
    let scroll = client.execute("return scrollY;", vec![]).await?;
    for (suffix, js) in [
        (
            "-b",
            "const h = document.querySelector('.lx-f h2');
             if (h) scrollTo(0, scrollY + h.getBoundingClientRect().top - 70);",
        ),
        ("-c", "scrollBy(0, innerHeight - 140);"),
    ] {
        client.execute(js, vec![]).await?;
        tokio::time::sleep(Duration::from_millis(150)).await;
        save(client.screenshot().await?, suffix)?;
    }
    client
        .execute("scrollTo(0, arguments[0]);", vec![scroll])
        .await?;
    Ok(())
}

async fn walk(client: &Client, lang: &str, out: &Path) -> Result<()> {
    widget::click_testid(client, "nav-report").await?;
    let mut n = 1;
    loop {
        let name = step_name(client).await?;
        shoot(client, out, &format!("{lang}-{n:02}-{name}")).await?;
        if !client
            .find_all(Locator::Css("[data-testid=form-submit]"))
            .await?
            .is_empty()
        {
            break;
        }
        if let Some(field) = client
            .find_all(Locator::Id("lx-f-narrative"))
            .await?
            .into_iter()
            .next()
        {
            field
                .send_keys("A man at the farm keeps the workers' passports and they never leave.")
                .await?;
        }
        widget::click_testid(client, "form-next").await?;
        widget::eventually("the next step", widget::PATIENCE, || async {
            Ok((step_name(client).await? != name).then_some(()))
        })
        .await?;
        n += 1;
    }
    let height = client
        .execute(
            "return document.querySelector('[data-testid=section-report]').getBoundingClientRect().height;",
            vec![],
        )
        .await?;
    println!("{lang}: the review section is {height} px tall");
    let groups = client
        .execute(
            "return [...document.querySelectorAll('[data-testid^=review-]')]
               .map((g) => g.getAttribute('data-testid').slice(7));",
            vec![],
        )
        .await?;
    for slug in groups.as_array().into_iter().flatten() {
        let slug = slug.as_str().unwrap_or_default();
        if matches!(slug, "safety" | "narrative") {
            continue;
        }
        n += 1;
        let button = client
            .find(Locator::Css(&format!("[data-testid=review-{slug}] button")))
            .await?;
        button.click().await?;
        widget::eventually("the optional step", widget::PATIENCE, || async {
            Ok((step_name(client).await? == slug).then_some(()))
        })
        .await?;
        shoot(client, out, &format!("{lang}-{n:02}-{slug}")).await?;
        widget::click_testid(client, "form-next").await?;
        widget::eventually("the review", widget::PATIENCE, || async {
            Ok((step_name(client).await? == "review").then_some(()))
        })
        .await?;
    }
    Ok(())
}

/// Asks to be contacted without a phone or email, and shoots the error
/// summary that gets; then goes back to "do not contact me".
async fn errors(client: &Client, lang: &str, out: &Path) -> Result<()> {
    client
        .find(Locator::Css("[data-testid=review-contact] button"))
        .await?
        .click()
        .await?;
    let radio = |i: usize| {
        format!(
            "#lx-f-contact-preference{}",
            if i == 0 {
                String::new()
            } else {
                format!("-{i}")
            }
        )
    };
    client
        .execute(
            &format!("document.querySelector('{}').click();", radio(1)),
            vec![],
        )
        .await?;
    widget::click_testid(client, "form-next").await?;
    widget::by_testid(client, "error-summary").await?;
    shoot(client, out, &format!("{lang}-98-errors")).await?;
    client
        .execute(
            &format!("document.querySelector('{}').click();", radio(0)),
            vec![],
        )
        .await?;
    widget::click_testid(client, "form-next").await?;
    widget::eventually("the review", widget::PATIENCE, || async {
        Ok((step_name(client).await? == "review").then_some(()))
    })
    .await?;
    Ok(())
}

/// Sends with the network cut off, and shoots what the review says then.
async fn offline(session: &Session, lang: &str, out: &Path) -> Result<()> {
    session.set_offline(true).await?;
    widget::click_testid(session, "form-submit").await?;
    widget::by_testid(session, "form-countdown").await?;
    shoot(session, out, &format!("{lang}-99-offline")).await?;
    session.set_offline(false).await?;
    Ok(())
}
