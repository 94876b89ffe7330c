//! How the widget is laid out at a phone's width, a desktop's and WCAG's
//! reflow width, in both languages: what the style sheet promises and no
//! other test sees.

use lantern_e2e::driver::{Session, Viewport};
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{self, by_testid, open};
use lantern_e2e::{ensure, form, run, Client, Result};

/// The four section tabs sit in rows of equal length (two of two, or one of
/// four), never three and one, which leaves a tab alone on a row and reads
/// as something apart from the others. At the desktop width the language
/// switch once shared the tabs' row and pushed "Report a tip" onto a row of
/// its own.
#[test]
fn the_tabs_sit_in_rows_of_equal_length() {
    run(async {
        let stage = Stage::start().await?;
        let mut wrong = Vec::new();
        for viewport in [Viewport::Phone, Viewport::Desktop] {
            let session = Session::at(viewport).await?;
            for lang in lantern_e2e::languages() {
                open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
                // The number of tabs in each row, top to bottom.
                let rows = session
                    .execute(
                        "const rows = new Map();
                         for (const tab of document.querySelectorAll('[data-testid^=nav-]')) {
                           const top = Math.round(tab.getBoundingClientRect().top);
                           rows.set(top, (rows.get(top) || 0) + 1);
                         }
                         return [...rows.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);",
                        vec![],
                    )
                    .await?;
                let counts: Vec<u64> = rows
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(serde_json::Value::as_u64)
                    .collect();
                let total: u64 = counts.iter().sum();
                let even = counts.windows(2).all(|pair| pair[0] == pair[1]);
                if total != 4 || !even {
                    wrong.push(format!("{viewport:?}, {lang}: tabs per row {counts:?}"));
                }
            }
        }
        ensure!(
            wrong.is_empty(),
            "the four tabs should sit in rows of equal length:\n{}",
            wrong.join("\n")
        );
        Ok(())
    });
}

/// A narrative with a word wider than 320 px that has nowhere to break:
/// a payment address, as tips about online adverts often carry.
const LONG_WORD: &str = "They asked to be paid to bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlhqq.";

/// WCAG 2.2's reflow (1.4.10, AA): at 320 CSS px wide nothing needs
/// scrolling sideways, in any section or step of the form, in either
/// language.
#[test]
fn nothing_scrolls_sideways_at_320_px() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Reflow).await?;
        let mut wrong = Vec::new();
        for lang in lantern_e2e::languages() {
            open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
            for section in ["help", "signs", "me", "report"] {
                widget::click_testid(&session, &format!("nav-{section}")).await?;
                by_testid(&session, &format!("section-{section}")).await?;
                wrong.extend(too_wide(&session, &format!("{lang}, {section}")).await?);
            }
            form::open(&session).await?;
            wrong.extend(too_wide(&session, &format!("{lang}, form step safety")).await?);
            form::next(&session, "narrative").await?;
            wrong.extend(too_wide(&session, &format!("{lang}, form step narrative")).await?);
            // The one answer the form needs, with a long unbroken word in
            // it, which the review step shows.
            form::type_narrative(&session, LONG_WORD).await?;
            form::next(&session, "review").await?;
            wrong.extend(too_wide(&session, &format!("{lang}, form step review")).await?);
            for step in form::optional_steps() {
                form::open_step(&session, step).await?;
                wrong.extend(too_wide(&session, &format!("{lang}, form step {step}")).await?);
                form::next(&session, "review").await?;
            }
        }
        ensure!(
            wrong.is_empty(),
            "parts of the page are wider than 320 px:\n{}",
            wrong.join("\n")
        );
        Ok(())
    });
}

/// What sticks out past the viewport's right edge, if the page scrolls
/// sideways at all.
async fn too_wide(client: &Client, state: &str) -> Result<Option<String>> {
    let found = client
        .execute(
            "const width = document.documentElement.scrollWidth;
             if (width <= innerWidth) return null;
             // The innermost boxes wider than the screen, or with content
             // wider than themselves (the screen-reader-only text aside).
             const over = (e) => !e.classList.contains('lx-sr')
               && (e.getBoundingClientRect().right > innerWidth + 0.5 || e.scrollWidth > e.clientWidth + 1);
             const culprits = [...document.querySelectorAll('body *')]
               .filter((e) => over(e) && ![...e.children].some(over))
               .slice(0, 5)
               .map((e) => e.tagName.toLowerCase() + '.' + e.className);
             return `${width} px wide (${culprits.join(', ')})`;",
            vec![],
        )
        .await?;
    Ok(found.as_str().map(|what| format!("{state}: {what}")))
}

/// Where each part sits in `lang`: the exit link's distance from the
/// screen's left and right edges, a short line's from its paragraph's, and
/// for every phone number on screen whether its first digit is drawn left
/// of its last (a number read left to right) and its direction.
async fn sides(client: &Client) -> Result<serde_json::Value> {
    Ok(client
        .execute(
            "const exit = document.querySelector('[data-testid=exit-link]').getBoundingClientRect();
             // A short line of text (\"In danger right now?\") in its paragraph.
             const lead = document.querySelector('.lx-danger-lead').getBoundingClientRect();
             const box = document.querySelector('.lx-danger').getBoundingClientRect();
             const range = document.createRange();
             const nums = [...document.querySelectorAll('.lx-num')]
               .filter((n) => n.checkVisibility())
               .map((n) => {
                 const text = n.firstChild;
                 range.setStart(text, 0); range.setEnd(text, 1);
                 const first = range.getBoundingClientRect().left;
                 range.setStart(text, text.length - 1); range.setEnd(text, text.length);
                 const last = range.getBoundingClientRect().left;
                 return { text: n.textContent, ltr: first < last, dir: getComputedStyle(n).direction };
               });
             return {
               exitLeft: exit.left, exitRight: innerWidth - exit.right,
               leadLeft: lead.left - box.left, leadRight: box.right - lead.right,
               nums,
             };",
            vec![],
        )
        .await?)
}

/// Issue 18: in Arabic the layout mirrors. The exit sits at the inline end
/// (the left, in right-to-left text; the right in English), text starts at
/// the right, and phone numbers still read left to right. With
/// `LANTERN_SCREENSHOTS=dir` it also saves each section at 320 px, in
/// Arabic and in Chinese, for a person to look at.
#[test]
fn arabic_mirrors_the_layout_and_keeps_numbers_left_to_right() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        let en = sides(&session).await?;
        open(&session, &stage.intake.widget_url("lang=ar")).await?;
        let dir = session
            .execute(
                "return [document.documentElement.dir, document.querySelector('.lx-app').dir];",
                vec![],
            )
            .await?;
        ensure!(
            dir == serde_json::json!(["rtl", "rtl"]),
            "Arabic page and root dir: {dir}"
        );
        let ar = sides(&session).await?;
        let num = |v: &serde_json::Value, k: &str| v[k].as_f64().unwrap_or(f64::NAN);
        ensure!(
            num(&en, "exitRight") < num(&en, "exitLeft"),
            "in English the exit should be on the right: {en}"
        );
        ensure!(
            num(&ar, "exitLeft") < num(&ar, "exitRight") && num(&ar, "exitLeft") <= 24.0,
            "in Arabic the exit should be at the inline end, on the left: {ar}"
        );
        ensure!(
            num(&en, "leadLeft") <= 1.0 && num(&en, "leadRight") > 1.0,
            "in English a line should start at the left: {en}"
        );
        ensure!(
            num(&ar, "leadRight") <= 1.0 && num(&ar, "leadLeft") > 1.0,
            "in Arabic a line should start at the right: {ar}"
        );
        let numbers = ar["nums"].as_array().cloned().unwrap_or_default();
        ensure!(numbers.len() >= 2, "no phone numbers found in Arabic: {ar}");
        for n in &numbers {
            ensure!(
                n["ltr"] == true && n["dir"] == "ltr",
                "a phone number does not read left to right in Arabic: {n}"
            );
        }
        if let Some(dir) = std::env::var_os("LANTERN_SCREENSHOTS") {
            screenshots(&session, &stage, std::path::Path::new(&dir)).await?;
        }
        Ok(())
    });
}

/// Each section at 320 px wide, in Arabic and in Chinese, as PNG files in
/// `dir` (the window made tall, so a picture holds most of a section).
async fn screenshots(session: &Session, stage: &Stage, dir: &std::path::Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    session.set_window_size(320, 2400).await?;
    for lang in ["ar", "zh-Hans"] {
        open(session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
        for section in ["help", "signs", "me", "report"] {
            widget::click_testid(session, &format!("nav-{section}")).await?;
            by_testid(session, &format!("section-{section}")).await?;
            session.execute("window.scrollTo(0, 0);", vec![]).await?;
            let png = session.screenshot().await?;
            std::fs::write(dir.join(format!("{lang}-{section}-320.png")), png)?;
        }
        form::open(session).await?;
        form::next(session, "narrative").await?;
        session.execute("window.scrollTo(0, 0);", vec![]).await?;
        std::fs::write(
            dir.join(format!("{lang}-form-320.png")),
            session.screenshot().await?,
        )?;
    }
    session.resize(Viewport::Phone).await?;
    Ok(())
}

/// The font Chromium must reach for each language's own script, from the
/// style sheet's system stacks (`--lx-font`) and Debian's Noto fonts
/// (`scripts/toolchain.sh` installs them): Chinese in the Simplified face,
/// not the Japanese one Han unification would allow; Korean in the Korean
/// face; Arabic in an Arabic one. `None`: Latin script, any system face.
fn script_face(lang: &str) -> Option<&'static [&'static str]> {
    match lang {
        "zh-Hans" => Some(&["Noto Sans CJK SC"]),
        "ko" => Some(&["Noto Sans CJK KR"]),
        "ar" => Some(&["Noto Sans Arabic", "Noto Naskh Arabic"]),
        _ => None,
    }
}

/// Issue 18: no web fonts from anywhere, and every language is drawn in a
/// system font that has its script. For the headings and paragraphs of
/// every section in every language, Chromium's own record of the fonts it
/// drew their glyphs with (DevTools' `CSS.getPlatformFontsForNode`) holds
/// no downloaded font, and for Chinese, Korean and Arabic it is mostly
/// that script's own face: a glyph drawn as an empty box would need a face
/// that lacks it, and the wrong one shows here.
#[test]
fn every_language_is_drawn_in_a_system_font_that_has_its_script() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        let mut wrong = Vec::new();
        for lang in lantern_e2e::languages() {
            open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
            let declared = session
                .execute("return document.fonts.size;", vec![])
                .await?;
            if declared != serde_json::json!(0) {
                wrong.push(format!("{lang}: the page declares {declared} web fonts"));
            }
            let mut glyphs: std::collections::BTreeMap<String, u64> = Default::default();
            for section in ["help", "signs", "me", "report"] {
                widget::click_testid(&session, &format!("nav-{section}")).await?;
                by_testid(&session, &format!("section-{section}")).await?;
                session.cdp("DOM.enable", serde_json::json!({})).await?;
                session.cdp("CSS.enable", serde_json::json!({})).await?;
                let root = session
                    .cdp("DOM.getDocument", serde_json::json!({ "depth": 0 }))
                    .await?;
                let nodes = session
                    .cdp(
                        "DOM.querySelectorAll",
                        serde_json::json!({
                            "nodeId": root["root"]["nodeId"],
                            "selector": format!(
                                "[data-testid=section-{section}] :is(h2, h3, p, li, label, button)"
                            ),
                        }),
                    )
                    .await?;
                let ids = nodes["nodeIds"].as_array().cloned().unwrap_or_default();
                if ids.is_empty() {
                    wrong.push(format!("{lang}, {section}: no text found to check"));
                }
                for id in ids {
                    let fonts = session
                        .cdp(
                            "CSS.getPlatformFontsForNode",
                            serde_json::json!({ "nodeId": id }),
                        )
                        .await?;
                    for font in fonts["fonts"].as_array().into_iter().flatten() {
                        let family = font["familyName"].as_str().unwrap_or_default();
                        if font["isCustomFont"] == true {
                            wrong.push(format!("{lang}, {section}: a web font drew text: {font}"));
                        }
                        *glyphs.entry(family.to_owned()).or_default() +=
                            font["glyphCount"].as_u64().unwrap_or(0);
                    }
                }
            }
            let total: u64 = glyphs.values().sum();
            println!("{lang}: {total} glyphs, {glyphs:?}");
            if total == 0 {
                wrong.push(format!("{lang}: no glyphs drawn"));
            }
            if let Some(faces) = script_face(lang) {
                let own: u64 = faces.iter().filter_map(|f| glyphs.get(*f)).sum();
                // Latin words (the hotline's number, "English") are drawn
                // in another face; the language's own words are most.
                if own * 2 < total {
                    wrong.push(format!(
                        "{lang}: only {own} of {total} glyphs in {faces:?}: {glyphs:?}"
                    ));
                }
            }
        }
        ensure!(
            wrong.is_empty(),
            "fonts that do not fit:\n{}",
            wrong.join("\n")
        );
        Ok(())
    });
}
