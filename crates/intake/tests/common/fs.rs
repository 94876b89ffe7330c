//! Real filesystems that fail, for the fault tests: a small tmpfs that fills
//! up (and can be grown again), and ext4 on a loop device that an injected
//! error turns read-only. Both need root (mount); elsewhere the tests that
//! use them say so and skip, unless `LANTERN_FAULTS=require` (set by
//! `make test` when it runs as root), which makes a skip a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether this process may mount filesystems; `false` means skip, with a
/// line saying why (or a panic when `LANTERN_FAULTS=require`).
pub fn can_mount(test: &str) -> bool {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    if root {
        return true;
    }
    assert!(
        std::env::var("LANTERN_FAULTS").as_deref() != Ok("require"),
        "{test}: LANTERN_FAULTS=require but not root: cannot mount a filesystem to fill"
    );
    println!("SKIPPED {test}: needs root to mount a small filesystem (make test runs it as root)");
    false
}

fn run(program: &str, args: &[&str]) {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e}"));
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A tmpfs mounted on a directory of its own, unmounted on drop.
pub struct Tmpfs {
    /// Where it is mounted.
    pub path: PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs of `megabytes` MB. Its directory is in `/tmp` and
    /// open to traverse (0755), not in `$TMPDIR`, which `make test` makes
    /// 0700: PostgreSQL, as its own user, must reach a tablespace on it.
    pub fn mount(megabytes: u32) -> Tmpfs {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::Builder::new()
            .prefix("lantern-tmpfs.")
            .tempdir_in("/tmp")
            .unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = dir.path().join("mnt");
        std::fs::create_dir(&path).unwrap();
        run(
            "mount",
            &[
                "-t",
                "tmpfs",
                "-o",
                &format!("size={megabytes}m,mode=0755"),
                "tmpfs",
                path.to_str().unwrap(),
            ],
        );
        Tmpfs { path, _dir: dir }
    }

    /// Grows (or shrinks) it to `megabytes` MB, files and all in place.
    pub fn resize(&self, megabytes: u32) {
        run(
            "mount",
            &[
                "-o",
                &format!("remount,size={megabytes}m"),
                self.path.to_str().unwrap(),
            ],
        );
    }

    /// Fills what is left with a file, so the next allocation fails; returns
    /// the file, whose removal frees the space again.
    pub fn fill(&self) -> PathBuf {
        let filler = self.path.join("filler");
        // dd stops with "No space left on device", as wanted.
        let _ = Command::new("dd")
            .args(["if=/dev/zero", "bs=64k"])
            .arg(format!("of={}", filler.display()))
            .output();
        filler
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount")
            .args(["-l", self.path.to_str().unwrap()])
            .status();
    }
}

/// ext4 in a file on a loop device, mounted with `errors=remount-ro`, so an
/// injected filesystem error turns it read-only at once, as a failing disk
/// does. Unmounted and detached on drop.
pub struct FailingExt4 {
    /// Where it is mounted.
    pub path: PathBuf,
    image: PathBuf,
    device: String,
    _dir: tempfile::TempDir,
}

impl FailingExt4 {
    /// Makes and mounts a `megabytes` MB ext4.
    pub fn mount(megabytes: u32) -> FailingExt4 {
        let dir = tempfile::tempdir().unwrap();
        let image = dir.path().join("disk.img");
        let file = std::fs::File::create(&image).unwrap();
        file.set_len(u64::from(megabytes) << 20).unwrap();
        drop(file);
        run("mkfs.ext4", &["-q", "-F", image.to_str().unwrap()]);
        let output = Command::new("losetup")
            .args(["--find", "--show"])
            .arg(&image)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "losetup: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let device = String::from_utf8(output.stdout).unwrap().trim().to_owned();
        let path = dir.path().join("mnt");
        std::fs::create_dir(&path).unwrap();
        let ext4 = FailingExt4 {
            path,
            image,
            device,
            _dir: dir,
        };
        ext4.mount_again();
        ext4
    }

    /// Mounts the device (after [`FailingExt4::unmount`]).
    pub fn mount_again(&self) {
        run(
            "mount",
            &[
                "-t",
                "ext4",
                "-o",
                "errors=remount-ro",
                &self.device,
                self.path.to_str().unwrap(),
            ],
        );
    }

    /// Unmounts it (every file on it must be closed) and repairs it as an
    /// operator would before mounting it again.
    pub fn unmount_and_repair(&self) {
        run("umount", &[self.path.to_str().unwrap()]);
        // e2fsck exits 1 when it fixed something: that is the point here.
        let status = Command::new("e2fsck")
            .args(["-f", "-y", &self.device])
            .output()
            .unwrap()
            .status;
        assert!(
            matches!(status.code(), Some(0..=1)),
            "e2fsck could not repair the image: {status}"
        );
    }

    /// Injects a filesystem error: ext4 remounts itself read-only, as on a
    /// failing disk. Every later write gets EROFS.
    pub fn trigger_error(&self) {
        let name = Path::new(&self.device).file_name().unwrap();
        let trigger = Path::new("/sys/fs/ext4")
            .join(name)
            .join("trigger_fs_error");
        std::fs::write(&trigger, "lantern fault test")
            .unwrap_or_else(|e| panic!("write {}: {e}", trigger.display()));
    }
}

impl Drop for FailingExt4 {
    fn drop(&mut self) {
        let _ = Command::new("umount")
            .args(["-l", self.path.to_str().unwrap()])
            .status();
        let _ = Command::new("losetup").args(["-d", &self.device]).status();
        let _ = std::fs::remove_file(&self.image);
    }
}
