//! After a tip is stored: the receipt (a plain-looking number), what
//! happens next, and the help channels again. The answers are already gone
//! from memory by the time this shows.
use crate::form::state::{use_form, Sending, HEADING_ID};
use crate::i18n::text;
use crate::i18n::use_i18n;
use crate::sections::hotline::Channels;
use leptos::prelude::*;

/// The receipt page.
#[component]
pub fn ReceiptView() -> impl IntoView {
    let state = use_form();
    let i18n = use_i18n();
    let t = move || i18n.t().form;
    let sent = move || match state.sending.get() {
        Sending::Sent(receipt, contact) => Some((receipt.to_string(), contact)),
        _ => None,
    };
    let number = move || sent().map(|(number, _)| number).unwrap_or_default();
    let contact = move || sent().is_some_and(|(_, contact)| contact);
    // The reply code's offer goes after the hint (`crate::followup`).
    crate::followup::keep_code();
    // The number reads left to right inside right-to-left text (`bdi`), as
    // the person reads it out; the paragraph keeps the page's alignment.
    view! {
        <h3 id=HEADING_ID class="lx-h3" tabindex="-1">{text(|s| s.form.sent_title)}</h3>
        <p class="lx-f-receipt-label">{text(|s| s.form.receipt_label)}</p>
        <p class="lx-f-receipt" data-testid="receipt"><bdi dir="ltr">{number}</bdi></p>
        <p class="lx-f-hint" id=crate::followup::RECEIPT_ID>{text(|s| s.form.receipt_hint)}</p>
        <h4 class="lx-f-h4">{text(|s| s.form.next_title)}</h4>
        <p>{move || if contact() { t().next_contact } else { t().next_anonymous }}</p>
        <h4 class="lx-f-h4">{text(|s| s.form.help_title)}</h4>
        <Channels/>
        <p class="lx-f-actions">
            <button type="button" class="lx-btn lx-f-secondary" on:click=move |_| state.start_over()>
                {text(|s| s.form.new_tip)}
            </button>
        </p>
    }
}
