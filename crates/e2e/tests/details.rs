//! The small things issue 14 found, in a real browser, in English and
//! Spanish: warning signs in words that fit anyone, the hotline number
//! never split across lines, a character limit said only near it, review
//! dates written as the language writes them, error-summary bullets by the
//! first line of their link, and an exit button without empty room.

use lantern_e2e::driver::{Options, Session, Viewport};
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{self, by_testid, open};
use lantern_e2e::{ensure, form, run, Client, Result};
use serde_json::json;

/// Words, as whole words in lower case, that would give the person a sign
/// describes a gender: what issue 14 found in Spanish ("aislada",
/// "agotada", "por ella", ...) and their masculine twins; in English, the
/// gendered pronouns (the signs say "they").
fn gendered(lang: &str, text: &str) -> Vec<String> {
    let words: &[&str] = match lang {
        "es" => &[
            "aislada",
            "aislado",
            "agotada",
            "agotado",
            "nerviosa",
            "nervioso",
            "alimentada",
            "alimentado",
            "atada",
            "atado",
            "sujetada",
            "sujetado",
            "amontonada",
            "amontonado",
            "denunciarla",
            "denunciarlo",
            "ella",
            "él",
            "retenida",
            "retenido",
            "sordo",
            "sorda",
        ],
        _ => &["she", "her", "hers", "he", "his", "him"],
    };
    let lower = text.to_lowercase();
    let mut found: Vec<String> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| words.contains(w))
        .map(str::to_owned)
        .collect();
    if lang == "es" {
        for phrase in ["la vigila", "la vean", "la usan", "la presion", "la llevan"] {
            if lower.contains(phrase) {
                found.push(phrase.to_owned());
            }
        }
    }
    found
}

#[test]
fn the_warning_signs_fit_anyone() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        for lang in ["en", "es"] {
            open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
            widget::click_testid(&session, "nav-signs").await?;
            let page = by_testid(&session, "section-signs").await?.text().await?;
            let found = gendered(lang, &page);
            ensure!(
                found.is_empty(),
                "{lang}: the signs page gives the person a gender: {found:?}"
            );
            // The form's checklist and choices use the same words.
            widget::click_testid(&session, "nav-report").await?;
            form::wait_step(&session, "safety").await?;
            form::to_review(&session, "Checking the words of the checklist.").await?;
            for step in ["signs", "what-where", "who"] {
                form::open_step(&session, step).await?;
                let shown = by_testid(&session, "section-report").await?.text().await?;
                let found = gendered(lang, &shown);
                ensure!(
                    found.is_empty(),
                    "{lang}: the form's {step} step gives someone a gender: {found:?}"
                );
                form::next(&session, "review").await?;
            }
        }
        Ok(())
    });
}

/// Every hyphenated phone number shown (`1-888-373-7888`, `1-800-843-5678`)
/// that sits on more than one line, as "where: number" strings; fails if
/// there is none to look at.
async fn split_numbers(client: &Client, place: &str) -> Result<Vec<String>> {
    let found = client
        .execute(
            "const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
             const number = /\\d-\\d{3}-\\d{3}-\\d{4}/g;
             let seen = 0;
             const split = [];
             for (let t = walker.nextNode(); t; t = walker.nextNode()) {
               for (const m of t.textContent.matchAll(number)) {
                 const r = document.createRange();
                 r.setStart(t, m.index);
                 r.setEnd(t, m.index + m[0].length);
                 const rects = [...r.getClientRects()].filter((q) => q.width > 0);
                 if (rects.length === 0) continue;
                 seen += 1;
                 const tops = new Set(rects.map((q) => Math.round(q.top)));
                 if (tops.size > 1) split.push(t.parentElement.closest('p, a, li').textContent);
               }
             }
             return [seen, split];",
            vec![],
        )
        .await?;
    let seen = found[0].as_u64().unwrap_or(0);
    ensure!(seen > 0, "{place}: no phone number on screen to check");
    // Kept whole, the number must not be torn from the words before it
    // either: a link reads as it is written, on one line.
    let torn = client
        .execute(
            "return [...document.querySelectorAll('a[href^=\"tel:\"]')]
               .filter((a) => a.offsetParent !== null && /\\d-\\d/.test(a.textContent)
                 && (a.innerText.includes('\\n')
                   || a.innerText.trim() !== a.textContent.replace(/\\s+/g, ' ').trim()))
               .map((a) => JSON.stringify(a.innerText));",
            vec![],
        )
        .await?;
    let torn: Vec<String> = torn
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| format!("{place}: link reads {}", t.as_str().unwrap_or_default()))
        .collect();
    ensure!(torn.is_empty(), "{}", torn.join("\n"));
    Ok(found[1]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| format!("{place}: {}", t.as_str().unwrap_or_default()))
        .collect())
}

/// The hotline number is never split across lines ("1-888-373-" /
/// "7888"), at 320 and 360 CSS px, in both languages: in the hotline block
/// (the app's and the static copy shown without JavaScript), on the help
/// page (with the CyberTipline's number too) and in the form's danger box.
#[test]
fn phone_numbers_stay_on_one_line() {
    run(async {
        let stage = Stage::start().await?;
        let mut split = Vec::new();
        for viewport in [Viewport::Reflow, Viewport::Phone] {
            let width = viewport.size().0;
            let session = Session::at(viewport).await?;
            for lang in ["en", "es"] {
                open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
                let at = |what: &str| format!("{lang}, {width} px, {what}");
                split.extend(split_numbers(&session, &at("hotline")).await?);
                widget::click_testid(&session, "nav-help").await?;
                by_testid(&session, "section-help").await?;
                split.extend(split_numbers(&session, &at("help")).await?);
                widget::click_testid(&session, "nav-report").await?;
                form::wait_step(&session, "safety").await?;
                let yes = session
                    .find(lantern_e2e::Locator::Id("lx-f-danger-now"))
                    .await?;
                session
                    .execute("arguments[0].click();", vec![widget::js_arg(&yes)?])
                    .await?;
                by_testid(&session, "section-report").await?;
                widget::eventually("the danger box", widget::PATIENCE, || async {
                    let found = session
                        .find_all(lantern_e2e::Locator::Css(".lx-f-danger"))
                        .await?;
                    Ok(found.into_iter().next())
                })
                .await?;
                split.extend(split_numbers(&session, &at("danger box")).await?);
            }
            // The static copy, before (or without) the Wasm.
            let plain = Session::open(Options {
                viewport,
                javascript: false,
                ..Options::default()
            })
            .await?;
            for lang in ["en", "es"] {
                plain
                    .goto(&stage.intake.widget_url(&format!("lang={lang}")))
                    .await?;
                let mounted = plain
                    .execute(
                        "return !!document.querySelector('#lantern[data-ready=true]');",
                        vec![],
                    )
                    .await?;
                ensure!(
                    mounted == json!(false),
                    "scripts ran in the no-JavaScript session"
                );
                split.extend(
                    split_numbers(&plain, &format!("{lang}, {width} px, static copy")).await?,
                );
            }
        }
        ensure!(
            split.is_empty(),
            "phone numbers split across lines:\n{}",
            split.join("\n")
        );
        Ok(())
    });
}

/// What the field's character count shows (empty while hidden), and what
/// its polite live region says.
async fn count_of(client: &Client, field_id: &str) -> Result<(String, String, String)> {
    let found = client
        .execute(
            "const group = document.getElementById(arguments[0]).closest('.lx-f-group');
             const shown = group.querySelector('[data-testid=chars-left]');
             const said = group.querySelector('[data-testid=chars-left-said]');
             return [shown.offsetParent === null ? '' : shown.textContent.trim(),
                     said.textContent.trim(), said.getAttribute('aria-live') || ''];",
            vec![json!(field_id)],
        )
        .await?;
    let at = |i: usize| found[i].as_str().unwrap_or_default().to_owned();
    Ok((at(0), at(1), at(2)))
}

/// No "Up to 254 characters." under every field: the count appears from
/// 80% of the cap, as characters left, and is said politely once typing
/// pauses; in both languages, on the narrative (5,000) and a short field.
#[test]
fn the_characters_left_show_only_near_the_cap() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        for (lang, city, at_4000, at_4001, at_80) in [
            (
                "en",
                "City or town",
                "1,000 characters left",
                "999 characters left",
                "20 characters left",
            ),
            (
                "es",
                "Ciudad o pueblo",
                "Quedan 1000 caracteres",
                "Quedan 999 caracteres",
                "Quedan 20 caracteres",
            ),
        ] {
            open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
            form::open(&session).await?;
            form::next(&session, "narrative").await?;
            let step = by_testid(&session, "section-report").await?.text().await?;
            ensure!(
                !step.contains("Up to") && !step.contains("Hasta 5"),
                "{lang}: a limit is said before anything is typed: {step:?}"
            );
            let narrative = "a".repeat(3_999);
            let label = if lang == "es" {
                "¿Qué pasó?"
            } else {
                "What happened?"
            };
            form::paste_into(&session, label, &narrative).await?;
            let (shown, _, live) = count_of(&session, "lx-f-narrative").await?;
            ensure!(
                shown.is_empty(),
                "{lang}: a count shows at 3,999 of 5,000: {shown:?}"
            );
            ensure!(
                live == "polite",
                "{lang}: the count is not a polite live region: {live:?}"
            );
            form::paste_into(&session, label, &format!("{narrative}a")).await?;
            let (shown, _, _) = count_of(&session, "lx-f-narrative").await?;
            ensure!(
                shown == at_4000,
                "{lang}: at 4,000 of 5,000 it shows {shown:?}"
            );
            widget::eventually("the count to be said", widget::PATIENCE, || async {
                let (_, said, _) = count_of(&session, "lx-f-narrative").await?;
                Ok((said == at_4000).then_some(()))
            })
            .await?;
            let field = session
                .find(lantern_e2e::Locator::Id("lx-f-narrative"))
                .await?;
            field.send_keys("b").await?;
            let (shown, _, _) = count_of(&session, "lx-f-narrative").await?;
            ensure!(
                shown == at_4001,
                "{lang}: after one more it shows {shown:?}"
            );

            form::next(&session, "review").await?;
            form::open_step(&session, "what-where").await?;
            form::paste_into(&session, city, &"c".repeat(79)).await?;
            let (shown, _, _) = count_of(&session, "lx-f-location-city").await?;
            ensure!(
                shown.is_empty(),
                "{lang}: a count shows at 79 of 100: {shown:?}"
            );
            form::paste_into(&session, city, &"c".repeat(80)).await?;
            let (shown, _, _) = count_of(&session, "lx-f-location-city").await?;
            ensure!(shown == at_80, "{lang}: at 80 of 100 it shows {shown:?}");
        }
        Ok(())
    });
}

/// The review writes a date as the person's language does, not as the
/// date input's "2026-11-28"; and the tip still stores the date itself.
#[test]
fn the_review_writes_dates_in_words() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        for (lang, date_label, written, narrative) in [
            (
                "en",
                "Date",
                "28 November 2026",
                "Seen at the depot on the 28th, two men locked in the van.",
            ),
            (
                "es",
                "Fecha",
                "28 de noviembre de 2026",
                "Lo vi en el almacén el día 28, dos hombres encerrados en la camioneta.",
            ),
        ] {
            open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
            form::open(&session).await?;
            form::to_review(&session, narrative).await?;
            form::open_step(&session, "when").await?;
            form::set_value(&session, date_label, "2026-11-28").await?;
            form::next(&session, "review").await?;
            let when = by_testid(&session, "review-when").await?.text().await?;
            ensure!(
                when.contains(written) && !when.contains("2026-11-28"),
                "{lang}: the review shows the date as {when:?}, expected {written:?}"
            );
            widget::click_testid(&session, "form-submit").await?;
            form::receipt(&session).await?;
            let tip = stage.intake.exported_tip(narrative).await?;
            ensure!(
                tip.value(lantern_tip::Field::WhenDate) == Some(json!("2026-11-28")),
                "{lang}: the stored date changed: {tip:?}"
            );
        }
        Ok(())
    });
}

/// Each error-summary bullet sits by the first line of its link, however
/// many lines the link takes (a list marker beside an inline-block link sat
/// on its last line): at 320 px, where the message wraps, in both
/// languages.
#[test]
fn error_summary_bullets_sit_by_the_first_line() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Reflow).await?;
        for (lang, contact, keep_private) in [
            (
                "en",
                "Can the hotline contact you?",
                "Contact me, but keep my details private",
            ),
            (
                "es",
                "¿Puede contactarte la línea de ayuda?",
                "Contáctenme, pero mantengan mis datos en privado",
            ),
        ] {
            open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
            form::open(&session).await?;
            form::to_review(&session, "Checking where the error bullets sit.").await?;
            form::open_step(&session, "contact").await?;
            form::choose(&session, contact, keep_private).await?;
            // Contact chosen with no phone or email: a long message.
            widget::click_testid(&session, "form-next").await?;
            by_testid(&session, "error-summary").await?;
            let items = session
                .execute(
                    "return [...document.querySelectorAll('[data-testid=error-summary] li')].map((li) => {
                       const link = li.querySelector('a');
                       const range = document.createRange();
                       range.selectNodeContents(link);
                       const lines = [...range.getClientRects()];
                       const tops = new Set(lines.map((r) => Math.round(r.top)));
                       const dot = getComputedStyle(li, '::before');
                       const box = li.getBoundingClientRect();
                       const top = parseFloat(dot.top);
                       const height = parseFloat(dot.height) || (parseFloat(dot.borderTopWidth) * 2);
                       return {
                         lines: tops.size,
                         drawn: dot.content !== 'none' && dot.content !== 'normal' && !isNaN(top),
                         centre: box.top + top + height / 2,
                         first: [lines[0].top, lines[0].bottom],
                       };
                     });",
                    vec![],
                )
                .await?;
            let items = items.as_array().cloned().unwrap_or_default();
            ensure!(!items.is_empty(), "{lang}: no error in the summary");
            ensure!(
                items.iter().any(|i| i["lines"].as_u64() > Some(1)),
                "{lang}: no message wraps at 320 px, so nothing is tested: {items:?}"
            );
            for item in &items {
                let centre = item["centre"].as_f64().unwrap_or(f64::NAN);
                let (top, bottom) = (
                    item["first"][0].as_f64().unwrap_or(0.0),
                    item["first"][1].as_f64().unwrap_or(0.0),
                );
                ensure!(
                    item["drawn"] == json!(true) && centre > top && centre < bottom,
                    "{lang}: a bullet is not by the first line of its link: {item}"
                );
            }
        }
        Ok(())
    });
}

/// The exit button keeps no empty room for the Shift dots: on a phone, which
/// has no Shift key, it is as wide as its words; the dots take room only
/// once Shift is being counted.
#[test]
fn the_exit_button_has_room_for_the_dots_only_when_they_show() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        let measure = "const link = document.querySelector('[data-testid=exit-link]');
                       const words = link.querySelector('.lx-exit-text').getBoundingClientRect().width;
                       const s = getComputedStyle(link);
                       const padding = parseFloat(s.paddingLeft) + parseFloat(s.paddingRight)
                         + parseFloat(s.borderLeftWidth) + parseFloat(s.borderRightWidth);
                       return link.getBoundingClientRect().width - words - padding;";
        for lang in ["en", "es"] {
            open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
            let spare = session.execute(measure, vec![]).await?;
            let spare = spare.as_f64().unwrap_or(f64::NAN);
            ensure!(
                spare.abs() < 1.0,
                "{lang}: the exit button has {spare:.1} px of empty room beside its words"
            );
            widget::press_shift(&session).await?;
            widget::eventually("the Shift dots", widget::PATIENCE, || async {
                let spare = session.execute(measure, vec![]).await?;
                Ok((spare.as_f64().unwrap_or(0.0) > 20.0).then_some(()))
            })
            .await?;
        }
        Ok(())
    });
}
