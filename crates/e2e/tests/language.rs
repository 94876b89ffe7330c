//! English and Spanish, switchable without a reload (issue 3): switching
//! changes every string a person sees or hears, in every section.

use std::collections::BTreeSet;

use lantern_e2e::driver::{Session, Viewport};
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{self, by_testid, eventually, open, visible_strings, PATIENCE};
use lantern_e2e::{ensure, run, Client, Result};

/// Words that are the same in English and Spanish, or are names and
/// keywords that do not translate ("No", "TTY", the HELP text keyword).
/// A string made only of these (and digits or punctuation) may stay.
const SAME_IN_BOTH: &[&str] = &[
    "no",
    "tty",
    "help",
    "cybertipline",
    "cybertipline.org",
    "ncmec",
    "online",
];

fn may_stay(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '.')
        .map(|word| word.trim_matches('.').to_lowercase())
        .filter(|word| word.chars().any(char::is_alphabetic))
        .all(|word| SAME_IN_BOTH.contains(&word.as_str()))
}

/// The strings of the page in the widget's language: strings inside an
/// element that declares another language (the "Español" button) are not
/// the widget's words and are left out.
async fn strings(client: &Client, lang: &str) -> Result<BTreeSet<String>> {
    Ok(visible_strings(client)
        .await?
        .into_iter()
        .filter(|(_, in_lang)| in_lang.is_empty() || in_lang == lang)
        .map(|(text, _)| text)
        .collect())
}

async fn switch(client: &Client, lang: &str) -> Result<()> {
    widget::click_testid(client, &format!("lang-{lang}")).await?;
    eventually(
        &format!("the page language to be {lang}"),
        PATIENCE,
        || async {
            let now = client
                .execute("return document.documentElement.lang;", vec![])
                .await?;
            Ok((now.as_str() == Some(lang)).then_some(()))
        },
    )
    .await
}

#[test]
fn switching_language_changes_every_visible_string() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Desktop).await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        let url = session.current_url().await?;
        for section in ["help", "signs", "me", "report"] {
            switch(&session, "en").await?;
            widget::click_testid(&session, &format!("nav-{section}")).await?;
            by_testid(&session, &format!("section-{section}")).await?;
            let english = strings(&session, "en").await?;
            ensure!(
                english.len() >= 5,
                "the {section} section shows only {} strings: {english:?}",
                english.len()
            );
            switch(&session, "es").await?;
            by_testid(&session, &format!("section-{section}")).await?;
            let spanish = strings(&session, "es").await?;
            let unchanged: Vec<&String> = english
                .intersection(&spanish)
                .filter(|text| !may_stay(text))
                .collect();
            ensure!(
                unchanged.is_empty(),
                "in the {section} section these strings did not change from English to Spanish: {unchanged:#?}"
            );
            ensure!(
                spanish.len() * 2 >= english.len(),
                "the {section} section shows far fewer strings in Spanish ({}) than in English ({})",
                spanish.len(),
                english.len()
            );
            // Switching back restores exactly what was there.
            switch(&session, "en").await?;
            let again = strings(&session, "en").await?;
            ensure!(
                again == english,
                "switching back to English in the {section} section did not restore the page: \
                 missing {:?}, new {:?}",
                english.difference(&again).collect::<Vec<_>>(),
                again.difference(&english).collect::<Vec<_>>()
            );
        }
        // No reload, no history entry: the URL never changed.
        ensure!(
            session.current_url().await? == url,
            "the URL changed while switching"
        );
        let title = session.title().await?;
        ensure!(!title.is_empty(), "the page must have a title");
        Ok(())
    });
}

#[test]
fn the_language_comes_from_the_configuration() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        open(&session, &stage.intake.widget_url("lang=es")).await?;
        let lang = session
            .execute("return document.documentElement.lang;", vec![])
            .await?;
        ensure!(
            lang.as_str() == Some("es"),
            "?lang=es must start in Spanish, the page says {lang}"
        );
        let spanish = strings(&session, "es").await?;
        ensure!(
            spanish.len() >= 5,
            "only {} strings on the page: {spanish:?}",
            spanish.len()
        );
        switch(&session, "en").await?;
        let english = strings(&session, "en").await?;
        let unchanged: Vec<&String> = spanish
            .intersection(&english)
            .filter(|text| !may_stay(text))
            .collect();
        ensure!(
            unchanged.is_empty(),
            "strings that stayed the same: {unchanged:#?}"
        );
        Ok(())
    });
}
