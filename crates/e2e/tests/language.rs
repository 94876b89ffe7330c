//! English and Spanish, switchable without a reload (issue 3): switching
//! changes every string a person sees or hears, in every section.

use std::collections::BTreeSet;

use lantern_e2e::driver::{Options, Session, Viewport};
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
/// The visible strings once they have settled: a section's words can
/// arrive after the section itself (each language's tables load on
/// demand), so it reads until two reads 200 ms apart agree. Under load a
/// single read once caught the report section before its form.
async fn strings(client: &Client, lang: &str) -> Result<BTreeSet<String>> {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    let mut last = strings_now(client, lang).await?;
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let now = strings_now(client, lang).await?;
        if now == last || tokio::time::Instant::now() >= deadline {
            return Ok(now);
        }
        last = now;
    }
}

async fn strings_now(client: &Client, lang: &str) -> Result<BTreeSet<String>> {
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

/// Issue 18: a browser set to Vietnamese gets Vietnamese with nothing in
/// the URL, both in the static copy the intake serves (what shows before
/// the Wasm, and all there is with JavaScript off) and in the app.
#[test]
fn accept_language_vi_gets_vietnamese_in_the_static_copy_and_the_app() {
    run(async {
        let stage = Stage::start().await?;
        let url = stage.intake.widget_url("");
        // Words of the Vietnamese hotline block (src/locales/vi/site.rs).
        const TITLE_VI: &str = "Giúp đỡ miễn phí, kín đáo, cả ngày lẫn đêm";
        const CALL_VI: &str = "Gọi 1-888-373-7888";

        let page = Session::open(Options {
            javascript: false,
            ..Options::default()
        })
        .await?;
        page.set_accept_language("vi-VN,vi;q=0.9,en-US;q=0.5")
            .await?;
        page.goto(&url).await?;
        // WebDriver's scripts run with the page's JavaScript off.
        let found = page
            .execute(
                "const s = document.querySelector('.lx-static');
                 return [document.documentElement.lang,
                         s.querySelector('#lx-hotline-title').textContent,
                         s.querySelector('[data-testid=hotline-call]').textContent];",
                vec![],
            )
            .await?;
        let text = |i: usize| found[i].as_str().unwrap_or_default().trim().to_owned();
        let (lang, title, call) = (text(0), text(1), text(2));
        ensure!(lang == "vi", "the static page says lang={lang:?}, not vi");
        ensure!(title == TITLE_VI, "static hotline title: {title:?}");
        ensure!(call == CALL_VI, "static call button: {call:?}");
        drop(page);

        let app = Session::at(Viewport::Phone).await?;
        app.set_accept_language("vi-VN,vi;q=0.9,en-US;q=0.5")
            .await?;
        open(&app, &url).await?;
        let lang = app
            .execute("return document.documentElement.lang;", vec![])
            .await?;
        ensure!(
            lang.as_str() == Some("vi"),
            "the app started in {lang}, not vi"
        );
        let pressed = by_testid(&app, "lang-vi")
            .await?
            .attr("aria-pressed")
            .await?;
        ensure!(
            pressed.as_deref() == Some("true"),
            "the switcher does not show Vietnamese chosen: {pressed:?}"
        );
        let vietnamese = strings(&app, "vi").await?;
        ensure!(
            vietnamese.contains(TITLE_VI),
            "the app's hotline block is not in Vietnamese: {vietnamese:?}"
        );
        Ok(())
    });
}

/// The switcher names each language in that language, marked with its
/// `lang` so a screen reader says it right, and each switches the whole
/// page: its `lang` and `dir`, and the widget root's.
#[test]
fn the_switcher_names_each_language_in_itself() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Desktop).await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        let names = [
            ("en", "English", "ltr"),
            ("es", "Español", "ltr"),
            ("zh-Hans", "简体中文", "ltr"),
            ("vi", "Tiếng Việt", "ltr"),
            ("ko", "한국어", "ltr"),
            ("tl", "Tagalog", "ltr"),
            ("ar", "العربية", "rtl"),
        ];
        for (code, name, dir) in names {
            let button = by_testid(&session, &format!("lang-{code}")).await?;
            let text = button.text().await?;
            ensure!(
                text.trim() == name,
                "lang-{code} says {text:?}, not {name:?}"
            );
            let lang = button.attr("lang").await?;
            ensure!(
                lang.as_deref() == Some(code),
                "lang-{code} has lang={lang:?}"
            );
            switch(&session, code).await?;
            let found = session
                .execute(
                    "const root = document.querySelector('.lx-app');
                     return [document.documentElement.dir, root.lang, root.dir];",
                    vec![],
                )
                .await?;
            ensure!(
                found == serde_json::json!([dir, code, dir]),
                "after switching to {code}: [html dir, root lang, root dir] = {found}"
            );
        }
        Ok(())
    });
}

/// The words files (`words/<tag>.txt`) among `requests`, by tag.
fn words_fetched(requests: &[lantern_e2e::driver::Request]) -> Vec<String> {
    requests
        .iter()
        .filter_map(|r| {
            let path = r.url.split(['?', '#']).next().unwrap_or_default();
            let name = path.rsplit_once("/words/")?.1;
            Some(name.strip_suffix(".txt").unwrap_or(name).to_owned())
        })
        .collect()
}

/// Issue 18: a visit downloads its own language's words only. An English
/// first visit gets its words inside the page and fetches no words file,
/// English or other.
#[test]
fn an_english_first_visit_fetches_no_language_s_words() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::open(Options {
            network_log: true,
            ..Options::default()
        })
        .await?;
        session.set_accept_language("en-US,en;q=0.9").await?;
        session.network_requests().await?;
        open(&session, &stage.intake.widget_url("")).await?;
        let lang = session
            .execute("return document.documentElement.lang;", vec![])
            .await?;
        ensure!(
            lang.as_str() == Some("en"),
            "the visit is in {lang}, not en"
        );
        let english = strings(&session, "en").await?;
        ensure!(
            english.contains("Leave this site"),
            "the app is not in English: {english:?}"
        );
        let requests = session.network_requests().await?;
        let words = words_fetched(&requests);
        ensure!(
            words.is_empty(),
            "an English first visit fetched words files {words:?} (all requests: {requests:#?})"
        );
        // Its words came in the page: one block, English's, no other's; and
        // a Vietnamese visit's page carries Vietnamese's instead.
        const BLOCK: &str = "<script type=\"text/plain\" id=\"lantern-words\">";
        for (query, tag, not) in [
            ("", "en", "Giúp đỡ miễn phí"),
            ("?lang=vi", "vi", "Leave this site"),
        ] {
            let (status, page) = stage.intake.get(&format!("/{query}")).await?;
            ensure!(status == 200, "GET /{query}: {status}");
            ensure!(
                page.matches(BLOCK).count() == 1,
                "the page for /{query} carries {} words blocks, not one",
                page.matches(BLOCK).count()
            );
            let block = &page[page.find(BLOCK).unwrap_or(0) + BLOCK.len()..];
            let block = &block[..block.find("</script>").unwrap_or(block.len())];
            ensure!(
                block.starts_with(&format!("{tag}\n")) && !block.contains(not),
                "the page for /{query} carries words not (only) in {tag}: {:?}",
                &block[..block.len().min(80)]
            );
        }
        Ok(())
    });
}

/// Issue 18: switching to a language fetches that language's words and no
/// other's, from the page's own origin, without a reload; what the person
/// had typed in the form is still there, and switching back (to the words
/// the page came with) fetches nothing.
#[test]
fn a_switch_fetches_only_the_chosen_language_and_keeps_the_draft() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::open(Options {
            network_log: true,
            viewport: Viewport::Desktop,
            ..Options::default()
        })
        .await?;
        let widget_url = stage.intake.widget_url("lang=en");
        open(&session, &widget_url).await?;
        let url = session.current_url().await?;
        lantern_e2e::form::open(&session).await?;
        lantern_e2e::form::next(&session, "narrative").await?;
        const DRAFT: &str = "A van picks the workers up at 5 every morning.";
        lantern_e2e::form::type_narrative(&session, DRAFT).await?;
        session.network_requests().await?;

        switch(&session, "ko").await?;
        let requests = session.network_requests().await?;
        let words = words_fetched(&requests);
        ensure!(
            words == ["ko"],
            "switching to Korean fetched the words files {words:?}, not just ko"
        );
        let origin = lantern_e2e::privacy::origin_of(&widget_url);
        for request in requests.iter().filter(|r| r.url.contains("/words/")) {
            ensure!(
                lantern_e2e::privacy::origin_of(&request.url) == origin,
                "the words came from another origin: {}",
                request.url
            );
        }
        let field = session
            .find(fantoccini::Locator::Id("lx-f-narrative"))
            .await?;
        let kept = lantern_e2e::form::value_of(&field).await?;
        ensure!(kept == DRAFT, "after the switch the draft reads {kept:?}");
        let korean = strings(&session, "ko").await?;
        // The hotline block's title, from src/locales/ko/site.rs.
        ensure!(
            korean.contains("무료로, 비밀을 지키며, 밤낮없이 도와드려요"),
            "the page is not in Korean after the switch: {korean:?}"
        );

        switch(&session, "en").await?;
        let words = words_fetched(&session.network_requests().await?);
        ensure!(
            words.is_empty(),
            "switching back to English fetched {words:?}"
        );
        let kept = lantern_e2e::form::value_of(&field).await?;
        ensure!(
            kept == DRAFT,
            "after switching back the draft reads {kept:?}"
        );
        ensure!(
            session.current_url().await? == url,
            "the URL changed while switching"
        );
        Ok(())
    });
}

/// Issue 18: when a language's words cannot be fetched (the phone lost its
/// signal), the page stays in the language it was in, says so in that
/// language, and keeps the draft; once back online the same button works.
#[test]
fn a_language_that_cannot_be_fetched_is_explained_and_nothing_is_lost() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Desktop).await?;
        open(&session, &stage.intake.widget_url("lang=es")).await?;
        lantern_e2e::form::open(&session).await?;
        lantern_e2e::form::next(&session, "narrative").await?;
        const DRAFT: &str = "Trabajan de noche en la cocina.";
        let field = lantern_e2e::form::type_narrative(&session, DRAFT).await?;

        session.set_offline(true).await?;
        widget::click_testid(&session, "lang-vi").await?;
        // Words of src/locales/es/site.rs (`lang_failed`).
        const FAILED_ES: &str =
            "No pudimos cargar ese idioma. Puede que no tengas internet. Inténtalo de nuevo.";
        let message = eventually("the switcher's message", PATIENCE, || async {
            let text = by_testid(&session, "lang-failed").await?.text().await?;
            Ok((!text.trim().is_empty()).then_some(text))
        })
        .await?;
        ensure!(
            message.trim() == FAILED_ES,
            "the message is {message:?}, not Spanish's {FAILED_ES:?}"
        );
        let lang = session
            .execute("return document.documentElement.lang;", vec![])
            .await?;
        ensure!(lang.as_str() == Some("es"), "the page changed to {lang}");
        ensure!(lantern_e2e::form::value_of(&field).await? == DRAFT);

        session.set_offline(false).await?;
        switch(&session, "vi").await?;
        let message = by_testid(&session, "lang-failed").await?.text().await?;
        ensure!(message.trim().is_empty(), "the message stays: {message:?}");
        ensure!(
            lantern_e2e::form::value_of(&field).await? == DRAFT,
            "the draft was lost"
        );
        Ok(())
    });
}
