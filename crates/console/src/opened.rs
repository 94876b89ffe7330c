//! Tips opened once per identity. The inbox and the tip view's case list
//! both show what opening each listed tip gives, and opening 10,000 takes
//! seconds, so each tip is opened once per identity and what it gave is
//! kept (in memory only, dropped with the identity and at sign-out) while
//! the analyst moves between the inbox and the tips. A tip's sealed bytes
//! never change once stored, so its id is its key.

use std::collections::HashMap;
use std::sync::Arc;

use crate::keys::{KeyError, Keys};
use crate::layout::{self, Summary};
use crate::{api::SealedRow, filter};

/// What opening one tip gives the inbox: its summary and the words the
/// search reads. Shared, not copied: the inbox's list of 10,000 is rebuilt
/// on each return to it.
pub type Opening = Arc<Result<(Summary, String), KeyError>>;

/// The tips opened so far with the identity held now. Whoever sets or
/// drops the identity calls [`Opened::forget`].
#[derive(Debug, Default)]
pub struct Opened {
    by_id: HashMap<String, Opening>,
}

impl Opened {
    /// What opening `row` with `keys` gives, opened now only if it has not
    /// been since the last [`Opened::forget`].
    pub fn open(&mut self, keys: &Keys, row: &SealedRow) -> Opening {
        self.open_with(&row.id, || {
            Arc::new(
                keys.open_tip(&row.sealed)
                    .map(|sealed| (layout::summary(&sealed.tip), filter::search_text(&sealed))),
            )
        })
    }

    /// [`Opened::open`] with the opening done by `open`.
    fn open_with(&mut self, id: &str, open: impl FnOnce() -> Opening) -> Opening {
        if let Some(opening) = self.by_id.get(id) {
            return opening.clone();
        }
        let opening = open();
        self.by_id.insert(id.to_owned(), opening.clone());
        opening
    }

    /// Forgets every opened tip (at sign-out, or with another identity).
    pub fn forget(&mut self) {
        self.by_id = HashMap::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(excerpt: &str) -> Opening {
        Arc::new(Ok((
            Summary {
                place: String::new(),
                kind: String::new(),
                danger: false,
                minors: false,
                excerpt: excerpt.into(),
            },
            excerpt.into(),
        )))
    }

    #[test]
    fn a_tip_is_opened_once_until_forgotten() {
        let mut opened = Opened::default();
        let mut opens = 0;
        for _ in 0..3 {
            let got = opened.open_with("7", || {
                opens += 1;
                summary("first")
            });
            assert_eq!(got, summary("first"));
        }
        let _ = opened.open_with("8", || summary("eight"));
        assert_eq!((opens, opened.by_id.len()), (1, 2));
        // Another identity: every tip is opened again.
        opened.forget();
        assert!(opened.by_id.is_empty());
        let got = opened.open_with("7", || {
            opens += 1;
            summary("again")
        });
        assert_eq!((got, opens), (summary("again"), 2));
    }

    #[test]
    fn a_tip_that_would_not_open_is_kept_as_such() {
        let mut opened = Opened::default();
        let _ = opened.open_with("9", || Arc::new(Err(KeyError::Damaged)));
        let got = opened.open_with("9", || unreachable!("opened twice"));
        assert_eq!(*got, Err(KeyError::Damaged));
    }
}
