//! The shape of the tip form's strings. Values: `src/locales/<lang>/form.rs`.
//!
//! Strings with `{}` are templates: the form fills each `{}` in order (see
//! `crate::form::words::fill`). Arrays of options follow the order of the
//! matching list in `crate::form::choices`, so a missing option is a compile
//! error in every language.

crate::words_table! {
    /// Strings for the tip form.
    #[derive(Debug, PartialEq)]
    pub struct FormStrings {
        // ---- Frame -----------------------------------------------------------
        /// The form's heading.
        pub heading: &'static str,
        /// One or two sentences under the heading: anonymous, only one answer needed.
        pub intro: &'static str,
        /// At the start of the form: answers are kept only while the page stays
        /// open (nothing is stored on the device, which is what keeps them
        /// safe), so closing, reloading or the browser's Back loses them.
        pub kept_note: &'static str,
        /// Progress: "Step {number} of {count}".
        pub progress: &'static str,
        /// Heading of each step, in `Step::ALL` order.
        pub step_titles: [&'static str; 10],
        /// Button to the next step.
        pub next: &'static str,
        /// Button to the step before.
        pub back: &'static str,
        /// The progress line on an optional step, in place of "Step N of M".
        pub optional: &'static str,
        /// The "not sure" choice every question offers.
        pub not_sure: &'static str,
        /// "Yes".
        pub yes: &'static str,
        /// "No".
        pub no: &'static str,
        /// Under a free-text field near its cap: "{left} characters left".
        pub chars_left: &'static str,
        /// The same with one character left.
        pub chars_left_one: &'static str,
        /// Digit group separator for numbers of 5 digits or more ("," / " ").
        pub thousands_sep: &'static str,
        /// Whether 4-digit numbers are grouped too ("5,000" in English; Spanish
        /// writes "5000").
        pub group_four_digits: bool,

        // ---- Safety (step 1) --------------------------------------------------
        /// The safety question.
        pub danger_question: &'static str,
        /// Heading of the box shown when someone is in danger now.
        pub danger_title: &'static str,
        /// After the danger box: the form stays open.
        pub danger_keep_going: &'static str,
        /// Why urgent things should be phoned or texted, not sent here.
        pub urgent_note: &'static str,

        // ---- Who (optional) ---------------------------------------------------
        /// Who is sending the tip.
        pub reporter_question: &'static str,
        /// Witness, self, professional, prefer not to say.
        pub reporters: [&'static str; 4],

        // ---- What and where (optional) ----------------------------------------
        /// What kind of situation it may be.
        pub kind_question: &'static str,
        /// Sex, labor, both.
        pub kinds: [&'static str; 3],
        /// Label of the type-of-place list.
        pub venue_label: &'static str,
        /// First entry of the type-of-place list: nothing chosen.
        pub venue_none: &'static str,
        /// Words for each venue id of `lantern_tip::catalog::VENUES`.
        pub venues: &'static [(&'static str, &'static str)],
        /// Legend of the address fields.
        pub where_legend: &'static str,
        /// Country.
        pub country_label: &'static str,
        /// First entry of the country list: another country, or not sure.
        pub country_none: &'static str,
        /// The countries offered, as (ISO 3166-1 alpha-2 code, words).
        pub countries: &'static [(&'static str, &'static str)],
        /// State or region.
        pub region_label: &'static str,
        /// City or town.
        pub city_label: &'static str,
        /// Name of the place or business.
        pub place_label: &'static str,
        /// Street, crossing or landmark.
        pub details_label: &'static str,

        // ---- When (optional) --------------------------------------------------
        /// Label of the date field.
        pub date_label: &'static str,
        /// Hint under the date field.
        pub date_hint: &'static str,
        /// The months' names, January first, as a date is written out.
        pub months: [&'static str; 12],
        /// A date written out, from `{d}` (the day, no leading zero), `{m}`
        /// (the month's name) and `{y}` (the year): "{d} {m} {y}".
        pub date_format: &'static str,
        /// Time of day question.
        pub time_question: &'static str,
        /// Morning, afternoon, evening, night.
        pub times: [&'static str; 4],
        /// Is it still happening?
        pub ongoing_question: &'static str,

        // ---- People (optional) ------------------------------------------------
        /// Legend of the questions about people who may need help.
        pub people_legend: &'static str,
        /// How many people.
        pub count_question: &'static str,
        /// 1, 2 to 5, 6 or more.
        pub counts: [&'static str; 3],
        /// Is anyone under 18?
        pub minors_question: &'static str,
        /// Describe the people.
        pub people_description_label: &'static str,
        /// Hint for the description.
        pub people_description_hint: &'static str,
        /// Languages heard.
        pub languages_label: &'static str,
        /// Legend of the questions about people who may control them.
        pub controllers_legend: &'static str,
        /// Names or nicknames.
        pub controller_names_label: &'static str,
        /// What they look like.
        pub controller_description_label: &'static str,
        /// Vehicles and plates.
        pub vehicles_label: &'static str,

        // ---- Signs (optional) -------------------------------------------------
        /// Legend of the checklist.
        pub signs_legend: &'static str,
        /// Hint under the legend.
        pub signs_hint: &'static str,

        // ---- Online (optional) ------------------------------------------------
        /// Reassurance: links are never opened.
        pub online_hint: &'static str,
        /// Websites and apps.
        pub sites_label: &'static str,
        /// Usernames and ad text.
        pub handles_label: &'static str,
        /// Phone numbers seen in ads or messages.
        pub phones_label: &'static str,

        // ---- What happened (step 2) -------------------------------------------
        /// The narrative's label.
        pub narrative_label: &'static str,
        /// The narrative's hint.
        pub narrative_hint: &'static str,

        // ---- Contact (optional) -----------------------------------------------
        /// Heading of the mandated-reporting notice.
        pub notice_title: &'static str,
        /// The mandated-reporting notice, shown before any contact field.
        pub notice_body: &'static str,
        /// May the hotline contact you?
        pub contact_question: &'static str,
        /// Do not contact me; contact me, keep me confidential; you may share my details.
        pub contact_options: [&'static str; 3],
        /// Hint above the contact fields: give only a safe phone or email.
        pub contact_safe_hint: &'static str,
        /// Phone.
        pub phone_label: &'static str,
        /// Email.
        pub email_label: &'static str,
        /// Safe times to contact.
        pub safe_times_label: &'static str,
        /// It is safe to leave a message.
        pub voicemail_label: &'static str,

        // ---- Check and send (step 3) ------------------------------------------
        /// Under the review heading.
        pub review_intro: &'static str,
        /// Button to change an answer (followed by the hidden step title).
        pub change: &'static str,
        /// Button to an optional step not answered yet (followed by the hidden
        /// step title).
        pub add: &'static str,
        /// Heading of the optional steps on the review page.
        pub more_title: &'static str,
        /// Under it: sending now is fine; the rest is optional.
        pub more_intro: &'static str,
        /// An answer that was left empty.
        pub not_answered: &'static str,
        /// The send button.
        pub submit: &'static str,
        /// Status while sending.
        pub sending: &'static str,

        // ---- Sending problems ------------------------------------------------
        /// The network failed or the server did not answer.
        pub send_offline: &'static str,
        /// The server failed (5xx) or sent something we cannot read.
        pub send_server_error: &'static str,
        /// Always after a failure: the answers are still here.
        pub send_kept: &'static str,
        /// After a failure, when the form will retry by itself: it keeps trying
        /// and sends as soon as it can.
        pub send_auto: &'static str,
        /// The live countdown: "Next try in {seconds} seconds."
        pub send_next_in: &'static str,
        /// The countdown at one second.
        pub send_next_in_one: &'static str,
        /// The countdown from two minutes on: "Next try in about {minutes} minutes."
        pub send_next_minutes: &'static str,
        /// While a retry is in flight.
        pub send_trying: &'static str,
        /// Before the hotline's call and text links while a tip waits.
        pub send_call_instead: &'static str,
        /// The send button's words while a retry waits.
        pub retry_now: &'static str,
        /// 429 with a wait in minutes: "… try again in {minutes} minutes."
        pub send_busy_minutes: &'static str,
        /// 429 with a wait under a minute, or no usable Retry-After.
        pub send_busy_soon: &'static str,
        /// 422 whose errors match no field a person can change.
        pub send_rejected: &'static str,

        // ---- Receipt ---------------------------------------------------------
        /// Heading once the tip is sent.
        pub sent_title: &'static str,
        /// Label of the receipt number.
        pub receipt_label: &'static str,
        /// Why to keep the number, and how to keep it safely.
        pub receipt_hint: &'static str,
        /// Heading: what happens next.
        pub next_title: &'static str,
        /// What happens next when no contact was allowed.
        pub next_anonymous: &'static str,
        /// What happens next when contact was allowed.
        pub next_contact: &'static str,
        /// Heading before the help channels.
        pub help_title: &'static str,
        /// Button to start a new, empty tip.
        pub new_tip: &'static str,

        // ---- Errors (GOV.UK pattern) ----------------------------------------
        /// Title of the error summary.
        pub error_title: &'static str,
        /// Hidden prefix read before a field's message.
        pub error_prefix: &'static str,
        /// Narrative empty.
        pub err_narrative_missing: &'static str,
        /// Narrative with fewer visible characters than the minimum: "{min}".
        pub err_narrative_short: &'static str,
        /// Any text too long: "{label} must be {max} characters or fewer".
        pub err_too_long: &'static str,
        /// Any text holding control characters (pasted, never typed): "{label}".
        pub err_invalid_character: &'static str,
        /// Email not in the right format.
        pub err_email: &'static str,
        /// Phone number not in the right format.
        pub err_phone: &'static str,
        /// Date in the future.
        pub err_date_future: &'static str,
        /// Date not a real date.
        pub err_date_invalid: &'static str,
        /// Contact chosen but no phone or email given.
        pub err_contact_missing: &'static str,
        /// Any other problem with a field: "{label}: check this answer".
        pub err_other: &'static str,
    }
}
