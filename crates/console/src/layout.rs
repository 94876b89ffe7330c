//! How an opened tip reads: a short summary for the inbox (place, kind,
//! danger, an excerpt) and the whole tip as sections in the order an analyst
//! reads it (danger and minors first, then who may need help, where, when,
//! the signs, the narrative, the controllers, online details, contact).
//! Plain data from the tip model, tested on the host; the components only
//! draw it.

use lantern_tip::model::{Tristate, When};
use lantern_tip::{SealedTip, Tip};

/// The longest excerpt of the narrative the inbox shows, in characters.
pub const EXCERPT_CHARS: usize = 120;

/// What the inbox shows of an opened tip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// City, region, country (what of them the reporter gave), or "Place not given".
    pub place: String,
    /// The suspected kind (sex, labor, both, not sure), or "Kind not given".
    pub kind: String,
    /// Whether someone is in danger right now, by the reporter's answer.
    pub danger: bool,
    /// Whether anyone under 18 may be involved ("yes" answered).
    pub minors: bool,
    /// The narrative's start, cut at a word.
    pub excerpt: String,
}

/// One section of an opened tip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Its heading.
    pub title: &'static str,
    /// Its label and value pairs, only those the reporter gave.
    pub rows: Vec<(&'static str, String)>,
    /// Whether it is an alert (danger now, minors), drawn first and marked.
    pub alert: bool,
}

fn tristate(value: Option<Tristate>) -> Option<String> {
    value.map(|value| match value {
        Tristate::Yes => "Yes".to_owned(),
        Tristate::No => "No".to_owned(),
        Tristate::Unsure => "Not sure".to_owned(),
    })
}

/// An RFC 3339 time as the console shows it: `2026-12-01 10:00 UTC` (the
/// server sends UTC, and the clear columns hold the hour only).
pub fn hour_words(rfc3339: &str) -> String {
    match rfc3339.split_once('T') {
        Some((date, time)) => format!("{date} {} UTC", time.get(..5).unwrap_or(time)),
        None => rfc3339.to_owned(),
    }
}

/// A catalog id (`not-free-to-leave`) as words (`not free to leave`).
pub fn id_words(id: &str) -> String {
    id.replace('-', " ")
}

fn place(tip: &Tip) -> Option<String> {
    let location = tip.location.as_ref()?;
    let parts: Vec<&str> = [&location.city, &location.region, &location.country]
        .into_iter()
        .map(String::as_str)
        .filter(|part| !part.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn kind(tip: &Tip) -> Option<String> {
    use lantern_tip::model::TraffickingKind::*;
    tip.kind.map(|kind| {
        match kind {
            Sex => "Sex trafficking",
            Labor => "Labor trafficking",
            Both => "Sex and labor trafficking",
            Unsure => "Kind not sure",
        }
        .to_owned()
    })
}

/// The narrative's first [`EXCERPT_CHARS`] characters, cut at a space when
/// there is one, with "…" when cut; line breaks become spaces.
pub fn excerpt(narrative: &str) -> String {
    let flat: String = narrative.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= EXCERPT_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(EXCERPT_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > EXCERPT_CHARS / 2 => &cut[..space],
        _ => &cut[..],
    };
    format!("{cut}…")
}

/// The inbox's line for an opened tip.
pub fn summary(tip: &Tip) -> Summary {
    Summary {
        place: place(tip).unwrap_or_else(|| "Place not given".into()),
        kind: kind(tip).unwrap_or_else(|| "Kind not given".into()),
        danger: tip.danger_now == Some(Tristate::Yes),
        minors: tip.people.as_ref().and_then(|people| people.minors) == Some(Tristate::Yes),
        excerpt: excerpt(&tip.narrative),
    }
}

fn when_rows(when: &When) -> Vec<(&'static str, String)> {
    use lantern_tip::model::TimeOfDay::*;
    let mut rows = Vec::new();
    if !when.date.is_empty() {
        rows.push(("Date", when.date.clone()));
    }
    if let Some(time) = when.time_of_day {
        let words = match time {
            Morning => "Morning",
            Afternoon => "Afternoon",
            Evening => "Evening",
            Night => "Night",
            Unknown => "Not known",
        };
        rows.push(("Time of day", words.into()));
    }
    if let Some(ongoing) = when.ongoing {
        rows.push(("Still going on", if ongoing { "Yes" } else { "No" }.into()));
    }
    rows
}

fn text_row(rows: &mut Vec<(&'static str, String)>, label: &'static str, value: &str) {
    if !value.is_empty() {
        rows.push((label, value.to_owned()));
    }
}

/// Every section of an opened tip with something in it, in reading order.
pub fn sections(sealed: &SealedTip) -> Vec<Section> {
    let tip = &sealed.tip;
    let mut out = Vec::new();
    let mut push = |title, rows: Vec<(&'static str, String)>, alert| {
        if !rows.is_empty() {
            out.push(Section { title, rows, alert });
        }
    };
    let minors = tip.people.as_ref().and_then(|people| people.minors);
    let mut safety = Vec::new();
    if let Some(danger) = tristate(tip.danger_now) {
        safety.push(("Someone in danger right now", danger));
    }
    if let Some(minors) = tristate(minors) {
        safety.push(("Anyone under 18", minors));
    }
    let alert = tip.danger_now == Some(Tristate::Yes) || minors == Some(Tristate::Yes);
    push("Danger and minors", safety, alert);

    let mut people = Vec::new();
    if let Some(group) = &tip.people {
        if let Some(count) = group.count {
            people.push(("How many", count.as_str().replace("unknown", "Not known")));
        }
        text_row(&mut people, "Description", &group.description);
        text_row(&mut people, "Languages heard", &group.languages);
    }
    push("Who may need help", people, false);

    let mut place_rows = Vec::new();
    if let Some(location) = &tip.location {
        text_row(&mut place_rows, "Country", &location.country);
        text_row(&mut place_rows, "State or region", &location.region);
        text_row(&mut place_rows, "City", &location.city);
        text_row(&mut place_rows, "Place or business", &location.place);
        text_row(&mut place_rows, "Street or landmark", &location.details);
    }
    if !tip.venue.is_empty() {
        place_rows.push(("Type of place", id_words(&tip.venue)));
    }
    if let Some(kind) = kind(tip) {
        place_rows.push(("Kind suspected", kind));
    }
    push("Where", place_rows, false);

    push(
        "When",
        tip.when.as_ref().map(when_rows).unwrap_or_default(),
        false,
    );

    let signs = tip
        .indicators
        .iter()
        .map(|id| ("Sign", id_words(id)))
        .collect();
    push("Signs noticed", signs, false);

    push(
        "What happened",
        vec![("In their words", tip.narrative.clone())],
        false,
    );

    let mut control = Vec::new();
    if let Some(controllers) = &tip.controllers {
        text_row(&mut control, "Names or nicknames", &controllers.names);
        text_row(&mut control, "Description", &controllers.description);
        text_row(&mut control, "Vehicles", &controllers.vehicles);
    }
    push("Who may be controlling them", control, false);

    let mut online = Vec::new();
    if let Some(details) = &tip.online {
        text_row(&mut online, "Sites and apps", &details.sites);
        text_row(&mut online, "Usernames", &details.handles);
        text_row(&mut online, "Phone numbers", &details.phones);
    }
    push("Online", online, false);

    let mut about = Vec::new();
    if let Some(reporter) = tip.reporter {
        about.push(("Who is reporting", id_words(reporter.as_str())));
    }
    if let Some(contact) = &tip.contact {
        about.push(("Contact", id_words(contact.preference.as_str())));
        text_row(&mut about, "Safe phone", &contact.phone);
        text_row(&mut about, "Safe email", &contact.email);
        text_row(&mut about, "Safe times", &contact.safe_times);
        if contact.voicemail_ok {
            about.push(("Message may be left", "Yes".into()));
        }
    }
    if let Some(language) = tip.language {
        about.push(("Language of the tip", language.as_str().to_owned()));
    }
    about.push(("Received", sealed.received_at.clone()));
    about.push(("Receipt", sealed.receipt.to_string()));
    push("About the report", about, false);
    out
}

#[cfg(test)]
mod tests {
    use lantern_tip::model::{Location, People, PeopleCount, TraffickingKind};

    use super::*;

    fn tip() -> Tip {
        Tip {
            danger_now: Some(Tristate::Yes),
            kind: Some(TraffickingKind::Labor),
            location: Some(Location {
                city: "Fresno".into(),
                region: "CA".into(),
                ..Default::default()
            }),
            people: Some(People {
                count: Some(PeopleCount::TwoToFive),
                minors: Some(Tristate::Unsure),
                ..Default::default()
            }),
            indicators: vec!["not-free-to-leave".into()],
            narrative: "Workers sleep in the packing shed.\nA man keeps their passports.".into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_summary_names_place_kind_and_danger() {
        let summary = summary(&tip());
        assert_eq!(summary.place, "Fresno, CA");
        assert_eq!(summary.kind, "Labor trafficking");
        assert!(summary.danger);
        assert!(!summary.minors, "not sure is not yes");
        assert_eq!(
            summary.excerpt,
            "Workers sleep in the packing shed. A man keeps their passports."
        );
        let empty = super::summary(&Tip::default());
        assert_eq!(empty.place, "Place not given");
        assert!(!empty.danger);
    }

    #[test]
    fn times_read_as_utc_minutes() {
        assert_eq!(hour_words("2026-12-01T10:00:00Z"), "2026-12-01 10:00 UTC");
        assert_eq!(hour_words("not a time"), "not a time");
    }

    #[test]
    fn a_long_narrative_is_cut_at_a_word() {
        let long = "word ".repeat(60);
        let cut = excerpt(&long);
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= EXCERPT_CHARS + 1);
    }

    #[test]
    fn danger_and_minors_come_first_then_people_place_and_the_narrative() {
        let sealed = SealedTip::new(
            "1234 5678 9012 3456".parse().unwrap(),
            "2026-12-01T10:11:12Z".into(),
            tip(),
        );
        let sections = sections(&sealed);
        let titles: Vec<&str> = sections.iter().map(|s| s.title).collect();
        assert_eq!(
            titles,
            [
                "Danger and minors",
                "Who may need help",
                "Where",
                "Signs noticed",
                "What happened",
                "About the report"
            ]
        );
        assert!(sections[0].alert);
        assert!(sections[0]
            .rows
            .contains(&("Anyone under 18", "Not sure".into())));
        assert!(sections[3]
            .rows
            .contains(&("Sign", "not free to leave".into())));
        assert!(sections[5]
            .rows
            .contains(&("Receipt", "1234 5678 9012 3456".into())));
    }
}
