#!/usr/bin/env python3
"""CPU per tip of SQLite table layouts for the tips table (issue 15).

    scripts/sqlite-layouts.py [LAYOUT[:PAGE_SIZE],...] [TIPS]

A stand-in for the intake's writer, without the service: Python's sqlite3,
WAL, synchronous=FULL, batches of 32 rows in BEGIN IMMEDIATE transactions,
rows shaped like the intake's (three 32-byte hashes, a receipt box, the
hour, a partner, 2,900 bytes of sealed tip). Prints the process CPU per tip,
so a busy machine changes the figures less than it would wall time; compare
layouts within one run. Layouts:

- seq: ids in arrival order (what issue 13 removed: it ordered tips);
- random: random 63-bit ids (what the intake does);
- split: random ids, the sealed bytes in a WITHOUT ROWID side table;
- split_rowid: the same side table as a rowid table.
"""
import os
import random
import sqlite3
import sys
import tempfile
import time

BATCH = 32


def run(kind, page_size, tips, folder):
    path = os.path.join(folder, f"{kind}-{page_size}.db")
    c = sqlite3.connect(path, isolation_level=None)
    c.execute(f"PRAGMA page_size={page_size}")
    c.execute("PRAGMA journal_mode=WAL")
    c.execute("PRAGMA synchronous=FULL")
    side = kind.startswith("split")
    c.execute(
        "CREATE TABLE tips (id INTEGER PRIMARY KEY, idem_hash BLOB NOT NULL UNIQUE, "
        "receipt_hash BLOB NOT NULL, receipt_box BLOB NOT NULL, request_mac BLOB, "
        "received_hour INTEGER NOT NULL, partner TEXT, schema_version INTEGER NOT NULL"
        + ("" if side else ", sealed BLOB NOT NULL") + ")"
    )
    c.execute("CREATE INDEX tips_receipt_hash ON tips (receipt_hash)")
    c.execute("CREATE INDEX tips_received_hour ON tips (received_hour)")
    if side:
        rowid = "" if kind == "split_rowid" else " WITHOUT ROWID"
        c.execute(
            "CREATE TABLE tip_sealed (tip_id INTEGER PRIMARY KEY REFERENCES tips (id), "
            "sealed BLOB NOT NULL)" + rowid
        )
    seq = 0
    started = time.process_time()
    for _ in range(tips // BATCH):
        c.execute("BEGIN IMMEDIATE")
        for _ in range(BATCH):
            seq += 1
            id_ = seq if kind == "seq" else random.getrandbits(63) | 1
            row = (id_, os.urandom(32), os.urandom(32), os.urandom(40), os.urandom(32), 1000, "partner", 1)
            sealed = os.urandom(2900)
            if side:
                c.execute("INSERT INTO tips (id, idem_hash, receipt_hash, receipt_box, request_mac, "
                          "received_hour, partner, schema_version) VALUES (?,?,?,?,?,?,?,?)", row)
                c.execute("INSERT INTO tip_sealed VALUES (?,?)", (id_, sealed))
            else:
                c.execute("INSERT INTO tips VALUES (?,?,?,?,?,?,?,?,?)", row + (sealed,))
        c.execute("COMMIT")
    cpu = time.process_time() - started
    c.close()
    print(f"{kind:12} page {page_size:6}: {cpu / tips * 1e6:6.1f} us CPU per tip", flush=True)


def main():
    layouts = (sys.argv[1] if len(sys.argv) > 1 else "seq,random,split,split_rowid").split(",")
    tips = int(sys.argv[2]) if len(sys.argv) > 2 else 40000
    with tempfile.TemporaryDirectory() as folder:
        for layout in layouts:
            kind, _, size = layout.partition(":")
            run(kind, int(size or 4096), tips, folder)


if __name__ == "__main__":
    main()
