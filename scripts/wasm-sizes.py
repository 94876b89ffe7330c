#!/usr/bin/env python3
"""Where a Wasm module's bytes go: code per crate and per function, and data.

    scripts/wasm-sizes.py MODULE.wasm [--top N] [--crate NAME]

Reads the module's `name` section, so give it a module that still has one:
wasm-bindgen's output before wasm-opt (`scripts/build-widget.sh` keeps it as
target/wasm/lantern_bg.named.wasm). Sizes are raw body bytes; brotli shrinks
code roughly 3x and text more, so use them to rank, not to add up a budget.

A function is charged to the crate its demangled path starts with; a trait
impl (`<a::T as b::Tr>::f`) to the crate of the type, except a blanket impl
over a type parameter or a primitive (`<T as b::Tr>::f`, `<u32 as ...>`),
which goes to the trait's crate; a generic
instantiated with another crate's closure still counts under the generic's
own crate. That is the same attribution twiggy's `garbage`-free `top` gives,
without installing twiggy. With v0 names (the release build rebuilds std,
see build-widget.sh) a view's render code reads `<lantern::…::{closure} as
tachys::…::Render>::build` and counts under the widget, where legacy names
(`tachys::…::<impl Render for F>::build`) counted it under tachys.
"""
import re
import sys
from collections import defaultdict


def leb(buf, i):
    result = shift = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, i


def sections(buf):
    assert buf[:4] == b"\0asm", "not a wasm module"
    i = 8
    while i < len(buf):
        sid = buf[i]
        size, j = leb(buf, i + 1)
        yield sid, buf[j : j + size]
        i = j + size


def name_of(payload):
    n, i = leb(payload, 0)
    return payload[i : i + n].decode(), i + n


def imported_funcs(payload):
    count, i = leb(payload, 0)
    funcs = 0
    for _ in range(count):
        for _ in range(2):
            n, i = leb(payload, i)
            i += n
        kind = payload[i]
        i += 1
        if kind == 0:
            _, i = leb(payload, i)
            funcs += 1
        elif kind == 1:
            i += 1
            flags, i = leb(payload, i)
            _, i = leb(payload, i)
            if flags & 1:
                _, i = leb(payload, i)
        elif kind == 2:
            flags, i = leb(payload, i)
            _, i = leb(payload, i)
            if flags & 1:
                _, i = leb(payload, i)
        elif kind == 3:
            i += 2
        else:
            _, i = leb(payload, i)
    return funcs


def function_names(payload):
    names = {}
    i = 0
    while i < len(payload):
        sub = payload[i]
        size, j = leb(payload, i + 1)
        if sub == 1:
            count, k = leb(payload, j)
            for _ in range(count):
                idx, k = leb(payload, k)
                n, k = leb(payload, k)
                names[idx] = payload[k : k + n].decode(errors="replace")
                k += n
        i = j + size
    return names


def crate_of(name):
    # v0 mangling (a std built from source) names crates with their hash,
    # `lantern[f75f87f4d9b13f70]::boot`, and an elided type as `_`.
    name = re.sub(r"\[[0-9a-f]{16}\]", "", name)
    # `<T as tachys::view::Render>::build`: a blanket impl over a generic
    # parameter (or a primitive) belongs to the trait's crate.
    m = re.match(r"<&?(?:mut )?(?:[A-Z_]|[a-z][a-z0-9]*|\[[^\]]*\]|\([^)]*\)) as ([A-Za-z_][A-Za-z0-9_]*)", name)
    if m and "::" not in name[: name.index(" as ")]:
        return m.group(1)
    s = name.lstrip("<&*")
    s = re.sub(r"^(dyn |mut |const )+", "", s)
    s = s.lstrip("<&*(")
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)", s)
    if not m:
        return "?"
    head = m.group(1)
    if "::" not in s[: m.end() + 2] and not name.startswith("<"):
        return f"({head})"
    return head


def main():
    args = sys.argv[1:]
    top = 40
    only = None
    if "--top" in args:
        k = args.index("--top")
        top = int(args[k + 1])
        del args[k : k + 2]
    if "--crate" in args:
        k = args.index("--crate")
        only = args[k + 1]
        del args[k : k + 2]
    buf = open(args[0], "rb").read()
    n_imports = 0
    bodies = []
    names = {}
    data = 0
    other = defaultdict(int)
    for sid, payload in sections(buf):
        if sid == 2:
            n_imports = imported_funcs(payload)
        elif sid == 10:
            count, i = leb(payload, 0)
            for _ in range(count):
                size, j = leb(payload, i)
                bodies.append(size + (j - i))
                i = j + size
        elif sid == 11:
            data = len(payload)
        elif sid == 0:
            nm, off = name_of(payload)
            if nm == "name":
                names = function_names(payload[off:])
            other[f"custom:{nm}"] += len(payload)
        else:
            other[f"section {sid}"] += len(payload)
    per_fn = []
    per_crate = defaultdict(int)
    for k, size in enumerate(bodies):
        nm = names.get(n_imports + k, f"func[{n_imports + k}]")
        c = crate_of(nm)
        per_crate[c] += size
        if only is None or c == only:
            per_fn.append((size, nm))
    code = sum(bodies)
    print(f"{args[0]}: {len(buf):,} bytes; code {code:,} in {len(bodies):,} functions; data {data:,}")
    for k, v in sorted(other.items(), key=lambda kv: -kv[1]):
        print(f"  {k:<24} {v:>9,}")
    if only is None:
        print("\ncode by crate")
        for c, v in sorted(per_crate.items(), key=lambda kv: -kv[1])[:top]:
            print(f"  {v:>9,}  {100 * v / code:5.1f}%  {c}")
    print(f"\nlargest functions{' in ' + only if only else ''}")
    for size, nm in sorted(per_fn, reverse=True)[:top]:
        print(f"  {size:>8,}  {nm[:150]}")


if __name__ == "__main__":
    main()
