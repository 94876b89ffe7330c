#!/usr/bin/env python3
"""Test vectors for crates/followup/src/kdf.rs, computed independently of
the Rust code: Argon2id by argon2-cffi (the reference C implementation),
HKDF-SHA-256 by `cryptography`, age's key text by `bech32`, and X25519's
public key by `cryptography`. Run in a virtualenv with those three:

    python3 -m venv /tmp/v && /tmp/v/bin/pip install argon2-cffi cryptography bech32
    /tmp/v/bin/python scripts/followup-vectors.py crates/followup/vectors
"""
import sys
from pathlib import Path

import bech32
from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand
from cryptography.hazmat.primitives.hmac import HMAC

CODE = "48210937556210497730"
SALT = b"lantern/followup/v1"


def hkdf(master: bytes, info: bytes) -> bytes:
    # HKDF-Extract with no salt (a zero-filled key), then Expand.
    h = HMAC(b"\0" * 32, hashes.SHA256())
    h.update(master)
    prk = h.finalize()
    return HKDFExpand(hashes.SHA256(), 32, info).derive(prk)


def vectors(memory_kib: int, passes: int):
    master = hash_secret_raw(CODE.encode(), SALT, passes, memory_kib, 1, 32, Type.ID)
    secret = hkdf(master, b"lantern/followup/v1 age identity")
    lookup = hkdf(master, b"lantern/followup/v1 lookup token")
    public = X25519PrivateKey.from_private_bytes(secret).public_key().public_bytes_raw()
    recipient = bech32.bech32_encode("age", bech32.convertbits(public, 8, 5))
    return lookup.hex(), recipient


out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
for name, (m, t) in {"small": (64, 1), "v1": (32 * 1024, 3)}.items():
    lookup, recipient = vectors(m, t)
    (out / f"{name}-lookup.txt").write_text(lookup + "\n")
    (out / f"{name}-recipient.txt").write_text(recipient + "\n")
    print(name, lookup, recipient)
