//! Every validation rule of the tip, at its boundaries. The widget and the
//! intake service both run these rules, so these tests prove both sides.

mod common;

use common::{errors_of, full, minimal, pairs, today};
use lantern_tip::catalog::{SIGNS, VENUES};
use lantern_tip::model::*;
use lantern_tip::validate::{field_rank, is_email, is_phone, FIELD_ORDER};
use lantern_tip::{limits, Date, ErrorCode, Tip};

use ErrorCode::*;

fn with_narrative(text: &str) -> Tip {
    Tip {
        narrative: text.into(),
        ..minimal()
    }
}

#[test]
fn minimal_and_full_tips_are_valid() {
    assert_eq!(errors_of(&minimal()), vec![]);
    assert_eq!(errors_of(&full()), vec![]);
    assert_eq!(
        errors_of(&Tip::default()),
        pairs(&[("narrative", Required)])
    );
}

#[test]
fn narrative_length_boundaries() {
    let cases: &[(String, Option<ErrorCode>)] = &[
        (String::new(), Some(Required)),
        ("   \n\t  ".into(), Some(Required)),
        ("\u{3000}\u{a0}".into(), Some(Required)), // Unicode spaces trim too.
        ("a".repeat(9), Some(TooShort)),
        ("a".repeat(10), None),
        (format!("   {}   ", "a".repeat(9)), Some(TooShort)),
        (format!("\n  {}  \n", "a".repeat(10)), None),
        ("a".repeat(5000), None),
        ("a".repeat(5001), Some(TooLong)),
        // The cap counts every character sent, spaces included: it is what is stored.
        (format!("  {}  ", "a".repeat(4996)), None),
        (format!("  {}  ", "a".repeat(4997)), Some(TooLong)),
        // Counted in characters, not bytes.
        ("ñ".repeat(10), None),
        ("🙂".repeat(9), Some(TooShort)),
        ("🙂".repeat(10), None),
        ("🙂".repeat(5000), None),
        ("🙂".repeat(5001), Some(TooLong)),
        ("漢".repeat(5001), Some(TooLong)),
        // Hostile but storable text is text: markup, bidi overrides, zero-width characters.
        ("<script>alert(1)</script>".into(), None),
        ("\u{202e}\u{200b}abcdefghij".into(), None),
    ];
    for (text, code) in cases {
        let expected = code.map(|c| pairs(&[("narrative", c)])).unwrap_or_default();
        assert_eq!(
            errors_of(&with_narrative(text)),
            expected,
            "{} chars",
            text.chars().count()
        );
    }
}

#[test]
fn only_visible_characters_count_toward_the_narrative_minimum() {
    let cases: &[(String, Option<ErrorCode>)] = &[
        // Nothing visible at all: as good as empty.
        ("\u{200b}".repeat(10), Some(Required)),
        ("\u{202e}".repeat(10), Some(Required)),
        ("\u{2066}\u{2069}".repeat(5), Some(Required)),
        (
            "\u{feff}\u{00ad}\u{2060}\u{180e}\u{3164}\u{2800}\u{fe0f}\u{061c}\u{200d}\u{2064}"
                .into(),
            Some(Required),
        ),
        ("\u{e0041}\u{e0042}".repeat(5), Some(Required)), // tag characters
        ("\u{200b} \u{3000}\n\t\u{202f}".repeat(4), Some(Required)),
        // Too few visible characters, padded out with invisible ones.
        ("a\u{200b}".repeat(9), Some(TooShort)),
        (
            format!("{}{}", "\u{202e}".repeat(50), "a".repeat(9)),
            Some(TooShort),
        ),
        ("a b c d e f g h i".into(), Some(TooShort)),
        (
            "ab\u{200b}cd\u{200c}ef\u{200d}gh\u{feff}i".into(),
            Some(TooShort),
        ),
        // Ten visible characters, however they are spread out.
        ("a b c d e f g h i j".into(), None),
        ("\u{202e}abc\u{200b}defg\u{2066}hij\u{2069}".into(), None),
        (
            "\u{5d0}\u{5d1}\u{5d2}\u{5d3}\u{5d4}\u{5d5}\u{5d6}\u{5d7}\u{5d8}\u{5d9}".into(),
            None,
        ),
        ("🙂".repeat(10), None),
        ("👩\u{200d}👩\u{200d}👧".repeat(4), None), // joined emoji: the people show
        ("\t\n\r".repeat(3) + &"a".repeat(10), None),
    ];
    for (text, code) in cases {
        let expected = code.map(|c| pairs(&[("narrative", c)])).unwrap_or_default();
        assert_eq!(
            errors_of(&with_narrative(text)),
            expected,
            "{:?}",
            text.escape_unicode().to_string()
        );
    }
}

#[test]
fn control_characters_are_refused_in_every_text_field() {
    let refused = [
        '\0', '\u{1}', '\u{7}', '\u{8}', '\u{b}', '\u{c}', '\u{1b}', '\u{1f}', '\u{7f}', '\u{80}',
        '\u{85}', '\u{9b}', '\u{9f}',
    ];
    for c in refused {
        let narrative = format!("Someone at the farm {c}cannot leave.");
        assert_eq!(
            errors_of(&with_narrative(&narrative)),
            pairs(&[("narrative", InvalidCharacter)]),
            "{:?} in the narrative",
            c.escape_unicode().to_string()
        );
        // Ten of them and nothing else is refused for what they are, not for being short.
        assert_eq!(
            errors_of(&with_narrative(&c.to_string().repeat(10))),
            pairs(&[("narrative", InvalidCharacter)])
        );
        for (path, _, set) in text_fields() {
            let mut tip = minimal();
            set(&mut tip, format!("fine {c} text"));
            assert_eq!(
                errors_of(&tip),
                pairs(&[(path, InvalidCharacter)]),
                "{path}"
            );
        }
    }
    // Tab, line feed and carriage return are text; so are bidi and zero-width characters.
    for allowed in [
        "line one\r\nline two\ttabbed",
        "\u{202e}evil\u{202c} zero\u{200b}width",
        "\u{a0}\u{3000}",
    ] {
        for (path, _, set) in text_fields() {
            let mut tip = minimal();
            set(&mut tip, allowed.into());
            assert_eq!(errors_of(&tip), vec![], "{path} with {allowed:?}");
        }
        let narrative = format!("Someone at the farm cannot leave. {allowed}");
        assert_eq!(errors_of(&with_narrative(&narrative)), vec![]);
    }
    // The contact details too; with "do not contact me" they are not allowed, whatever they hold.
    for preference in [ContactPreference::Confidential, ContactPreference::Share] {
        assert_eq!(
            errors_of(&with_contact(
                preference,
                "555\u{0}0101",
                "a\u{7f}@example.org",
                ""
            )),
            pairs(&[
                ("contact.phone", InvalidCharacter),
                ("contact.email", InvalidCharacter)
            ])
        );
    }
    assert_eq!(
        errors_of(&with_contact(ContactPreference::NoContact, "", "", "\u{0}")),
        pairs(&[("contact.safe_times", NotAllowed)])
    );
    // Too long says enough, whatever else is wrong.
    assert_eq!(
        errors_of(&with_narrative(&"\u{0}".repeat(limits::NARRATIVE_MAX + 1))),
        pairs(&[("narrative", TooLong)])
    );
}

#[test]
fn visible_and_refused_characters_are_classified_by_their_properties() {
    use lantern_tip::validate::{is_refused_control, is_visible, INVISIBLE};
    for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
        let control = ('\u{0}'..='\u{1f}').contains(&c) || ('\u{7f}'..='\u{9f}').contains(&c);
        assert_eq!(
            is_refused_control(c),
            control && !matches!(c, '\t' | '\n' | '\r'),
            "{:?}",
            c.escape_unicode().to_string()
        );
        let invisible = INVISIBLE.iter().any(|(a, b)| (*a..=*b).contains(&c));
        assert_eq!(
            is_visible(c),
            !(control || c.is_whitespace() || invisible),
            "{c:?}"
        );
    }
    // The ranges are sorted and apart, and every one names characters that are not whitespace.
    for pair in INVISIBLE.windows(2) {
        assert!(pair[0].1 < pair[1].0, "{pair:?}");
    }
    for (first, last) in INVISIBLE {
        assert!(first <= last && !first.is_whitespace() && !last.is_whitespace());
    }
    for c in [
        'a', 'Z', '0', 'ñ', '漢', '🙂', '\u{5d0}', '\u{627}', '\u{301}', '-', '\u{200a}',
    ] {
        assert_eq!(is_visible(c), c != '\u{200a}', "{c:?}");
    }
}

#[test]
fn version_must_be_one() {
    for version in [0, 2, u32::MAX] {
        let tip = Tip {
            version,
            ..minimal()
        };
        assert_eq!(errors_of(&tip), pairs(&[("version", UnsupportedVersion)]));
    }
}

type Setter = fn(&mut Tip, String);

/// Every capped free-text field: its path, its cap, and how to set it.
fn text_fields() -> Vec<(&'static str, usize, Setter)> {
    vec![
        ("location.region", limits::REGION, |t, v| {
            t.location.get_or_insert_with(Default::default).region = v
        }),
        ("location.city", limits::CITY, |t, v| {
            t.location.get_or_insert_with(Default::default).city = v
        }),
        ("location.place", limits::PLACE, |t, v| {
            t.location.get_or_insert_with(Default::default).place = v
        }),
        ("location.details", limits::LOCATION_DETAILS, |t, v| {
            t.location.get_or_insert_with(Default::default).details = v
        }),
        ("people.description", limits::PEOPLE_DESCRIPTION, |t, v| {
            t.people.get_or_insert_with(Default::default).description = v
        }),
        ("people.languages", limits::PEOPLE_LANGUAGES, |t, v| {
            t.people.get_or_insert_with(Default::default).languages = v
        }),
        (
            "controllers.description",
            limits::CONTROLLERS_DESCRIPTION,
            |t, v| {
                t.controllers
                    .get_or_insert_with(Default::default)
                    .description = v
            },
        ),
        ("controllers.names", limits::CONTROLLERS_NAMES, |t, v| {
            t.controllers.get_or_insert_with(Default::default).names = v
        }),
        (
            "controllers.vehicles",
            limits::CONTROLLERS_VEHICLES,
            |t, v| t.controllers.get_or_insert_with(Default::default).vehicles = v,
        ),
        ("online.sites", limits::ONLINE_SITES, |t, v| {
            t.online.get_or_insert_with(Default::default).sites = v
        }),
        ("online.handles", limits::ONLINE_HANDLES, |t, v| {
            t.online.get_or_insert_with(Default::default).handles = v
        }),
        ("online.phones", limits::ONLINE_PHONES, |t, v| {
            t.online.get_or_insert_with(Default::default).phones = v
        }),
        ("contact.safe_times", limits::CONTACT_SAFE_TIMES, |t, v| {
            let contact = t.contact.get_or_insert_with(Default::default);
            contact.preference = ContactPreference::Share;
            contact.email = "a@example.org".into();
            contact.safe_times = v;
        }),
    ]
}

#[test]
fn every_free_text_field_is_capped_in_characters() {
    for (path, cap, set) in text_fields() {
        for (text, expected) in [
            (String::new(), vec![]),
            ("x".repeat(cap), vec![]),
            ("é".repeat(cap), vec![]),
            ("🙂".repeat(cap), vec![]),
            ("x".repeat(cap + 1), pairs(&[(path, TooLong)])),
            ("🙂".repeat(cap + 1), pairs(&[(path, TooLong)])),
        ] {
            let mut tip = minimal();
            set(&mut tip, text.clone());
            assert_eq!(
                errors_of(&tip),
                expected,
                "{path} with {} chars",
                text.chars().count()
            );
        }
    }
}

#[test]
fn contact_phone_and_email_are_capped() {
    for (path, cap) in [
        ("contact.phone", limits::CONTACT_PHONE),
        ("contact.email", limits::CONTACT_EMAIL),
    ] {
        let mut contact = Contact {
            preference: ContactPreference::Share,
            ..Contact::default()
        };
        let long = "1".repeat(cap + 1);
        if path == "contact.phone" {
            contact.phone = long;
        } else {
            contact.email = format!("{}@example.org", "a".repeat(cap));
        }
        let tip = Tip {
            contact: Some(contact),
            ..minimal()
        };
        // One error per field: too long says enough.
        assert_eq!(errors_of(&tip), pairs(&[(path, TooLong)]), "{path}");
    }
}

fn with_date(date: &str) -> Tip {
    Tip {
        when: Some(When {
            date: date.into(),
            ..When::default()
        }),
        ..minimal()
    }
}

#[test]
fn date_must_be_real_and_not_in_the_future() {
    let today = today().to_string();
    for (date, expected) in [
        ("", vec![]),
        (today.as_str(), vec![]),
        ("2026-11-21", vec![]),
        ("1999-01-01", vec![]),
        ("0001-01-01", vec![]),
        ("2024-02-29", vec![]),
        ("2000-02-29", vec![]),
        ("2026-11-23", pairs(&[("when.date", FutureDate)])),
        ("2027-01-01", pairs(&[("when.date", FutureDate)])),
        ("9999-12-31", pairs(&[("when.date", FutureDate)])),
        ("2023-02-29", pairs(&[("when.date", InvalidDate)])),
        ("1900-02-29", pairs(&[("when.date", InvalidDate)])),
        ("2026-04-31", pairs(&[("when.date", InvalidDate)])),
        ("2026-13-01", pairs(&[("when.date", InvalidDate)])),
        ("2026-11-2", pairs(&[("when.date", InvalidDate)])),
        ("22/11/2026", pairs(&[("when.date", InvalidDate)])),
        ("yesterday", pairs(&[("when.date", InvalidDate)])),
        (" 2026-11-20", pairs(&[("when.date", InvalidDate)])),
    ] {
        assert_eq!(errors_of(&with_date(date)), expected, "{date:?}");
    }
}

#[test]
fn future_is_relative_to_the_today_passed_in() {
    let leap_day = Date::new(2028, 2, 29).expect("leap day");
    assert_eq!(with_date("2028-02-29").validate(leap_day), Ok(()));
    assert!(with_date("2028-03-01").validate(leap_day).is_err());
    let new_year = Date::new(2027, 1, 1).expect("date");
    assert_eq!(with_date("2026-12-31").validate(new_year), Ok(()));
}

fn with_indicators(ids: &[&str]) -> Tip {
    Tip {
        indicators: ids.iter().map(|s| s.to_string()).collect(),
        ..minimal()
    }
}

#[test]
fn indicators_must_be_known_and_distinct() {
    let all: Vec<&str> = SIGNS.iter().map(|s| s.id).collect();
    assert_eq!(errors_of(&with_indicators(&all)), vec![]);
    assert_eq!(
        errors_of(&with_indicators(&[
            "isolated",
            "not-a-sign",
            "isolated",
            "Isolated",
            ""
        ])),
        pairs(&[
            ("indicators[1]", UnknownId),
            ("indicators[2]", Duplicate),
            ("indicators[3]", UnknownId),
            ("indicators[4]", UnknownId),
        ])
    );
}

#[test]
fn indicators_list_is_bounded() {
    assert!(
        SIGNS.len() <= limits::MAX_INDICATORS,
        "a valid tip must fit the bound"
    );
    let many = vec!["isolated"; limits::MAX_INDICATORS + 1];
    // One error for the list, not one per entry.
    assert_eq!(
        errors_of(&with_indicators(&many)),
        pairs(&[("indicators", TooMany)])
    );
    let at_bound = vec!["nope"; limits::MAX_INDICATORS];
    assert_eq!(
        errors_of(&with_indicators(&at_bound)).len(),
        limits::MAX_INDICATORS
    );
}

#[test]
fn venue_must_be_a_catalog_id() {
    for venue in VENUES {
        assert_eq!(
            errors_of(&Tip {
                venue: venue.to_string(),
                ..minimal()
            }),
            vec![],
            "{venue}"
        );
    }
    for venue in ["farm", "Agriculture", "agriculture ", "online,agriculture"] {
        assert_eq!(
            errors_of(&Tip {
                venue: venue.into(),
                ..minimal()
            }),
            pairs(&[("venue", UnknownId)]),
            "{venue:?}"
        );
    }
}

#[test]
fn country_is_two_capital_letters() {
    for (country, ok) in [
        ("", true),
        ("US", true),
        ("MX", true),
        ("us", false),
        ("Us", false),
        ("USA", false),
        ("U", false),
        ("ÜS", false),
        ("U1", false),
        (" US", false),
    ] {
        let tip = Tip {
            location: Some(Location {
                country: country.into(),
                ..Location::default()
            }),
            ..minimal()
        };
        let expected = if ok {
            vec![]
        } else {
            pairs(&[("location.country", InvalidCountry)])
        };
        assert_eq!(errors_of(&tip), expected, "{country:?}");
    }
}

#[test]
fn partner_id_format() {
    for (partner, expected) in [
        ("", None),
        ("ngo", None),
        ("ngo-houston-2", None),
        ("7", None),
        ("a--b", None),
        ("-ngo", Some(InvalidPartner)),
        ("ngo-", Some(InvalidPartner)),
        ("NGO", Some(InvalidPartner)),
        ("ngo_1", Some(InvalidPartner)),
        ("ngo 1", Some(InvalidPartner)),
        ("ngö", Some(InvalidPartner)),
        ("ngo/..", Some(InvalidPartner)),
    ] {
        let tip = Tip {
            partner: partner.into(),
            ..minimal()
        };
        let expected = expected
            .map(|c| pairs(&[("partner", c)]))
            .unwrap_or_default();
        assert_eq!(errors_of(&tip), expected, "{partner:?}");
    }
    let at_cap = Tip {
        partner: "p".repeat(limits::PARTNER),
        ..minimal()
    };
    assert_eq!(errors_of(&at_cap), vec![]);
    let over = Tip {
        partner: "p".repeat(limits::PARTNER + 1),
        ..minimal()
    };
    assert_eq!(errors_of(&over), pairs(&[("partner", TooLong)]));
}

fn with_contact(preference: ContactPreference, phone: &str, email: &str, safe_times: &str) -> Tip {
    let contact = Contact {
        preference,
        phone: phone.into(),
        email: email.into(),
        safe_times: safe_times.into(),
        voicemail_ok: false,
    };
    Tip {
        contact: Some(contact),
        ..minimal()
    }
}

#[test]
fn do_not_contact_refuses_every_contact_detail() {
    use ContactPreference::NoContact;
    assert_eq!(errors_of(&with_contact(NoContact, "", "", "")), vec![]);
    assert_eq!(
        errors_of(&with_contact(NoContact, "555 010 1234", "", "")),
        pairs(&[("contact.phone", NotAllowed)])
    );
    assert_eq!(
        errors_of(&with_contact(NoContact, "", "a@example.org", "")),
        pairs(&[("contact.email", NotAllowed)])
    );
    assert_eq!(
        errors_of(&with_contact(NoContact, "", "", "mornings")),
        pairs(&[("contact.safe_times", NotAllowed)])
    );
    // Not allowed wins over any other problem with the same field; the value is never checked.
    let overlong = "x".repeat(limits::CONTACT_EMAIL + 1);
    assert_eq!(
        errors_of(&with_contact(NoContact, "not a phone", &overlong, "")),
        pairs(&[("contact.phone", NotAllowed), ("contact.email", NotAllowed)])
    );
    // A message may be left or not: that alone identifies nobody.
    let mut tip = with_contact(NoContact, "", "", "");
    if let Some(contact) = tip.contact.as_mut() {
        contact.voicemail_ok = true;
    }
    assert_eq!(errors_of(&tip), vec![]);
}

#[test]
fn contact_options_need_a_phone_or_an_email_that_works() {
    for preference in [ContactPreference::Confidential, ContactPreference::Share] {
        assert_eq!(
            errors_of(&with_contact(preference, "", "", "evenings")),
            pairs(&[("contact.phone", PhoneOrEmailRequired)])
        );
        assert_eq!(
            errors_of(&with_contact(preference, "+1 (555) 010-1234", "", "")),
            vec![]
        );
        assert_eq!(
            errors_of(&with_contact(preference, "", "a@example.org", "")),
            vec![]
        );
        assert_eq!(
            errors_of(&with_contact(preference, "call me", "", "")),
            pairs(&[("contact.phone", InvalidPhone)])
        );
        assert_eq!(
            errors_of(&with_contact(preference, "", "a@b", "")),
            pairs(&[("contact.email", InvalidEmail)])
        );
        assert_eq!(
            errors_of(&with_contact(preference, "12", "a@", "")),
            pairs(&[
                ("contact.phone", InvalidPhone),
                ("contact.email", InvalidEmail)
            ])
        );
    }
}

#[test]
fn phone_check() {
    for phone in [
        "+1 (555) 010-1234",
        "555-0101",
        "5550101",
        "+52 55 1234 5678",
        "020 7946 0018",
        "555.010.1234",
        " 5550101 ",
        "123456789012345",
        "+123456789012345",
    ] {
        assert!(is_phone(phone), "{phone:?} should pass");
    }
    for phone in [
        "",
        "+",
        "123456",
        "1234567890123456",
        "555 01O1",
        "1+5550101",
        "++15550101",
        "555-0101 ext 2",
        "٥٥٥٠١٠١٢٣٤",
        "555\u{0}0101",
        "555 0101;",
    ] {
        assert!(!is_phone(phone), "{phone:?} should fail");
    }
}

#[test]
fn email_check() {
    for email in [
        "a@b.co",
        "first.last+tag@example.org",
        "ñandú@correo.es",
        "user@bücher.ch",
        "u@xn--bcher-kva.ch",
        "x@sub.domain.example",
        "o'brien@example.ie",
        "a@b-c.io",
        "a@1.io",
        "a@b.1a",
        "a@b.co-uk",
        "用户@例子.广告",
    ] {
        assert!(is_email(email), "{email:?} should pass");
    }
    for email in [
        "",
        "a",
        "a@",
        "@b.co",
        "a@b",
        "a@@b.co",
        "a@b@c.co",
        "a b@c.co",
        "a@b .co",
        "a@b..co",
        "a@.b.co",
        "a@b.co.",
        "a@-b.co",
        "a@b-.co",
        ".a@b.co",
        "a.@b.co",
        "a..b@c.co",
        "a@b.123",
        "<a>@b.co",
        "a@b_c.co",
        "a\n@b.co",
        "a@b.co\u{0}",
        "a@b.-1",
        "a@b.1-2",
        // Invisible characters have no place in an address.
        "a\u{200b}@b.co",
        "a@b\u{200b}.co",
        "\u{202e}a@b.co",
        "a@b.co\u{feff}",
        "a@b.\u{a0}co",
    ] {
        assert!(!is_email(email), "{email:?} should fail");
    }
    // SMTP's 64-octet local part is not checked (no schema pattern can say
    // it with the rest); the field's cap of 254 characters bounds the whole.
    let long_local = format!("{}@example.org", "a".repeat(65));
    assert!(is_email(&long_local));
}

#[test]
fn every_problem_is_reported_once_in_form_order() {
    let mut tip = full();
    tip.version = 3;
    tip.partner = "Bad Partner".into();
    tip.narrative = "short".into();
    tip.venue = "moon".into();
    tip.indicators = vec!["isolated".into(), "isolated".into()];
    if let Some(when) = tip.when.as_mut() {
        when.date = "2099-01-01".into();
    }
    if let Some(location) = tip.location.as_mut() {
        location.country = "usa".into();
        location.city = "c".repeat(limits::CITY + 1);
    }
    if let Some(online) = tip.online.as_mut() {
        online.phones = "9".repeat(limits::ONLINE_PHONES + 1);
    }
    if let Some(contact) = tip.contact.as_mut() {
        contact.phone = "phone".into();
        contact.email = "mail".into();
    }
    assert_eq!(
        errors_of(&tip),
        pairs(&[
            ("version", UnsupportedVersion),
            ("partner", InvalidPartner),
            ("when.date", FutureDate),
            ("location.country", InvalidCountry),
            ("location.city", TooLong),
            ("venue", UnknownId),
            ("indicators[1]", Duplicate),
            ("online.phones", TooLong),
            ("narrative", TooShort),
            ("contact.phone", InvalidPhone),
            ("contact.email", InvalidEmail),
        ])
    );
}

#[test]
fn field_order_ranks_paths_and_their_children() {
    assert_eq!(field_rank("version"), 0);
    assert_eq!(field_rank("indicators[7]"), field_rank("indicators"));
    assert_eq!(field_rank("location.somewhere"), field_rank("location"));
    assert_eq!(field_rank("nonsense"), FIELD_ORDER.len());
    assert!(field_rank("when.date") < field_rank("narrative"));
    for (i, field) in FIELD_ORDER.iter().enumerate() {
        assert_eq!(field_rank(field), i, "{field} listed twice");
    }
}

#[test]
fn validation_is_the_same_after_a_round_trip_through_json() {
    let mut tip = full();
    tip.narrative = "tiny".into();
    tip.venue = "nowhere".into();
    let json = serde_json::to_vec(&tip).expect("serialises");
    let back = lantern_tip::decode(&json).expect("decodes");
    assert_eq!(back, tip);
    assert_eq!(back.validate(today()), tip.validate(today()));
}

#[test]
fn a_tip_at_every_cap_fits_the_body_limit() {
    // Every text field at its cap in characters outside the BMP, which a
    // client may write as a pair of `\uXXXX` escapes: twelve bytes each.
    let mut tip = Tip {
        narrative: "🙂".repeat(limits::NARRATIVE_MAX),
        partner: "p".repeat(limits::PARTNER),
        ..full()
    };
    for (_, cap, set) in text_fields() {
        set(&mut tip, "🙂".repeat(cap));
    }
    if let Some(contact) = tip.contact.as_mut() {
        contact.phone = format!(
            "{:<width$}",
            "+123456789012345",
            width = limits::CONTACT_PHONE
        );
        let domain_len = limits::CONTACT_EMAIL - 65 - ".org".len();
        let label = "d".repeat(60);
        let mut domain = [label.as_str(); 4].join(".");
        domain.truncate(domain_len);
        contact.email = format!("{}@{domain}.org", "a".repeat(64));
        assert_eq!(contact.email.len(), limits::CONTACT_EMAIL);
    }
    tip.indicators = SIGNS.iter().map(|s| s.id.to_string()).collect();
    assert_eq!(tip.validate(today()), Ok(()), "the biggest valid tip");
    let json = serde_json::to_string(&tip).expect("serialises");
    let mut escaped = String::with_capacity(json.len() * 3);
    for c in json.chars() {
        if c.is_ascii() {
            escaped.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                escaped.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    assert_eq!(lantern_tip::decode(escaped.as_bytes()).ok(), Some(tip));
    assert!(
        escaped.len() <= limits::MAX_BODY_BYTES,
        "{} bytes",
        escaped.len()
    );
}
