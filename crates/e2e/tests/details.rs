//! The small things issue 14 found, in a real browser, in English and
//! Spanish: warning signs in words that fit anyone, the hotline number
//! never split across lines, a character limit said only near it, review
//! dates written as the language writes them, error-summary bullets by the
//! first line of their link, and an exit button without empty room.

use lantern_e2e::driver::{Session, Viewport};
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{self, by_testid, open};
use lantern_e2e::{ensure, form, run, Result};

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
