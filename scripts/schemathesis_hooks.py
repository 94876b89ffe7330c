"""Schemathesis hooks for Lantern's contract tests (scripts/schemathesis.sh).

A real client makes a new Idempotency-Key for every tip and sends the same
key again only with the same tip (docs/api.md). Schemathesis reuses one key
(the document's example, or a generated one) with different bodies, which the
service rightly refuses with 422 idempotency_key_reused. So every request that
carries a well-formed key gets a fresh one just before it is sent; malformed
keys are left as generated, so their refusal is still tested.
"""

import re
import secrets

import schemathesis

WELL_FORMED = re.compile(r"^[0-9a-f]{32}$")


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    headers = case.headers or {}
    for name in list(headers):
        if name.lower() == "idempotency-key" and WELL_FORMED.match(str(headers[name])):
            headers[name] = secrets.token_hex(16)
    case.headers = headers
