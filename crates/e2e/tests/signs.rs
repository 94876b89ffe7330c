//! The warning signs (issue 3): the filter by labor or sex shows the signs of
//! that kind and those that apply to both, and hides the others; moving
//! around never changes the URL or adds to history.

use lantern_e2e::driver::{Session, Viewport};
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{self, all_by_testid, by_testid, open};
use lantern_e2e::{ensure, run, Client, Result};

async fn shown(client: &Client, sign: &str) -> Result<bool> {
    let found = all_by_testid(client, &format!("sign-{sign}")).await?;
    match found.first() {
        Some(element) => Ok(element.is_displayed().await?),
        None => Ok(false),
    }
}

#[test]
fn the_filter_shows_each_kind_and_both() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        widget::click_testid(&session, "nav-signs").await?;
        by_testid(&session, "section-signs").await?;
        // One sign of each kind, from the shared catalog.
        let (labor, sex, both) = (
            "dangerous-work",
            "pressured-into-sex-work",
            "not-free-to-leave",
        );
        for (filter, want) in [
            ("filter-all", [true, true, true]),
            ("filter-labor", [true, false, true]),
            ("filter-sex", [false, true, true]),
            ("filter-all", [true, true, true]),
        ] {
            widget::click_testid(&session, filter).await?;
            let got = [
                shown(&session, labor).await?,
                shown(&session, sex).await?,
                shown(&session, both).await?,
            ];
            ensure!(
                got == want,
                "with {filter}, [labor, sex, both] signs shown: {got:?}, expected {want:?}"
            );
        }
        Ok(())
    });
}

#[test]
fn moving_around_adds_no_history() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::at(Viewport::Phone).await?;
        session.goto(&stage.pages.start_url()).await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        let url = session.current_url().await?;
        let before = session.execute("return history.length;", vec![]).await?;
        for id in [
            "nav-signs",
            "filter-labor",
            "nav-me",
            "lang-es",
            "nav-report",
            "nav-help",
            "lang-en",
        ] {
            // From the top, as a person scrolls back to the menu (whether
            // focus hides under the sticky bar is accessibility.rs's test).
            session.execute("window.scrollTo(0, 0);", vec![]).await?;
            widget::click_testid(&session, id).await?;
        }
        let after = session.execute("return history.length;", vec![]).await?;
        ensure!(before == after, "history grew from {before} to {after}");
        ensure!(
            session.current_url().await? == url,
            "the URL changed while moving around"
        );
        Ok(())
    });
}
