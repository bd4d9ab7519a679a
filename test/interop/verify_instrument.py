#!/usr/bin/env python3
"""An independent check of a Collegium instrument bundle (collegium-instrument-bundle/1), written
from docs/record.md, sharing no code with the TypeScript verifier: the checkpoint's C2SP signed
note and each entry's RFC 9162 inclusion proof (verify_bundle.py), each entry in its own RFC 8785
canonical form and signed with the Ed25519 key it names (OpenSSL), the content hash of the draft
that every signature covers, the chain of signatures (each names the one before it), that the
instrument was issued after its last signature, and that the decision it rests on was adopted.
Usage: verify_instrument.py BUNDLE VKEY. Prints one line per fact and the signers in order;
exits 1 on the first failure.

Not checked here (the TypeScript verifier does): that each key was its signer's at the time (the
charter's keys and the enrolments), the charter's signing rule, and a trust policy."""
import base64, hashlib, json, math, sys

from verify_bundle import ed25519_verify_all, fail, proven_entry, verified_checkpoint

BUNDLE_FIELDS = {"format", "instrument", "checkpoint", "entries", "genesis", "enrolments"}
ITEM_FIELDS = {"index", "leaf", "proof"}
SIGNING_CONTEXT = b"collegium/entry/v1\n"
SIGNED_FIELDS = ("v", "org", "time", "type", "actor", "signer", "key", "payload")
# Integers beyond 2^53 are not exactly JavaScript numbers: RFC 8785 cannot spell them as given.
EXACT_INTEGERS = 2**53


class NotCanonicalizable(Exception):
    pass


def canonical_json(value):
    """RFC 8785 (JCS) for the values entries hold: strings, integers, booleans, null, objects,
    arrays, and floats only where they are whole numbers JavaScript prints as integers."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        if abs(value) > EXACT_INTEGERS:
            raise NotCanonicalizable(f"the integer {value} is not exactly a JavaScript number")
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value) or value != int(value) or abs(value) > EXACT_INTEGERS:
            raise NotCanonicalizable(f"the number {value!r} is not canonicalized here")
        return str(int(value))  # -0.0 is "0", 3000.0 is "3000", as ECMAScript prints them
    if isinstance(value, str):
        return canonical_string(value)
    if isinstance(value, list):
        return "[" + ",".join(canonical_json(v) for v in value) + "]"
    if isinstance(value, dict):
        # Members sorted by their names as UTF-16 code units (RFC 8785 section 3.2.3).
        names = sorted(value, key=lambda name: name.encode("utf-16-be", "surrogatepass"))
        return "{" + ",".join(canonical_string(n) + ":" + canonical_json(value[n]) for n in names) + "}"
    raise NotCanonicalizable(f"a {type(value).__name__} is not JSON")


SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def canonical_string(text):
    # ECMAScript JSON.stringify: the short escapes, other controls as \u00xx, all else as is.
    out = []
    for c in text:
        if c in SHORT_ESCAPES:
            out.append(SHORT_ESCAPES[c])
        elif ord(c) < 0x20:
            out.append(f"\\u{ord(c):04x}")
        elif 0xD800 <= ord(c) <= 0xDFFF:
            raise NotCanonicalizable("a lone surrogate is not text")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def canonical_bytes(value):
    return canonical_json(value).encode("utf-8")


def sha256_hex(value):
    return hashlib.sha256(canonical_bytes(value)).hexdigest()


def refuse_constant(name):
    raise NotCanonicalizable(f"{name} is not JSON")


def canonical_base64(text, size, what):
    try:
        raw = base64.b64decode(text, validate=True)
    except ValueError:
        raw = b""
    if len(raw) != size or base64.b64encode(raw).decode() != text:
        fail(f"{what} is not the canonical base64 of {size} bytes")
    return raw


def checked_entry(item, size, root):
    """The entry of `item`, proven in the tree and its own canonical form, and the check of its
    signature by the key it names: (entry, (public key, signing message, signature))."""
    label = f"entry {item['index']}"
    leaf, _ = proven_entry(item, size, root)
    try:
        entry = json.loads(leaf.decode("utf-8"), parse_constant=refuse_constant)
        if canonical_bytes(entry) != leaf:
            fail(f"{label}: its bytes are not its canonical JSON (RFC 8785)")
        message = SIGNING_CONTEXT + canonical_bytes({f: entry[f] for f in SIGNED_FIELDS})
    except (UnicodeDecodeError, ValueError, NotCanonicalizable, KeyError, TypeError) as error:
        fail(f"{label}: {error}")
    key = canonical_base64(entry["key"], 32, f"{label}: the key")
    signature = canonical_base64(entry["sig"], 64, f"{label}: the signature")
    return entry, (key, message, signature)


def signed_entries(items, size, root):
    """The entries of `items` in index order, each proven and signed with the key it names."""
    checked = [checked_entry(item, size, root) for item in items]
    for (entry, _), verified in zip(checked, ed25519_verify_all([check for _, check in checked])):
        if not verified:
            fail(f"entry {entry['index']}: the signature does not verify with the key it names")
    return sorted({entry["index"]: entry for entry, _ in checked}.values(), key=lambda e: e["index"])


def check_shape(bundle):
    if not isinstance(bundle, dict) or bundle.get("format") != "collegium-instrument-bundle/1":
        fail("bundle: not a collegium-instrument-bundle/1")
    for field in sorted(set(bundle) ^ BUNDLE_FIELDS):
        fail(f"bundle: field '{field}' " + ("unknown" if field in bundle else "missing"))
    for item in [bundle["genesis"]] + bundle["entries"] + bundle["enrolments"]:
        if not isinstance(item, dict) or set(item) != ITEM_FIELDS:
            fail(f"entry {item.get('index') if isinstance(item, dict) else item}: not {{index, leaf, proof}}")
    if bundle["genesis"]["index"] != 0:
        fail("genesis: not entry 0")
    indexes = [item["index"] for item in bundle["entries"]]
    if any(b <= a for a, b in zip(indexes, indexes[1:])):
        fail(f"entries: not in index order, each once ({indexes})")


def signature_chain(draft, signs):
    """The signers in order, once each signature covers the draft and names the one before."""
    content, after, signers = sha256_hex(draft["payload"]), None, []
    for entry in signs:
        p, label = entry["payload"], f"entry {entry['index']}"
        if p.get("content") != content:
            fail(f"{label}: {entry['actor']}'s signature covers {p.get('content')}, not the draft's content {content}")
        if p.get("after") != after:
            fail(f"{label}: {entry['actor']}'s signature names {p.get('after')} before it, not {after}")
        after = sha256_hex({f: entry[f] for f in ("type", "time", "actor", "signer", "key", "payload")})
        recorded = "" if entry["signer"] == entry["actor"] else f" (recorded by {entry['signer'] or 'the record'})"
        signers.append(f"{entry['actor']}{recorded}")
    print(f"content {content}: {len(signs)} signatures, each over it and after the one before")
    return signers


def check_decision(draft, entries):
    ref = draft["payload"].get("restsOn")
    if ref is None:
        print("rests on no decision")
        return
    if "circulation" in ref:
        words, close = f"circulation {ref['circulation']}", [
            e for e in entries if e["type"] == "circulation.close" and e["payload"].get("circulation") == ref["circulation"]]
    else:
        words, close = f"motion {ref['motion']} of session {ref['session']}", [
            e for e in entries if e["type"] == "vote.close" and e["payload"].get("session") == ref["session"]
            and e["payload"].get("motion") == ref["motion"]]
    outcome = close[0]["payload"].get("decision", {}).get("outcome") if close else None
    if outcome != "adopted" or close[0]["index"] > draft["index"]:
        fail(f"rests on {words}, which the bundle does not prove adopted before the draft")
    print(f"rests on {words}, adopted (entry {close[0]['index']})")


def main(bundle_path, vkey):
    with open(bundle_path, encoding="utf-8") as f:
        bundle = json.load(f, parse_constant=refuse_constant)
    check_shape(bundle)
    origin, size, root = verified_checkpoint(bundle["checkpoint"], vkey)
    if origin != vkey.split("+")[0]:
        fail(f"checkpoint: of origin {origin}, not the log key's")
    print(f"checkpoint {origin} size {size} signature verified")
    genesis, *entries = signed_entries([bundle["genesis"]] + bundle["entries"] + bundle["enrolments"], size, root)
    if genesis["index"] != 0 or genesis["type"] != "charter.adopt" or genesis["payload"].get("log") != vkey:
        fail("entry 0: not the adoption of a charter naming this log key")
    print(f"{len(entries) + 1} entries lead to root {root.hex()}, each signed with the key it names")
    if any(e["org"] != genesis["org"] for e in entries):
        fail("an entry is of another organization than the charter's")
    instrument = bundle["instrument"]
    own = [e for e in entries if e["type"].startswith("instrument.") and e["payload"].get("instrument") == instrument]
    drafts = [e for e in own if e["type"] == "instrument.draft"]
    if len(drafts) != 1 or own[0] is not drafts[0]:
        fail(f"instrument {instrument}: not one draft before its other entries")
    signs = [e for e in own if e["type"] == "instrument.sign"]
    signers = signature_chain(drafts[0], signs)
    issues = [e for e in own if e["type"] == "instrument.issue"]
    if not signs or not issues or issues[0]["index"] < signs[-1]["index"]:
        fail(f"instrument {instrument}: not issued after its last signature")
    print(f"issued (entry {issues[0]['index']})")
    check_decision(drafts[0], entries)
    print("signed by: " + ", ".join(signers))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
