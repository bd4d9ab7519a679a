#!/usr/bin/env python3
"""An independent check of a Collegium bundle, written from docs/record.md alone: RFC 9162
inclusion proofs with hashlib, and the C2SP signed-note checkpoint with OpenSSL's Ed25519.
Usage: verify_bundle.py BUNDLE VKEY. Prints one line per fact, exits 1 on any failure."""
import base64, hashlib, json, os, subprocess, sys, tempfile


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def ed25519_verify(public_key, message, signature):
    return ed25519_verify_all([(public_key, message, signature)])[0]


def ed25519_verify_all(checks):
    """Whether each (public key, message, signature) verifies, with one openssl process each, run
    at once: starting a process costs far more than the verification."""
    # SubjectPublicKeyInfo DER for Ed25519 (RFC 8410), then openssl pkeyutl on raw input.
    with tempfile.TemporaryDirectory() as d:
        processes = []
        for i, (public_key, message, signature) in enumerate(checks):
            der = bytes.fromhex("302a300506032b6570032100") + public_key
            paths = {n: os.path.join(d, f"{i}.{n}") for n in ("key.der", "msg", "sig")}
            for name, data in (("key.der", der), ("msg", message), ("sig", signature)):
                with open(paths[name], "wb") as f:
                    f.write(data)
            processes.append(subprocess.Popen(
                ["openssl", "pkeyutl", "-verify", "-pubin", "-keyform", "DER", "-inkey", paths["key.der"],
                 "-rawin", "-in", paths["msg"], "-sigfile", paths["sig"]],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        return [p.wait() == 0 for p in processes]


def root_from_inclusion(index, size, leaf_hash, proof):
    # RFC 9162 section 2.1.3.2
    if index >= size:
        fail("index beyond size")
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            fail("proof too long")
        if fn % 2 == 1 or fn == sn:
            r = hashlib.sha256(b"\x01" + p + r).digest()
            if fn % 2 == 0:
                while fn % 2 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = hashlib.sha256(b"\x01" + r + p).digest()
        fn >>= 1
        sn >>= 1
    if sn != 0:
        fail("proof too short")
    return r


BUNDLE_FIELDS = {"format", "checkpoint", "range", "entries", "genesis", "enrolments"}
ITEM_FIELDS = {"index", "leaf", "proof"}


def check_fields(bundle):
    # Every field is one the format has: nothing in the bundle goes unchecked.
    for field in sorted(set(bundle) - BUNDLE_FIELDS):
        fail(f"bundle: unknown field '{field}'")
    if "range" not in bundle:
        fail("range: missing")
    if set(bundle["range"]) != {"first", "last"} or bundle["range"]["first"] > bundle["range"]["last"]:
        fail("range: not {first, last} with first <= last")
    for item in [bundle["genesis"]] + bundle["entries"] + bundle.get("enrolments", []):
        if set(item) != ITEM_FIELDS:
            fail(f"entry {item.get('index')}: fields other than index, leaf and proof")


def verified_checkpoint(note, vkey):
    """The checkpoint's (origin, size, root) once its signed note verifies with `vkey` (C2SP)."""
    name, key_id, key_b64 = vkey.split("+", 2)
    key = base64.b64decode(key_b64)
    if key[0] != 1 or len(key) != 33:
        fail("not an Ed25519 verifier key")
    public_key = key[1:]
    if hashlib.sha256(name.encode() + b"\n" + key).digest()[:4].hex() != key_id:
        fail("key id does not match the key")
    text, _, signatures = note.partition("\n\n")
    text += "\n"
    verified = False
    for line in signatures.splitlines():
        if not line.startswith("\u2014 "):
            continue
        signer, sig_b64 = line[2:].split(" ")
        raw = base64.b64decode(sig_b64)
        if signer == name and raw[:4].hex() == key_id:
            verified = ed25519_verify(public_key, text.encode(), raw[4:])
    if not verified:
        fail("the checkpoint is not signed by the key")
    origin, size, root_b64 = text.splitlines()[:3]
    return origin, int(size), base64.b64decode(root_b64)


def proven_entry(item, size, root):
    """The entry of a bundle item {index, leaf, proof}, once its leaf is proven in the tree."""
    leaf = base64.b64decode(item["leaf"])
    computed = root_from_inclusion(item["index"], size, hashlib.sha256(b"\x00" + leaf).digest(),
                                   [bytes.fromhex(h) for h in item["proof"]])
    if computed != root:
        fail(f"entry {item['index']}: the proof does not lead to the checkpoint's root")
    entry = json.loads(leaf)
    if entry["index"] != item["index"]:
        fail(f"entry {item['index']} says it is {entry['index']}")
    return leaf, entry


def main(bundle_path, vkey):
    bundle = json.load(open(bundle_path))
    check_fields(bundle)
    origin, size, root = verified_checkpoint(bundle["checkpoint"], vkey)
    print(f"checkpoint {origin} size {size} signature verified")
    for item in [bundle["genesis"]] + bundle["entries"] + bundle.get("enrolments", []):
        proven_entry(item, size, root)
    print(f"{len(bundle['entries'])} entries lead to root {root.hex()}")
    first, last = bundle["range"]["first"], bundle["range"]["last"]
    if [item["index"] for item in bundle["entries"]] != list(range(first, last + 1)):
        fail(f"range: the entries are not exactly {first} to {last}")
    print(f"complete: every entry from {first} to {last} is here")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
