#!/usr/bin/env python3
"""Shows, without SQLite, the window in which ext4 loses a successful fsync.

ext4 mounted errors=remount-ro handles an error by aborting its journal and
only then (after writing the journal's and the file system's superblocks)
refusing writes. An fsync in flight across that window can return success
for a journal transaction the abort threw away: after e2fsck the record is
not there. This is why the intake checks each SQLite commit afterwards
(crates/intake/src/store/sqlite.rs, `still_writable`).

Each run makes a 64 MB ext4 on a loop device, appends 4 KB records with
pwrite + fsync in one thread (a record counts as acknowledged once its
fsync, and the check, succeeded), injects an error through
/sys/fs/ext4/<dev>/trigger_fs_error, unmounts, repairs with e2fsck, mounts
again and looks for every acknowledged record.

    sudo scripts/ext4-fsync-window.py CHECK [RUNS] [append|overwrite]

CHECK is what follows each fsync before the record counts:
  none      nothing
  fsync     a second fsync (passes the same window: not enough)
  xattr     setting an extended attribute, which starts a journal
            transaction and fails from the moment of the abort

Needs root, losetup, mkfs.ext4, e2fsck. Figures: docs/operations.md,
"The fault tests".
"""
import os
import random
import struct
import subprocess
import sys
import tempfile
import threading
import time

RECORD = 4096
SPAN = 8 << 20  # the overwrite mode's preallocated file


def check(fd, how, seq):
    if how == "fsync":
        os.fsync(fd)
    elif how == "xattr":
        os.setxattr(fd, "user.lantern.commit-check", b"")
    elif how != "none":
        sys.exit(f"unknown check {how!r}: none, fsync or xattr")


def one_run(work, how, mode):
    image = os.path.join(work, "disk.img")
    mnt = os.path.join(work, "mnt")
    os.makedirs(mnt, exist_ok=True)
    with open(image, "wb") as f:
        f.truncate(64 << 20)
    subprocess.run(["mkfs.ext4", "-q", "-F", image], check=True)
    dev = subprocess.check_output(["losetup", "--find", "--show", image]).decode().strip()
    try:
        subprocess.run(["mount", "-t", "ext4", "-o", "errors=remount-ro", dev, mnt], check=True)
        path = os.path.join(mnt, "records")
        fd = os.open(path, os.O_CREAT | os.O_RDWR)
        if mode == "overwrite":
            os.write(fd, b"\0" * SPAN)
            os.fsync(fd)
        acked, caught, stop = [], [], threading.Event()

        def writer():
            seq = 0
            while not stop.is_set():
                seq += 1
                offset = (seq * RECORD) % SPAN if mode == "overwrite" else seq * RECORD
                try:
                    os.pwrite(fd, struct.pack("<Q", seq) + b"x" * (RECORD - 8), offset)
                    os.fsync(fd)
                except OSError:
                    return
                try:
                    check(fd, how, seq)
                except OSError:
                    caught.append(seq)
                    return
                acked.append((seq, offset))

        thread = threading.Thread(target=writer)
        thread.start()
        time.sleep(0.3 + random.random() * 0.3)
        trigger = f"/sys/fs/ext4/{os.path.basename(dev)}/trigger_fs_error"
        with open(trigger, "w") as t:
            t.write("ext4-fsync-window")
        time.sleep(0.2)
        stop.set()
        thread.join()
        os.close(fd)
        subprocess.run(["umount", mnt], check=True)
        subprocess.run(["e2fsck", "-f", "-y", dev], capture_output=True)
        subprocess.run(["mount", "-t", "ext4", dev, mnt], check=True)
        with open(path, "rb") as f:
            data = f.read()
        subprocess.run(["umount", mnt], check=True)
        last_at = {}
        for seq, offset in acked:
            last_at[offset] = seq  # in overwrite mode only the last one stays
        lost = [s for o, s in last_at.items() if data[o:o + 8] != struct.pack("<Q", s)]
        return len(acked), caught, lost
    finally:
        subprocess.run(["losetup", "-d", dev])


def main():
    how = sys.argv[1] if len(sys.argv) > 1 else "none"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    mode = sys.argv[3] if len(sys.argv) > 3 else "append"
    with_loss = with_catch = 0
    for run in range(runs):
        with tempfile.TemporaryDirectory() as work:
            acked, caught, lost = one_run(work, how, mode)
        with_loss += bool(lost)
        with_catch += bool(caught)
        print(f"run {run}: {acked} acknowledged, caught by the check {caught}, lost {lost}",
              flush=True)
    print(f"check {how}, {mode}: {with_loss} of {runs} runs lost an acknowledged record; "
          f"in {with_catch} the check caught one")
    sys.exit(1 if with_loss else 0)


if __name__ == "__main__":
    main()
