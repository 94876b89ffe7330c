//! Host tests that hold every language to what issue 18 asks of it, beyond
//! what the tables' types already force (every string present): templates
//! keep their placeholders, numbers and codes stay digits, each language
//! other than English and Spanish says how to reach an interpreter and that
//! text, chat and online follow-up are English and Spanish only, and the
//! words do not assume anyone's gender.

use crate::i18n::{strings, FollowupStrings, FormStrings, Lang, SiteStrings, Strings};

/// What a language other than English and Spanish must say, in its own
/// words: the English name to say on the phone for an interpreter, and its
/// words for "English and Spanish only".
struct Interpreter {
    /// The word to say in English ("Vietnamese"), quoted in the text.
    say: &'static [&'static str],
    /// "English and Spanish only", as the buttons say it.
    english_spanish_only: &'static str,
    /// The language's names for English and for Spanish.
    english_spanish: [&'static str; 2],
}

fn interpreter(lang: Lang) -> Option<Interpreter> {
    let (say, english_spanish_only, english_spanish): (&'static [&'static str], _, _) =
        match lang.as_str() {
            "en" | "es" => return None,
            "zh-Hans" => (
                &["Mandarin", "Cantonese"],
                "只有英语和西班牙语",
                ["英语", "西班牙语"],
            ),
            "vi" => (
                &["Vietnamese"],
                "chỉ tiếng Anh và tiếng Tây Ban Nha",
                ["tiếng Anh", "Tây Ban Nha"],
            ),
            "ko" => (&["Korean"], "영어와 스페인어만", ["영어", "스페인어"]),
            "tl" => (
                &["Tagalog"],
                "Ingles at Espanyol lang",
                ["Ingles", "Espanyol"],
            ),
            "ar" => (
                &["Arabic"],
                "بالإنجليزية والإسبانية فقط",
                ["الإنجليزية", "الإسبانية"],
            ),
            other => panic!("{other}: say here what its interpreter line is"),
        };
    Some(Interpreter {
        say,
        english_spanish_only,
        english_spanish,
    })
}

/// How many times each placeholder occurs in `text`.
fn placeholders(text: &str) -> Vec<(&'static str, usize)> {
    ["{}", "{shown}", "{total}", "{d}", "{m}", "{y}", "{n}"]
        .into_iter()
        .map(|p| (p, text.matches(p).count()))
        .collect()
}

/// Every template, by name.
fn templates(s: &Strings) -> Vec<(&'static str, &'static str)> {
    let (w, f): (&SiteStrings, &FormStrings) = (s.site, s.form);
    vec![
        ("signs_showing", w.signs_showing),
        ("progress", f.progress),
        ("chars_left", f.chars_left),
        ("date_format", f.date_format),
        ("send_next_in", f.send_next_in),
        ("send_next_minutes", f.send_next_minutes),
        ("send_busy_minutes", f.send_busy_minutes),
        ("err_narrative_short", f.err_narrative_short),
        ("err_too_long", f.err_too_long),
        ("err_invalid_character", f.err_invalid_character),
        ("err_other", f.err_other),
    ]
}

/// Every string of the follow-up, by name (issue 16): the widget's few
/// ([`FollowupStrings`]) and its screens' (`crates/followup-place`, a module
/// of its own that holds every language's, so it is checked from here).
fn followup(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let f: &FollowupStrings = strings(lang).followup;
    let mut all = vec![
        ("offer", f.offer),
        ("offer_button", f.offer_button),
        ("check", f.check),
        ("loading", f.loading),
        ("load_failed", f.load_failed),
    ];
    all.extend(lantern_followup_place::i18n::all(
        lantern_followup_place::i18n::strings(lang),
    ));
    all
}

/// Every language has the follow-up in its own words: none is blank, and
/// none is left in English (a language without its own words would show
/// English to someone who chose another language).
#[test]
fn every_language_has_its_own_followup_words() {
    let english = followup(Lang::En);
    for lang in Lang::ALL {
        for ((name, words), (_, en)) in followup(lang).into_iter().zip(&english) {
            assert!(
                !words.trim().is_empty(),
                "{lang:?} followup.{name} is blank"
            );
            if lang != Lang::En {
                assert_ne!(words, *en, "{lang:?} followup.{name} is still English");
            }
        }
    }
}

/// What issue 16 asks the follow-up's words to say, in every language: the
/// code's 20 digits and its 90 days, in digits; that the hotline writes in
/// English or Spanish only (in English and Spanish: that it writes in those).
#[test]
fn the_followup_words_keep_their_numbers_and_say_which_languages_reply() {
    for lang in Lang::ALL {
        let f = lantern_followup_place::i18n::strings(lang);
        let err_long = f.err_long;
        assert!(
            err_long.matches("{n}").count() == 1,
            "{lang:?} followup.err_long lacks its one {{n}}: {err_long}"
        );
        for (name, words, needs) in [
            ("code_hint", f.code_hint, "20"),
            ("too_short", f.too_short, "20"),
            ("too_long", f.too_long, "20"),
            ("opened_nothing", f.opened_nothing, "90"),
        ] {
            assert!(
                words.contains(needs),
                "{lang:?} followup.{name} lacks {needs}: {words}"
            );
        }
        let staff = f.staff_languages;
        match interpreter(lang) {
            Some(i) => assert!(
                staff.contains(i.english_spanish_only),
                "{lang:?} followup.staff_languages does not say English and Spanish only: {staff}"
            ),
            None => {
                let both = if lang.as_str() == "es" {
                    ["inglés", "español"]
                } else {
                    ["English", "Spanish"]
                };
                assert!(both.iter().all(|n| staff.contains(n)), "{lang:?}: {staff}");
            }
        }
    }
}

#[test]
fn every_template_keeps_the_english_placeholders() {
    let english = templates(strings(Lang::En));
    for lang in Lang::ALL {
        for ((name, words), (_, en)) in templates(strings(lang)).into_iter().zip(&english) {
            assert_eq!(
                placeholders(words),
                placeholders(en),
                "{lang:?} {name}: {words}"
            );
        }
    }
}

#[test]
fn numbers_and_codes_stay_digits_in_every_language() {
    for lang in Lang::ALL {
        let w = strings(lang).site;
        for (name, words, needs) in [
            ("call_911", w.call_911, "911"),
            ("hotline_call", w.hotline_call, "1-888-373-7888"),
            ("hotline_text", w.hotline_text, "233733"),
            ("hotline_text", w.hotline_text, "HELP"),
            ("hotline_tty", w.hotline_tty, "711"),
            ("hotline_note", w.hotline_note, "1-888-373-7888"),
            ("ncmec_call", w.ncmec_call, "1-800-843-5678"),
            ("ncmec_link", w.ncmec_link, "CyberTipline.org"),
        ] {
            assert!(
                words.contains(needs),
                "{lang:?} {name} lacks {needs}: {words}"
            );
        }
        // The minimum in the hint is the one the rule counts.
        assert!(
            strings(lang)
                .form
                .narrative_hint
                .contains(&lantern_tip::limits::NARRATIVE_MIN.to_string()),
            "{lang:?} narrative_hint"
        );
    }
}

/// The line that matters most: call, say your language in English, and an
/// interpreter joins. In the hotline block (which the static copy shows
/// before the Wasm), in the help list and beside the contact fields; and
/// wherever a channel is English and Spanish only, it says so.
#[test]
fn each_new_language_says_how_to_get_an_interpreter_and_where_it_cannot() {
    let mut checked = 0;
    for lang in Lang::ALL {
        let Some(i) = interpreter(lang) else { continue };
        checked += 1;
        let (w, f) = (strings(lang).site, strings(lang).form);
        let says = |words: &str| i.say.iter().all(|say| words.contains(say));
        for (name, words) in [
            ("hotline_note", w.hotline_note),
            ("contact_safe_hint", f.contact_safe_hint),
            ("next_contact", f.next_contact),
        ] {
            assert!(
                says(words) && words.contains("1-888-373-7888"),
                "{lang:?} {name}: {words}"
            );
        }
        assert!(w.help_what.iter().any(|p| says(p)), "{lang:?} help_what");
        assert!(w.me_rights.iter().any(|p| says(p)), "{lang:?} me_rights");
        for (name, words) in [
            ("hotline_text", w.hotline_text),
            ("hotline_chat", w.hotline_chat),
        ] {
            assert!(
                words.contains(i.english_spanish_only),
                "{lang:?} {name} does not say it is English and Spanish only: {words}"
            );
        }
        // And in the tips before texting, the help list, and beside the
        // contact fields (online follow-up).
        let names_both = |words: &str| i.english_spanish.iter().all(|n| words.contains(n));
        assert!(
            w.text_tips.iter().any(|p| names_both(p)),
            "{lang:?} text_tips"
        );
        assert!(
            w.help_what.iter().any(|p| names_both(p)),
            "{lang:?} help_what"
        );
        assert!(
            names_both(f.contact_safe_hint),
            "{lang:?} contact_safe_hint"
        );
        assert!(names_both(f.next_contact), "{lang:?} next_contact");
    }
    assert!(
        checked >= 5,
        "only {checked} languages have an interpreter line"
    );
}

/// Words that would give a gender to the person the signs describe, or (in
/// Arabic) to the reader: a pronoun, a kinship term used as a pronoun, or a
/// masculine or feminine imperative or adjective. Whole words.
fn gendered(lang: Lang) -> &'static [&'static str] {
    match lang.as_str() {
        // 他 (he) and 她 (she); the drafts drop the subject instead.
        "zh-Hans" => &["他", "她"],
        // Pronouns that carry a gender and an age.
        "vi" => &["anh", "chị", "cô", "ông", "bà", "chú"],
        // 그녀 (she), 그 남자 / 그 여자 (that man / woman).
        "ko" => &["그녀", "그녀는", "그녀의", "그는", "그의", "남자", "여자"],
        // Imperatives and adjectives that mark the reader's gender.
        "ar" => &[
            "اتصل",
            "اتصلي",
            "أرسل",
            "أرسلي",
            "اختر",
            "اختاري",
            "اكتب",
            "اكتبي",
            "اضغط",
            "اضغطي",
            "أدخل",
            "أدخلي",
            "متأكد",
            "متأكدة",
            "قلق",
            "قلقة",
            "مستعد",
            "مستعدة",
            "تريدين",
            "تستطيعين",
            "أنتِ",
            "أنتَ",
        ],
        _ => &[],
    }
}

fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[test]
fn the_new_languages_fit_anyone() {
    for lang in Lang::ALL {
        let forbidden = gendered(lang);
        if forbidden.is_empty() {
            continue;
        }
        let s = strings(lang);
        let mut texts: Vec<&str> = s.site.signs.iter().map(|(_, w)| *w).collect();
        texts.extend(s.site.self_checks.iter().map(|(_, w)| *w));
        texts.extend(s.form.reporters);
        texts.extend(s.form.kinds);
        if lang.as_str() == "ar" {
            // Arabic marks the reader's gender anywhere, not only in the signs.
            let w = s.site;
            texts.extend([
                w.call_911,
                w.hotline_call,
                w.hotline_text,
                w.hotline_chat,
                w.hotline_tty,
                w.hotline_note,
                w.exit_link,
                w.exit_skip,
                w.exit_hint,
                w.signs_next,
                w.me_intro,
                w.help_mandated,
                w.help_urgent,
            ]);
            texts.extend(w.help_what);
            texts.extend(w.me_rights);
            texts.extend(w.safe_points);
            let f = s.form;
            texts.extend([
                f.intro,
                f.kept_note,
                f.danger_keep_going,
                f.signs_hint,
                f.narrative_hint,
                f.notice_body,
                f.contact_safe_hint,
                f.more_intro,
                f.next_anonymous,
                f.next_contact,
                f.not_sure,
                f.err_email,
                f.err_phone,
                f.err_contact_missing,
            ]);
            texts.extend(followup(lang).into_iter().map(|(_, w)| w));
        }
        for text in texts {
            // Chinese has no spaces between words: look for the characters.
            let found: Vec<&str> = if lang.as_str() == "zh-Hans" {
                // 其他 ("other") holds 他 but says nothing of anyone.
                let text = text.replace("其他", "");
                forbidden
                    .iter()
                    .copied()
                    .filter(|f| text.contains(f))
                    .collect()
            } else {
                words_of(text)
                    .filter(|w| forbidden.contains(&w.to_lowercase().as_str()))
                    .collect()
            };
            assert!(found.is_empty(), "{lang:?}: {found:?} in {text}");
        }
    }
}

#[test]
fn the_gender_check_finds_what_it_looks_for() {
    let zh = gendered(Lang::from_tag("zh-Hans").expect("Chinese is on the list"));
    assert!(zh.iter().any(|f| "她不能自由地进出。".contains(f)));
    assert!(zh
        .iter()
        .any(|f| "他有其他的东西。".replace("其他", "").contains(f)));
    let vi = gendered(Lang::from_tag("vi").expect("Vietnamese is on the list"));
    assert!(
        words_of("Chị ấy không được trả lương.").any(|w| vi.contains(&w.to_lowercase().as_str()))
    );
    let ar = gendered(Lang::from_tag("ar").expect("Arabic is on the list"));
    assert!(words_of("اتصل بالرقم 911").any(|w| ar.contains(&w)));
    assert!(!words_of("الاتصال بالرقم 911").any(|w| ar.contains(&w)));
}
