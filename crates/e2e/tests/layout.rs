//! How the widget is laid out at a phone's width and a desktop's, in both
//! languages: what the style sheet promises and no other test sees.

use lantern_e2e::driver::{Session, Viewport};
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::open;
use lantern_e2e::{ensure, run};

/// The four section tabs sit in rows of equal length (two of two, or one of
/// four), never three and one, which leaves a tab alone on a row and reads
/// as something apart from the others. At the desktop width the language
/// switch once shared the tabs' row and pushed "Report a tip" onto a row of
/// its own.
#[test]
fn the_tabs_sit_in_rows_of_equal_length() {
    run(async {
        let stage = Stage::start().await?;
        let mut wrong = Vec::new();
        for viewport in [Viewport::Phone, Viewport::Desktop] {
            let session = Session::at(viewport).await?;
            for lang in ["en", "es"] {
                open(&session, &stage.intake.widget_url(&format!("lang={lang}"))).await?;
                // The number of tabs in each row, top to bottom.
                let rows = session
                    .execute(
                        "const rows = new Map();
                         for (const tab of document.querySelectorAll('[data-testid^=nav-]')) {
                           const top = Math.round(tab.getBoundingClientRect().top);
                           rows.set(top, (rows.get(top) || 0) + 1);
                         }
                         return [...rows.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);",
                        vec![],
                    )
                    .await?;
                let counts: Vec<u64> = rows
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(serde_json::Value::as_u64)
                    .collect();
                let total: u64 = counts.iter().sum();
                let even = counts.windows(2).all(|pair| pair[0] == pair[1]);
                if total != 4 || !even {
                    wrong.push(format!("{viewport:?}, {lang}: tabs per row {counts:?}"));
                }
            }
        }
        ensure!(
            wrong.is_empty(),
            "the four tabs should sit in rows of equal length:\n{}",
            wrong.join("\n")
        );
        Ok(())
    });
}
