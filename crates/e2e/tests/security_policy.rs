//! The widget's page under the service's real security policy (issue 8): the
//! headers are there on the page and the API, and a whole visit in the
//! browser raises not a single Content-Security-Policy violation or error.

use lantern_e2e::driver::{Options, Session};
use lantern_e2e::stage::Stage;
use lantern_e2e::widget::{self, by_testid, open, press_shift};
use lantern_e2e::{ensure, form, run, Result};

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, value)| value.as_str())
}

#[test]
fn the_page_and_the_api_carry_the_security_headers() {
    run(async {
        let stage = Stage::start().await?;
        for path in ["/", "/v1/openapi.json"] {
            let (status, headers, _) = stage.intake.get_with_headers(path).await?;
            ensure!(status == 200, "GET {path} answered {status}");
            let csp = header(&headers, "content-security-policy").unwrap_or_default();
            ensure!(
                csp.contains("default-src 'none'"),
                "GET {path}: CSP lacks default-src 'none': {csp:?}"
            );
            ensure!(
                !csp.contains("'unsafe-inline'") && !csp.contains("'unsafe-eval'"),
                "GET {path}: CSP allows unsafe code: {csp:?}"
            );
            ensure!(
                csp.contains("frame-ancestors"),
                "GET {path}: CSP has no frame-ancestors: {csp:?}"
            );
            for (name, wanted) in [
                ("referrer-policy", "no-referrer"),
                ("x-content-type-options", "nosniff"),
            ] {
                ensure!(
                    header(&headers, name) == Some(wanted),
                    "GET {path}: {name} is {:?}, expected {wanted}",
                    header(&headers, name)
                );
            }
            let cache = header(&headers, "cache-control").unwrap_or_default();
            ensure!(
                cache.contains("no-store"),
                "GET {path}: Cache-Control is {cache:?}"
            );
            let permissions = header(&headers, "permissions-policy").unwrap_or_default();
            for feature in ["camera=()", "microphone=()", "geolocation=()"] {
                ensure!(
                    permissions.contains(feature),
                    "GET {path}: Permissions-Policy lacks {feature}: {permissions:?}"
                );
            }
            ensure!(
                header(&headers, "set-cookie").is_none(),
                "GET {path} sets a cookie"
            );
        }
        Ok(())
    });
}

#[test]
fn a_whole_visit_raises_no_policy_violation_or_error() {
    run(async {
        let stage = Stage::start().await?;
        let session = Session::open(Options {
            network_log: true,
            ..Options::default()
        })
        .await?;
        session.console_messages().await?;
        open(&session, &stage.intake.widget_url("lang=en")).await?;
        for lang in ["en", "es"] {
            widget::click_testid(&session, &format!("lang-{lang}")).await?;
            for section in ["help", "signs", "me", "report"] {
                widget::click_testid(&session, &format!("nav-{section}")).await?;
                by_testid(&session, &format!("section-{section}")).await?;
            }
        }
        press_shift(&session).await?;
        form::open(&session).await?;
        form::to_review(&session, "Una visita completa, sin errores.").await?;
        widget::click_testid(&session, "form-submit").await?;
        form::receipt(&session).await?;
        let messages = session.console_messages().await?;
        let bad: Vec<&String> = messages
            .iter()
            // Warnings too: a header the browser cannot read (a Permissions-
            // Policy feature it does not know) is only a warning.
            .filter(|m| {
                m.starts_with("SEVERE")
                    || m.starts_with("WARNING")
                    || m.contains("Content Security Policy")
                    || m.contains("Refused to")
            })
            .collect();
        ensure!(
            bad.is_empty(),
            "the visit logged policy violations, errors or warnings:\n{bad:#?}"
        );
        let result: Result<()> = Ok(());
        result
    });
}
