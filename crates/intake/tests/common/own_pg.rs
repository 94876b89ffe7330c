//! A PostgreSQL of a test's own (scripts/pg.sh), for tests that stop,
//! restart or fill it, so no other test is disturbed. Stopped and removed
//! on drop.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A PostgreSQL started by scripts/pg.sh; stopped and removed on drop.
pub struct OwnPostgres {
    /// Its directory (data, socket, log).
    pub dir: String,
    /// `postgres://…` of its `lantern` database.
    pub url: String,
}

impl OwnPostgres {
    /// Starts one.
    pub fn start() -> Self {
        let output = Command::new(repo_root().join("scripts/pg.sh"))
            .arg("start")
            .output()
            .expect("run scripts/pg.sh");
        assert!(
            output.status.success(),
            "scripts/pg.sh start failed (is PostgreSQL installed? scripts/toolchain.sh test installs it): {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let text = String::from_utf8(output.stdout).unwrap();
        let value = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{name}=")))
                .unwrap_or_else(|| panic!("pg.sh printed no {name}: {text}"))
                .to_owned()
        };
        OwnPostgres {
            dir: value("LANTERN_PG_DIR"),
            url: value("LANTERN_TEST_PG"),
        }
    }

    /// `pg_ctl stop` or `start` on the same data directory and port.
    pub fn pg_ctl(&self, action: &str) {
        self.pg_ctl_with(action, "fast");
    }

    /// `pg_ctl ACTION -m MODE` (`immediate` is a crash: no checkpoint).
    pub fn pg_ctl_with(&self, action: &str, mode: &str) {
        let bindir = std::fs::read_dir("/usr/lib/postgresql")
            .unwrap()
            .map(|e| e.unwrap().path().join("bin"))
            .max()
            .unwrap();
        let port = self
            .url
            .rsplit(':')
            .next()
            .unwrap()
            .split('/')
            .next()
            .unwrap();
        let options = format!("-p {port} -k {} -c listen_addresses=127.0.0.1", self.dir);
        let data = format!("{}/data", self.dir);
        let log = format!("{}/server.log", self.dir);
        let pg_ctl = bindir.join("pg_ctl");
        let mut command = if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(pg_ctl);
            c
        } else {
            Command::new(pg_ctl)
        };
        command.args([
            "-D", &data, "-l", &log, "-w", "-m", mode, "-o", &options, action,
        ]);
        let status = command.status().expect("run pg_ctl");
        assert!(status.success(), "pg_ctl {action} failed");
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.trim_ascii() == b"0")
        .unwrap_or(false)
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        let _ = Command::new(repo_root().join("scripts/pg.sh"))
            .args(["stop", &self.dir])
            .status();
    }
}
