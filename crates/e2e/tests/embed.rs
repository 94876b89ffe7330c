//! Partners embed Lantern with one line, safely (issue 6): `embed/embed.js`
//! on a partner page from another origin, in real Chromium, against the real
//! intake service and the built widget. The origins, the partner's spy
//! script and the frame helpers are in `lantern_e2e::partner`.

use std::time::Duration;

use lantern_e2e::driver::{Session, Viewport};
use lantern_e2e::form;
use lantern_e2e::pages::Page;
use lantern_e2e::partner::{
    click_exit_link, enter_widget, expected_height, frame_heights, run_js, settle, settled_height,
    spy, to_top, wait_frame_height, widget_frames, widget_frames_any, Embed, FORGER_PATH,
    MAX_FRAME, MIN_FRAME, STEP,
};
use lantern_e2e::widget::{self, eventually, PATIENCE};
use lantern_e2e::{axe, ensure, Client, Context, Locator, Result};
use serde_json::{json, Value};

#[test]
fn the_snippet_on_a_partner_page_renders_the_widget_from_its_own_origin() {
    lantern_e2e::run(async {
        let embed = Embed::start().await?;
        let origin = embed.widget_origin();
        embed.add_partner_page("/partner", "en", &embed.snippet("data-partner=\"city-x\""));
        let session = Session::open(lantern_e2e::driver::Options {
            network_log: true,
            ..Default::default()
        })
        .await?;
        let client = session.client();
        client.goto(&embed.partner_url("/partner")).await?;
        let frames = widget_frames(client, &origin, 1).await?;
        let frame = &frames[0];

        // The frame as the issue specifies it.
        let attr = |name: &'static str| frame.attr(name);
        let title = attr("title").await?.unwrap_or_default();
        ensure!(title == "Help resources", "iframe title is {title:?}");
        ensure!(attr("referrerpolicy").await?.as_deref() == Some("no-referrer"));
        ensure!(attr("allow").await?.as_deref() == Some(""));
        ensure!(attr("loading").await?.as_deref() == Some("eager"));
        let sandbox = attr("sandbox").await?.unwrap_or_default();
        let mut tokens: Vec<&str> = sandbox.split_whitespace().collect();
        tokens.sort_unstable();
        ensure!(
            tokens
                == [
                    "allow-forms",
                    "allow-popups",
                    "allow-popups-to-escape-sandbox",
                    "allow-same-origin",
                    "allow-scripts",
                    "allow-top-navigation-by-user-activation",
                ],
            "sandbox is {sandbox:?}"
        );
        let src = attr("src").await?.unwrap_or_default();
        // The language comes from the partner page's own `lang`.
        ensure!(
            src == format!("{origin}/?lang=en&partner=city-x"),
            "iframe src is {src:?}"
        );
        // The script tag is still where the partner put it; the frame follows it.
        let next_is_frame = client
            .execute(
                "const s = document.querySelector('script[src$=\"/embed.js\"]');
                 return !!s && s.nextElementSibling && s.nextElementSibling.tagName === 'IFRAME';",
                vec![],
            )
            .await?;
        ensure!(
            next_is_frame == json!(true),
            "the frame is not right after the snippet"
        );

        enter_widget(client, frame).await?;
        widget::by_testid(client, "hotline-call").await?;
        widget::by_testid(client, "exit-link").await?;
        let inner = client
            .execute("return [location.origin, document.referrer];", vec![])
            .await?;
        ensure!(inner[0] == json!(origin), "the frame runs on {}", inner[0]);
        ensure!(
            inner[1] == json!(""),
            "the widget learnt the partner page: referrer {}",
            inner[1]
        );
        to_top(client).await?;

        // Every request the browser sent went to the partner or the widget
        // (Chromium's own chrome:// pages aside: they never leave the browser).
        let requests: Vec<_> = session
            .network_requests()
            .await?
            .into_iter()
            .filter(|r| !r.url.starts_with("chrome://"))
            .collect();
        let partner = embed.pages.other_site_origin();
        let elsewhere = lantern_e2e::privacy::requests_elsewhere(
            &requests,
            &[partner.as_str(), origin.as_str()],
        );
        ensure!(
            elsewhere.is_empty(),
            "requests to other origins: {elsewhere:?}"
        );
        ensure!(
            requests.iter().any(|r| r.url == src),
            "the widget page was never requested: {requests:?}"
        );
        Ok(())
    });
}

#[test]
fn the_partner_page_cannot_read_what_is_typed_and_the_partner_id_is_only_counted() {
    lantern_e2e::run(async {
        let embed = Embed::start().await?;
        let origin = embed.widget_origin();
        embed.add_partner_page("/partner", "en", &embed.snippet("data-partner=\"city-x\""));
        let session = Session::at(Viewport::Desktop).await?;
        let client = session.client();
        client.goto(&embed.partner_url("/partner")).await?;
        let frames = widget_frames(client, &origin, 1).await?;

        // The partner's script reaching in directly: refused.
        let reach = client
            .execute(
                "const f = document.querySelector('iframe');
                 const out = { contentDocument: f.contentDocument === null ? 'null' : 'readable' };
                 for (const [name, read] of [
                   ['document', () => f.contentWindow.document.body.innerHTML],
                   ['location', () => f.contentWindow.location.href],
                   ['localStorage', () => f.contentWindow.localStorage.length],
                   ['frames', () => f.contentWindow.frames[0].document],
                 ]) {
                   try { read(); out[name] = 'readable'; } catch (e) { out[name] = e.name; }
                 }
                 return out;",
                vec![],
            )
            .await?;
        ensure!(
            reach["contentDocument"] == "null",
            "contentDocument: {reach}"
        );
        for name in ["document", "location", "localStorage"] {
            ensure!(reach[name] == "SecurityError", "{name}: {reach}");
        }

        let secret = "The manager keeps their passports at 14 Elm Street SECRET-7731";
        enter_widget(client, &frames[0]).await?;
        let receipt = submit_tip(client, secret).await?;
        to_top(client).await?;

        // What the partner's page saw: no keystroke, no input, no focus inside
        // the frame, and messages holding nothing but a height.
        let spied = spy(client).await?;
        let keys = spied["keys"].as_array().cloned().unwrap_or_default();
        ensure!(
            keys.is_empty(),
            "the partner page saw input events: {keys:?}"
        );
        let messages = spied["messages"].as_array().cloned().unwrap_or_default();
        ensure!(
            !messages.is_empty(),
            "no message at all reached the partner page (no resize?)"
        );
        for message in &messages {
            ensure!(
                message["origin"] == json!(origin),
                "message from elsewhere: {message}"
            );
            let data: Value = serde_json::from_str(message["data"].as_str().unwrap_or("null"))?;
            let keys: Vec<&String> = data
                .as_object()
                .map(|m| m.keys().collect())
                .unwrap_or_default();
            ensure!(
                data["type"] == "lantern:height" && keys.len() == 2 && data["height"].is_number(),
                "a message carried more than a height: {data}"
            );
            let height = data["height"].as_f64().unwrap_or(-1.0);
            ensure!(
                height % STEP == 0.0,
                "a height not in 32 px steps: {height}"
            );
        }
        let whole_page = client
            .execute(
                "return document.documentElement.outerHTML + JSON.stringify(window.__spy);",
                vec![],
            )
            .await?;
        let whole_page = whole_page.as_str().unwrap_or_default();
        ensure!(
            !whole_page.contains("SECRET-7731"),
            "the narrative leaked into the partner page"
        );
        ensure!(
            !receipt.is_empty() && !whole_page.contains(&receipt),
            "the receipt leaked into the partner page"
        );

        // The tip arrived, sealed, and the partner id is a counter and nothing more.
        let tip = embed.intake.exported_tip(secret).await?;
        ensure!(
            tip.sealed.tip.partner == "city-x",
            "the stored tip does not name the partner: {tip:?}"
        );
        let (status, metrics) = embed.intake.get("/metrics").await?;
        ensure!(status == 200, "/metrics answered {status}");
        ensure!(
            metrics.contains("lantern_tips_by_partner_total{partner=\"city-x\"} 1"),
            "the partner's tip was not counted:\n{metrics}"
        );
        Ok(())
    });
}

/// Walks the embedded form (in the current frame) the shortest way: types
/// `narrative`, sends the tip and returns the receipt.
async fn submit_tip(client: &Client, narrative: &str) -> Result<String> {
    form::open(client).await?;
    form::to_review(client, narrative).await?;
    widget::click_testid(client, "form-submit").await?;
    form::receipt(client).await
}

#[test]
fn the_frame_follows_the_widget_height_and_ignores_forged_messages() {
    lantern_e2e::run(async {
        let embed = Embed::start().await?;
        let origin = embed.widget_origin();
        let forger = embed.pages.url(FORGER_PATH);
        embed.add_partner_page(
            "/partner",
            "en",
            &format!(
                "<div data-lantern id=\"a\"></div><div data-lantern data-compact id=\"b\"></div>\
                 <iframe id=\"ad\" title=\"Advert\" src=\"{forger}\"></iframe>{}",
                embed.snippet("")
            ),
        );
        let session = Session::at(Viewport::Desktop).await?;
        let client = session.client();
        client.goto(&embed.partner_url("/partner")).await?;
        let frames = widget_frames(client, &origin, 2).await?;
        drop(frames);

        // Genuine messages: each frame takes the height of its own content.
        let full = settled_height(client, &origin, 0).await?;
        let compact = settled_height(client, &origin, 1).await?;
        println!("frame heights at desktop width: full widget {full} px, compact {compact} px");
        ensure!(
            compact < full,
            "compact frame {compact} px is not shorter than the full one {full} px"
        );
        for h in [full, compact] {
            ensure!(
                h % STEP == 0.0 && (MIN_FRAME..=MAX_FRAME).contains(&h),
                "height {h}"
            );
        }
        // A section of another length: the frame follows.
        let frames = widget_frames(client, &origin, 2).await?;
        enter_widget(client, &frames[0]).await?;
        widget::click_testid(client, "nav-signs").await?;
        widget::by_testid(client, "section-signs").await?;
        to_top(client).await?;
        let signs = settled_height(client, &origin, 0).await?;
        ensure!(
            signs != full,
            "the frame stayed {full} px after switching to a longer section"
        );

        // Forgeries: from the partner page itself, and from another origin's frame.
        run_js(
            client,
            "window.postMessage({ type: 'lantern:height', height: 3008 }, '*');",
        )
        .await?;
        let ad = client.find(Locator::Css("#ad")).await?;
        ad.enter_frame().await?;
        run_js(
            client,
            "parent.postMessage({ type: 'lantern:height', height: 2976 }, '*');
             parent.postMessage({ type: 'lantern:exit' }, '*');",
        )
        .await?;
        to_top(client).await?;
        settle().await;
        let heights = frame_heights(client, &origin).await?;
        ensure!(
            heights == [signs, compact],
            "a forged message resized a frame: {heights:?}"
        );
        ensure!(
            client.current_url().await?.as_str() == embed.partner_url("/partner"),
            "a forged exit message moved the page"
        );

        // The widget's own origin but the other frame: only that frame moves.
        let frames = widget_frames(client, &origin, 2).await?;
        frames[1].enter_frame().await?;
        run_js(
            client,
            "parent.postMessage({ type: 'lantern:height', height: 1000 }, '*');",
        )
        .await?;
        to_top(client).await?;
        wait_frame_height(client, &origin, 1, 1024.0).await?;
        ensure!(
            frame_heights(client, &origin).await?[0] == signs,
            "frame b's message moved frame a"
        );

        // Out-of-range and malformed heights from a genuine frame.
        let frames = widget_frames(client, &origin, 2).await?;
        frames[1].enter_frame().await?;
        run_js(
            client,
            "parent.postMessage({ type: 'lantern:height', height: 1e9 }, '*');",
        )
        .await?;
        to_top(client).await?;
        wait_frame_height(client, &origin, 1, MAX_FRAME).await?;
        let frames = widget_frames(client, &origin, 2).await?;
        frames[1].enter_frame().await?;
        run_js(
            client,
            "for (const height of ['512', null, NaN, Infinity, { valueOf: 1 }]) {
               try { parent.postMessage({ type: 'lantern:height', height }, '*'); } catch (e) {}
             }
             parent.postMessage('lantern:height', '*');
             parent.postMessage({ type: 'lantern:height', height: -50 }, '*');",
        )
        .await?;
        to_top(client).await?;
        // Only the last one is a number: it is raised to the floor.
        wait_frame_height(client, &origin, 1, MIN_FRAME).await?;

        // Frame a navigated away to the forger's origin: the same window
        // object, another origin. Its messages are ignored.
        let frames = widget_frames(client, &origin, 2).await?;
        frames[0].enter_frame().await?;
        run_js(client, &format!("location.replace({forger:?});")).await?;
        to_top(client).await?;
        eventually("frame a to show the forger's page", PATIENCE, || async {
            let frames = widget_frames(client, &origin, 2).await?;
            frames[0].enter_frame().await?;
            let here = run_js(client, "return location.href;").await?;
            to_top(client).await?;
            Ok((here.as_str() == Some(forger.as_str())).then_some(()))
        })
        .await?;
        let frames = widget_frames(client, &origin, 2).await?;
        frames[0].enter_frame().await?;
        run_js(
            client,
            "parent.postMessage({ type: 'lantern:height', height: 2400 }, '*');",
        )
        .await?;
        to_top(client).await?;
        settle().await;
        let heights = frame_heights(client, &origin).await?;
        ensure!(
            heights[0] == signs,
            "a message from the frame's new origin resized it: {heights:?}"
        );
        Ok(())
    });
}

#[test]
fn the_quick_exit_takes_the_whole_tab_and_leaves_the_partner_page_out_of_history() {
    lantern_e2e::run(async {
        let embed = Embed::start().await?;
        let origin = embed.widget_origin();
        embed.add_partner_page("/partner", "en", &embed.snippet(""));
        let session = Session::at(Viewport::Phone).await?;
        let client = session.client();
        client.goto(&embed.pages.start_url()).await?;
        client.goto(&embed.partner_url("/partner")).await?;
        let frames = widget_frames(client, &origin, 1).await?;
        enter_widget(client, &frames[0]).await?;
        // A person's click inside the frame: the widget navigates the top
        // page itself (sandbox: top navigation by user activation), to the
        // service's --exit-url since the partner set no data-exit.
        click_exit_link(client).await?;
        to_top(client).await?;
        widget::wait_for_url(client, &embed.pages.exit_url()).await?;
        client.back().await?;
        widget::wait_for_url(client, &embed.pages.start_url())
            .await
            .context("Back after the exit should skip the partner page (location.replace)")?;
        Ok(())
    });
}

#[test]
fn when_the_frame_cannot_navigate_the_tab_the_loader_blanks_the_page_and_leaves() {
    lantern_e2e::run(async {
        let embed = Embed::start().await?;
        let origin = embed.widget_origin();
        let news = embed.pages.url("/news");
        let forger = embed.pages.url(FORGER_PATH);
        embed.add_partner_page(
            "/partner",
            "en",
            &format!(
                "{}<iframe id=\"ad\" title=\"Advert\" src=\"{forger}\"></iframe>",
                embed.snippet(&format!("data-exit=\"{news}\""))
            ),
        );
        let session = Session::at(Viewport::Phone).await?;
        let client = session.client();
        client.goto(&embed.pages.start_url()).await?;
        client.goto(&embed.partner_url("/partner")).await?;
        let frames = widget_frames(client, &origin, 1).await?;
        enter_widget(client, &frames[0]).await?;
        to_top(client).await?;

        // Forged exits (the page itself, another origin's frame) do nothing.
        run_js(client, "window.postMessage({ type: 'lantern:exit' }, '*');").await?;
        client
            .find(Locator::Css("#ad"))
            .await?
            .enter_frame()
            .await?;
        run_js(client, "parent.postMessage({ type: 'lantern:exit' }, '*');").await?;
        to_top(client).await?;
        settle().await;
        ensure!(
            client.current_url().await?.as_str() == embed.partner_url("/partner"),
            "a forged exit message moved the page"
        );

        // The fixed message from the widget's frame, as the widget sends it
        // when the browser refuses it the top page (no user activation here).
        // (The advert goes first, so the page's last look counts our frame only.)
        run_js(client, "document.getElementById('ad').remove();").await?;
        let frames = widget_frames(client, &origin, 1).await?;
        frames[0].enter_frame().await?;
        run_js(client, "parent.postMessage({ type: 'lantern:exit' }, '*');").await?;
        to_top(client).await?;
        widget::wait_for_url(client, &news).await?;
        let hits = embed.pages.hits();
        ensure!(
            hits.iter()
                .any(|hit| hit == "POST /record?display=none&frames=0"),
            "the partner page was not blanked before leaving; its last look: {hits:?}"
        );
        client.back().await?;
        widget::wait_for_url(client, &embed.pages.start_url())
            .await
            .context("Back after the exit should skip the partner page (location.replace)")?;
        Ok(())
    });
}

#[test]
fn the_shift_shortcut_inside_the_frame_leaves_through_the_loader() {
    lantern_e2e::run(async {
        let embed = Embed::start().await?;
        let origin = embed.widget_origin();
        let news = embed.pages.url("/news");
        embed.add_partner_page(
            "/partner",
            "en",
            &embed.snippet(&format!("data-exit=\"{news}\"")),
        );
        let session = Session::at(Viewport::Desktop).await?;
        let client = session.client();
        client.goto(&embed.pages.start_url()).await?;
        client.goto(&embed.partner_url("/partner")).await?;
        let frames = widget_frames(client, &origin, 1).await?;
        enter_widget(client, &frames[0]).await?;
        // Focus into the frame the way a person does, on plain text, then
        // let that click's user activation run out (Chromium keeps it 5 s):
        // Shift presses do not renew it, so the widget cannot navigate the
        // tab itself and must ask the loader.
        let heading = run_js(
            client,
            "return document.querySelector('#lantern h1, #lantern h2');",
        )
        .await?;
        widget::element_from_js(client, &heading)
            .context("no heading in the widget to click")?
            .click()
            .await?;
        tokio::time::sleep(Duration::from_secs(6)).await;
        for _ in 0..3 {
            widget::press_shift(client).await?;
        }
        to_top(client).await?;
        widget::wait_for_url(client, &news).await?;
        let hits = embed.pages.hits();
        ensure!(
            hits.iter()
                .any(|hit| hit == "POST /record?display=none&frames=0"),
            "the exit did not go through the loader's blanking; the page's last look: {hits:?}"
        );
        client.back().await?;
        widget::wait_for_url(client, &embed.pages.start_url()).await?;
        Ok(())
    });
}

#[test]
fn an_origin_not_on_the_allow_list_sees_nothing_embedded() {
    lantern_e2e::run(async {
        let embed = Embed::start().await?;
        let origin = embed.widget_origin();
        embed.add_partner_page("/partner", "en", &embed.snippet(""));

        // What the service says: only the partner may frame it.
        let csp = frame_ancestors(&embed).await?;
        ensure!(
            csp.contains(&embed.pages.other_site_origin()) && !csp.contains(&embed.pages.origin()),
            "frame-ancestors is {csp:?}"
        );

        let session = Session::at(Viewport::Desktop).await?;
        let client = session.client();
        // Control: the allow-listed origin gets the widget.
        client.goto(&embed.partner_url("/partner")).await?;
        let frames = widget_frames(client, &origin, 1).await?;
        enter_widget(client, &frames[0]).await?;
        to_top(client).await?;

        // The same page from another origin: the frame is there, empty.
        client.goto(&embed.stranger_url("/partner")).await?;
        let frames = widget_frames(client, &origin, 1).await?;
        // Give the refused frame the time the allowed one needed, and more.
        tokio::time::sleep(Duration::from_secs(3)).await;
        frames[0].enter_frame().await?;
        let inside = run_js(
            client,
            "return [location.href, !!document.getElementById('lantern'), document.body ? document.body.innerText : ''];",
        )
        .await?;
        to_top(client).await?;
        ensure!(
            inside[1] == json!(false)
                && !inside[0].as_str().unwrap_or_default().starts_with(&origin),
            "the widget rendered inside a page not on the allow-list: {inside}"
        );
        ensure!(
            !inside[2].as_str().unwrap_or_default().contains("888"),
            "widget content shown to a page not on the allow-list: {inside}"
        );
        let spied = spy(client).await?;
        ensure!(
            spied["messages"].as_array().is_some_and(Vec::is_empty),
            "the refused frame still talked to the page: {}",
            spied["messages"]
        );
        Ok(())
    });
}

/// The `frame-ancestors` directive the service sends with the widget page.
async fn frame_ancestors(embed: &Embed) -> Result<String> {
    let port = url::Url::parse(&embed.widget_origin())?
        .port()
        .context("no port")?;
    lantern_e2e::intake::frame_ancestors(port).await
}

#[test]
fn each_option_reaches_the_widget_and_bad_ones_are_refused_with_a_warning() {
    lantern_e2e::run(async {
        let embed = Embed::start().await?;
        let origin = embed.widget_origin();
        let news = embed.pages.url("/news");
        let session = Session::at(Viewport::Desktop).await?;
        let client = session.client();

        // Every option, well formed.
        embed.add_partner_page(
            "/all",
            "en",
            &embed.snippet(&format!(
                "data-lang=\"es\" data-sections=\"report,help\" data-accent=\"#0b7285\" \
                 data-partner=\"city-x\" data-exit=\"{news}\""
            )),
        );
        client.goto(&embed.partner_url("/all")).await?;
        let frames = widget_frames(client, &origin, 1).await?;
        let src = frames[0].attr("src").await?.unwrap_or_default();
        let query: Vec<(String, String)> =
            url::Url::parse(&src)?.query_pairs().into_owned().collect();
        let expected: Vec<(String, String)> = [
            ("lang", "es"),
            ("sections", "report,help"),
            ("accent", "#0b7285"),
            ("partner", "city-x"),
            ("exit", news.as_str()),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        ensure!(query == expected, "iframe query {query:?}");
        ensure!(frames[0].attr("title").await?.as_deref() == Some("Recursos de ayuda"));
        enter_widget(client, &frames[0]).await?;
        let seen = run_js(
            client,
            "const nav = [...document.querySelectorAll('[data-testid^=\"nav-\"]')]
               .filter((e) => e.checkVisibility()).map((e) => e.dataset.testid);
             const shown = [...document.querySelectorAll('[data-testid^=\"section-\"]')]
               .filter((e) => !e.hidden).map((e) => e.dataset.testid);
             const app = document.querySelector('.lx-app');
             return { lang: document.documentElement.lang, nav, shown,
                      accent: app ? getComputedStyle(app).getPropertyValue('--lx-accent').trim() : null };",
        )
        .await?;
        ensure!(seen["lang"] == "es", "language: {seen}");
        ensure!(
            seen["nav"] == json!(["nav-report", "nav-help"]),
            "sections and order: {seen}"
        );
        ensure!(
            seen["shown"] == json!(["section-report"]),
            "first section shown: {seen}"
        );
        ensure!(seen["accent"] == "#0b7285", "accent: {seen}");
        // The partner's exit URL, from a person's click.
        click_exit_link(client).await?;
        to_top(client).await?;
        widget::wait_for_url(client, &news).await?;

        // Bad values: dropped by the loader, each with a console warning; the
        // language follows the partner page's own.
        embed.add_partner_page(
            "/bad",
            "es-MX",
            &embed.snippet(
                "data-sections=\"help,bogus\" data-accent=\"#ffff00\" data-partner=\"City X\" \
                 data-exit=\"javascript:alert(1)\"",
            ),
        );
        client.goto(&embed.partner_url("/bad")).await?;
        let frames = widget_frames(client, &origin, 1).await?;
        let src = frames[0].attr("src").await?.unwrap_or_default();
        ensure!(
            src == format!("{origin}/?lang=es&sections=help"),
            "iframe src {src:?}"
        );
        let warnings = spy(client).await?["warnings"].clone();
        let text = warnings.to_string();
        for needle in ["bogus", "#ffff00", "4.5:1", "City X", "javascript:alert(1)"] {
            ensure!(
                text.contains(needle),
                "no console warning mentions {needle:?}: {warnings}"
            );
        }
        enter_widget(client, &frames[0]).await?;
        let lang = run_js(client, "return document.documentElement.lang;").await?;
        ensure!(
            lang == "es",
            "language from the partner page's lang: {lang}"
        );

        // Placeholders take their own settings and fall back to the script's;
        // compact is on for an empty attribute and off for "false".
        embed.add_partner_page(
            "/spots",
            "en",
            &format!(
                "<div data-lantern data-compact></div><div data-lantern data-lang=\"en\" data-compact=\"false\"></div>{}",
                embed.snippet("data-lang=\"es\" data-partner=\"city-x\"")
            ),
        );
        client.goto(&embed.partner_url("/spots")).await?;
        let frames = widget_frames(client, &origin, 2).await?;
        let first = frames[0].attr("src").await?.unwrap_or_default();
        let second = frames[1].attr("src").await?.unwrap_or_default();
        ensure!(
            first == format!("{origin}/?lang=es&partner=city-x&compact=1"),
            "first {first:?}"
        );
        ensure!(
            second == format!("{origin}/?lang=en&partner=city-x"),
            "second {second:?}"
        );
        let placed = run_js(
            client,
            "return [...document.querySelectorAll('[data-lantern]')].map((d) => d.querySelectorAll('iframe').length);",
        )
        .await?;
        ensure!(placed == json!([1, 1]), "frames per placeholder: {placed}");

        // Compact: the hotline block and the exit, nothing else.
        enter_widget(client, &frames[0]).await?;
        widget::by_testid(client, "hotline-call").await?;
        widget::by_testid(client, "exit-link").await?;
        for absent in ["nav-help", "nav-report", "section-report", "section-signs"] {
            ensure!(
                widget::all_by_testid(client, absent).await?.is_empty(),
                "compact mode shows {absent}"
            );
        }
        to_top(client).await?;
        let frames = widget_frames(client, &origin, 2).await?;
        enter_widget(client, &frames[1]).await?;
        widget::by_testid(client, "nav-report").await?;
        Ok(())
    });
}

/// The demo pages as shipped, with make run's widget origin swapped for the
/// test's, served from the allow-listed partner origin.
fn add_demo_pages(embed: &Embed) -> Result<()> {
    let dir = lantern_e2e::paths::workspace_root().join("public/demo");
    for name in [
        "city-en.html",
        "ciudad-es.html",
        "sidebar.html",
        "partner.css",
    ] {
        let text = std::fs::read_to_string(dir.join(name))
            .with_context(|| format!("reading public/demo/{name}"))?;
        let text = text
            .replace("http://127.0.0.1:8080", &embed.widget_origin())
            .replace("https://www.bbc.com/mundo", &embed.pages.url("/news"));
        let content_type = if name.ends_with(".css") {
            "text/css; charset=utf-8"
        } else {
            "text/html; charset=utf-8"
        };
        embed.pages.add(
            &format!("/demo/{name}"),
            Page::bytes(content_type, text.into_bytes()),
        );
    }
    Ok(())
}

#[test]
fn the_demo_pages_hostile_css_leaves_the_widget_whole_and_axe_clean() {
    lantern_e2e::run(async {
        let embed = Embed::start().await?;
        let origin = embed.widget_origin();
        add_demo_pages(&embed)?;
        for viewport in [Viewport::Phone, Viewport::Desktop] {
            let session = Session::at(viewport).await?;
            let client = session.client();
            for (page, lang, compact) in [
                ("city-en.html", "en", false),
                ("ciudad-es.html", "es", false),
                ("sidebar.html", "en", true),
            ] {
                let state = format!("{page} at {viewport:?}");
                client
                    .goto(&embed.partner_url(&format!("/demo/{page}")))
                    .await?;
                let frames = widget_frames(client, &origin, 1).await?;
                // The partner's `iframe { … !important }` rules lost to the loader's.
                let look = run_js(
                    client,
                    "const f = document.querySelector('iframe'); const s = getComputedStyle(f);
                     const parent = f.parentElement.getBoundingClientRect();
                     const ps = getComputedStyle(f.parentElement);
                     const inner = parent.width - parseFloat(ps.paddingLeft) - parseFloat(ps.paddingRight)
                       - parseFloat(ps.borderLeftWidth) - parseFloat(ps.borderRightWidth);
                     return { display: s.display, border: s.borderTopWidth, opacity: s.opacity,
                              margin: s.marginTop, width: f.getBoundingClientRect().width, inner };",
                )
                .await?;
                ensure!(look["display"] == "block", "{state}: {look}");
                ensure!(look["border"] == "0px", "{state}: {look}");
                ensure!(look["opacity"] == "1", "{state}: {look}");
                ensure!(look["margin"] == "0px", "{state}: {look}");
                let (width, inner) = (
                    look["width"].as_f64().unwrap_or(0.0),
                    look["inner"].as_f64().unwrap_or(-1.0),
                );
                ensure!(
                    (width - inner).abs() < 1.0,
                    "{state}: the frame does not fill its spot: {look}"
                );

                enter_widget(client, &frames[0]).await?;
                let inside = run_js(
                    client,
                    "const e = document.querySelector('[data-testid=\"exit-link\"]').getBoundingClientRect();
                     return { lang: document.documentElement.lang, nav: !!document.querySelector('[data-testid=\"nav-help\"]'),
                              font: getComputedStyle(document.body).fontFamily, x: e.x + e.width / 2, y: e.y + e.height / 2 };",
                )
                .await?;
                ensure!(inside["lang"] == lang, "{state}: {inside}");
                ensure!(
                    inside["nav"] == json!(!compact),
                    "{state}: compact={compact} but {inside}"
                );
                ensure!(
                    !inside["font"]
                        .as_str()
                        .unwrap_or_default()
                        .contains("Comic Sans"),
                    "{state}: the partner's font reached the widget: {inside}"
                );
                let content = expected_height(client).await?;
                println!("{state}: the widget asks for a {content} px frame");
                axe::check(client, &format!("the embedded widget on {state}")).await?;
                to_top(client).await?;
                // Nothing of the partner's (sticky header, fixed badge) sits on the exit link.
                let on_top = client
                    .execute(
                        "const f = document.querySelector('iframe'); const r = f.getBoundingClientRect();
                         // Scroll the exit link to mid-screen, where a person meets it.
                         window.scrollBy(0, r.y + arguments[1] - innerHeight / 2);
                         const r2 = f.getBoundingClientRect();
                         return document.elementFromPoint(r2.x + arguments[0], r2.y + arguments[1]) === f;",
                        vec![inside["x"].clone(), inside["y"].clone()],
                    )
                    .await?;
                ensure!(
                    on_top == json!(true),
                    "{state}: something of the partner's covers the exit link"
                );
                // The loader's pinned exit: above the partner's fixed badge,
                // on screen, and untouched by the partner's `* { … }` rules.
                let pin = client
                    .execute(
                        "const pin = document.querySelector('lantern-exit'); const r = pin.getBoundingClientRect();
                         const a = pin.shadowRoot.querySelector('a');
                         return { onTop: document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === pin,
                                  inView: r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth,
                                  font: getComputedStyle(a).fontFamily, bg: getComputedStyle(a).backgroundColor };",
                        vec![],
                    )
                    .await?;
                ensure!(
                    pin["onTop"] == true && pin["inView"] == true,
                    "{state}: the pinned exit is covered or off screen: {pin}"
                );
                ensure!(
                    !pin["font"]
                        .as_str()
                        .unwrap_or_default()
                        .contains("Comic Sans")
                        && pin["bg"] == "rgb(164, 22, 26)",
                    "{state}: the partner's styles reached the pinned exit: {pin}"
                );
            }
        }
        Ok(())
    });
}

#[test]
fn the_loader_is_small_and_served_to_other_origins() {
    lantern_e2e::run(async {
        // What the build made of embed/embed.js (minified by terser).
        let path = lantern_e2e::paths::dist_dir()?.join("embed.js");
        let built = std::fs::read_to_string(&path)?;
        let readable =
            std::fs::read_to_string(lantern_e2e::paths::workspace_root().join("embed/embed.js"))?;
        ensure!(
            built.len() < 4608,
            "embed.js is {} bytes; the budget is 4.5 KB",
            built.len()
        );
        ensure!(
            built.len() < readable.len() / 2 && built.starts_with("/*! Lantern embed loader."),
            "dist/embed.js is not the minified loader ({} bytes, its source {})",
            built.len(),
            readable.len()
        );
        println!("embed.js: {} bytes", built.len());
        let embed = Embed::start().await?;
        let (status, body) = embed.intake.get("/embed.js").await?;
        ensure!(status == 200, "GET /embed.js answered {status}");
        ensure!(
            body == built,
            "the service serves another embed.js than the build's (rebuild dist/)"
        );
        Ok(())
    });
}

/// Scrolls the partner's page so the element `selector` in the (first)
/// widget frame is in the middle of the screen, as a person does before
/// touching it, and leaves WebDriver inside that frame. (The harness's own
/// centring happens inside the frame, which is as tall as its content, so
/// it leaves the element anywhere on the partner's screen, under the pinned
/// exit even.)
async fn to_middle_in_frame(client: &Client, origin: &str, selector: &str) -> Result<()> {
    let frames = widget_frames_any(client, origin).await?;
    frames
        .first()
        .context("no widget frame")?
        .enter_frame()
        .await?;
    let y = widget::eventually(&format!("{selector} in the frame"), PATIENCE, || async {
        Ok(run_js(
            client,
            &format!(
                "const e = document.querySelector({selector:?});
                 return e ? e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2 : null;"
            ),
        )
        .await?
        .as_f64())
    })
    .await?;
    to_top(client).await?;
    client
        .execute(
            "const f = document.querySelector('iframe');
             window.scrollBy(0, f.getBoundingClientRect().top + arguments[0] - innerHeight / 2);",
            vec![json!(y)],
        )
        .await?;
    let frames = widget_frames_any(client, origin).await?;
    frames
        .first()
        .context("no widget frame")?
        .enter_frame()
        .await?;
    Ok(())
}

/// A partner page long enough to scroll well past the widget: paragraphs
/// above and below the snippet.
fn long_partner_body(snippet: &str) -> String {
    let filler = |part: &str| -> String {
        (1..=25)
            .map(|n| format!("<p>{part} paragraph {n}: the partner's own news, opening hours and notices, long enough to wrap.</p>"))
            .collect()
    };
    format!("{}{snippet}{}", filler("Upper"), filler("Lower"))
}

/// Where the loader's pinned exit is, with the page scrolled so that the
/// point `at` of the page (`"page-top"`, `"form-top"`, `"form-middle"`,
/// `"form-bottom"`, `"page-bottom"`) is in the middle of the screen (or the
/// page is at its top or bottom). Also says where the widget's own exit
/// bar is, to show it is off screen.
async fn pinned_exit_at(client: &Client, at: &str) -> Result<Value> {
    Ok(client
        .execute(
            "const at = arguments[0];
             const f = document.querySelector('iframe');
             const page = document.documentElement;
             const top = (y) => y + scrollY;
             const frame = f.getBoundingClientRect();
             const y = { 'page-top': 0, 'page-bottom': page.scrollHeight,
                         'form-top': top(frame.top) - innerHeight / 2,
                         'form-middle': top(frame.top) + frame.height / 2 - innerHeight / 2,
                         'form-bottom': top(frame.bottom) - innerHeight / 2 }[at];
             window.scrollTo(0, y);
             const pin = document.querySelector('lantern-exit');
             if (!pin) return { at, pin: null };
             const r = pin.getBoundingClientRect();
             const link = pin.shadowRoot && pin.shadowRoot.querySelector('a');
             const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
             const bar = f.getBoundingClientRect().top;
             return { at, scrollY, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                      width: r.width, height: r.height, innerWidth, innerHeight,
                      onTop: hit === pin, text: link && link.textContent, lang: link && link.lang,
                      href: link && link.getAttribute('href'),
                      frameBar: bar };",
            vec![json!(at)],
        )
        .await?)
}

/// Issue 14, item 1: embedded on a 360 × 740 phone, the frame is as tall as
/// the form, so the widget's exit bar scrolls away with the partner's page.
/// The loader's own exit stays on screen, in the bottom part where a thumb
/// reaches, at the top, middle and bottom of the form and of the partner's
/// page, on top of everything the partner has; one tap leaves the tab for
/// the neutral page, and Back does not return. In both languages.
#[test]
fn the_pinned_exit_stays_in_reach_on_a_phone_and_leaves_for_good() {
    lantern_e2e::run(async {
        let embed = Embed::start().await?;
        let origin = embed.widget_origin();
        let exit = embed.pages.exit_url();
        let session = Session::at(Viewport::PhoneShort).await?;
        let client = session.client();
        for (lang, words, tap_at) in [
            ("en", "Leave this site", "form-bottom"),
            ("es", "Salir de este sitio", "page-bottom"),
        ] {
            let path = format!("/long-{lang}");
            // The partner's own chat badge, fixed bottom right at the
            // highest z-index, as the research on quick exits warns of.
            embed.pages.add(
                "/badge.css",
                Page::bytes(
                    "text/css; charset=utf-8",
                    b".chat-badge { position: fixed; right: 0; bottom: 0; width: 240px; height: 90px; z-index: 2147483647; background: #ffe08a; }".to_vec(),
                ),
            );
            embed.add_partner_page(
                &path,
                lang,
                &long_partner_body(&format!(
                    "<link rel=\"stylesheet\" href=\"/badge.css\">{}<div class=\"chat-badge\">Chat with us</div>",
                    embed.snippet(&format!("data-exit=\"{exit}\""))
                )),
            );
            client.goto(&embed.pages.start_url()).await?;
            client.goto(&embed.partner_url(&path)).await?;
            let frames = widget_frames(client, &origin, 1).await?;
            // The form open, as a person would have it: the frame grows.
            enter_widget(client, &frames[0]).await?;
            to_top(client).await?;
            to_middle_in_frame(client, &origin, "[data-testid=\"nav-report\"]").await?;
            form::open(client).await?;
            to_top(client).await?;
            let height = settled_height(client, &origin, 0).await?;
            ensure!(
                height > 1500.0,
                "{lang}: the frame is only {height} px tall"
            );

            for at in [
                "page-top",
                "form-top",
                "form-middle",
                "form-bottom",
                "page-bottom",
            ] {
                let pin = pinned_exit_at(client, at).await?;
                let f = |k: &str| pin[k].as_f64().unwrap_or(f64::NAN);
                let state = format!("{lang}, {at}: {pin}");
                ensure!(pin["top"].is_number(), "no pinned exit: {state}");
                ensure!(
                    f("left") >= 0.0
                        && f("right") <= f("innerWidth")
                        && f("top") >= f("innerHeight") / 2.0
                        && f("bottom") <= f("innerHeight"),
                    "the pinned exit is not on screen in the bottom half: {state}"
                );
                ensure!(
                    f("width") >= 44.0 && f("height") >= 44.0,
                    "the pinned exit is smaller than 44 × 44 px: {state}"
                );
                ensure!(
                    pin["onTop"] == true,
                    "something covers the pinned exit: {state}"
                );
                ensure!(
                    pin["text"] == words && pin["lang"] == lang && pin["href"] == exit,
                    "the pinned exit's words, language or address: {state}"
                );
                if at == "form-middle" {
                    // The frame's top is its exit bar (61 px tall).
                    ensure!(
                        f("frameBar") < -61.0,
                        "the widget's own exit bar should be off screen here: {state}"
                    );
                    println!(
                        "{lang}: at the middle of the form the widget's exit bar is {} px above the screen; the pinned exit is at {}..{} px",
                        -f("frameBar"),
                        f("top"),
                        f("bottom")
                    );
                }
            }

            pinned_exit_at(client, tap_at).await?;
            client
                .find(Locator::Css("lantern-exit"))
                .await?
                .click()
                .await
                .with_context(|| format!("{lang}: tapping the pinned exit at {tap_at}"))?;
            widget::wait_for_url(client, &exit).await?;
            let hits = embed.pages.hits();
            ensure!(
                hits.iter()
                    .any(|hit| hit == "POST /record?display=none&frames=0"),
                "{lang}: the partner page was not blanked before leaving: {hits:?}"
            );
            client.back().await?;
            widget::wait_for_url(client, &embed.pages.start_url())
                .await
                .with_context(|| {
                    format!("{lang}: Back after the pinned exit should skip the partner page")
                })?;
        }
        Ok(())
    });
}

/// The pinned exit takes the language the frame gets: from `data-lang`, else
/// the page's `lang`, else the browser's languages, as the widget does.
#[test]
fn the_pinned_exit_speaks_the_frames_language_and_comes_once() {
    lantern_e2e::run(async {
        let embed = Embed::start().await?;
        let origin = embed.widget_origin();
        let session = Session::at(Viewport::PhoneShort).await?;
        let client = session.client();
        // Two frames on a French page; the first placeholder asks for Spanish.
        embed.add_partner_page(
            "/two",
            "fr",
            &format!(
                "<div data-lantern data-lang=\"es\"></div><div data-lantern data-compact></div>{}",
                embed.snippet("")
            ),
        );
        client.goto(&embed.partner_url("/two")).await?;
        widget_frames(client, &origin, 2).await?;
        let pins = run_js(
            client,
            "return [...document.querySelectorAll('lantern-exit')].map((p) => [p.shadowRoot.querySelector('a').textContent, p.shadowRoot.querySelector('a').lang]);",
        )
        .await?;
        ensure!(
            pins == json!([["Salir de este sitio", "es"]]),
            "one pinned exit, in the first frame's language: {pins}"
        );
        // The page's own `lang`, else the browser's (English here).
        for (page_lang, words) in [("es-MX", "Salir de este sitio"), ("fr", "Leave this site")] {
            embed.add_partner_page("/one", page_lang, &embed.snippet(""));
            client.goto(&embed.partner_url("/one")).await?;
            widget_frames(client, &origin, 1).await?;
            let text = run_js(
                client,
                "return document.querySelector('lantern-exit').shadowRoot.querySelector('a').textContent;",
            )
            .await?;
            ensure!(
                text == words,
                "page lang {page_lang}: the pinned exit says {text}"
            );
        }
        Ok(())
    });
}

/// Issue 14, item 6, embedded: on a phone, "yes, someone is in danger now"
/// brings the 911 and hotline panel onto the partner page's screen (the
/// partner's page is what scrolls) and gives it focus, in both languages.
#[test]
fn embedded_on_a_phone_yes_brings_the_help_panel_into_view() {
    lantern_e2e::run(async {
        let embed = Embed::start().await?;
        let origin = embed.widget_origin();
        let session = Session::at(Viewport::PhoneShort).await?;
        let client = session.client();
        for (lang, question, yes) in [
            ("en", "Is someone in danger right now?", "Yes"),
            ("es", "¿Hay alguien en peligro ahora mismo?", "Sí"),
        ] {
            let path = format!("/danger-{lang}");
            embed.add_partner_page(&path, lang, &long_partner_body(&embed.snippet("")));
            client.goto(&embed.partner_url(&path)).await?;
            let frames = widget_frames(client, &origin, 1).await?;
            enter_widget(client, &frames[0]).await?;
            to_top(client).await?;
            to_middle_in_frame(client, &origin, "[data-testid=\"nav-report\"]").await?;
            form::open(client).await?;
            to_top(client).await?;
            to_middle_in_frame(client, &origin, "[data-testid=\"form-progress\"]").await?;
            form::choose(client, question, yes).await?;
            to_top(client).await?;
            let seen = eventually(
                &format!("{lang}: the danger panel focused and on the partner's screen"),
                PATIENCE,
                || async {
                    let frames = widget_frames_any(client, &origin).await?;
                    let frame = frames.first().context("no frame")?;
                    let outer = run_js(
                        client,
                        "const r = document.querySelector('iframe').getBoundingClientRect(); return [r.top, innerHeight];",
                    )
                    .await?;
                    frame.enter_frame().await?;
                    let inner = run_js(
                        client,
                        "const p = document.querySelector('[data-testid=\"form-danger\"]');
                         return p ? [p.getBoundingClientRect().top, document.activeElement === p] : null;",
                    )
                    .await?;
                    to_top(client).await?;
                    if inner.is_null() {
                        return Ok(None);
                    }
                    let top = outer[0].as_f64().unwrap_or(f64::NAN) + inner[0].as_f64().unwrap_or(f64::NAN);
                    let height = outer[1].as_f64().unwrap_or(0.0);
                    Ok((inner[1] == true && (0.0..height / 2.0).contains(&top)).then_some(top))
                },
            )
            .await?;
            println!("{lang}: embedded, the danger panel came to {seen} px from the top of the partner's screen");
        }
        Ok(())
    });
}
