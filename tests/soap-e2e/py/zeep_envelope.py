"""Compares a request envelope written by a generated Rust client with the
one zeep builds for the same call.

Usage: zeep_envelope.py WSDL SERVICE PORT OPERATION ARGS_JSON OURS_FILE

Both envelopes are canonicalised: element and attribute names resolved to
{namespace}local (prefixes and namespace declarations are not significant),
QName-valued xsi:type values resolved likewise, attributes sorted,
whitespace-only text dropped. Exits 1 with both canonical forms on a mismatch.
"""
import json
import sys

import zeep
from lxml import etree

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


def canon(el, depth=0):
    attrs = []
    for k, v in sorted(el.attrib.items()):
        if k == XSI_TYPE and ":" in v:
            prefix, local = v.split(":", 1)
            v = "{%s}%s" % (el.nsmap.get(prefix, prefix), local)
        attrs.append("%s=%r" % (k, v))
    line = "  " * depth + el.tag + ("[" + " ".join(attrs) + "]" if attrs else "")
    text = (el.text or "").strip()
    if text:
        line += " = " + repr(el.text)
    out = [line]
    for child in el:
        if isinstance(child.tag, str):
            out.extend(canon(child, depth + 1))
    return out


def main():
    wsdl, service, port, operation, args, ours_file = sys.argv[1:7]
    client = zeep.Client(wsdl)
    bound = client.bind(service, port)
    theirs = client.create_message(bound, operation, **json.loads(args))
    with open(ours_file, "rb") as f:
        ours = etree.fromstring(f.read())
    a, b = canon(ours), canon(theirs)
    if a != b:
        print("MISMATCH\n--- ours ---\n" + "\n".join(a) + "\n--- zeep ---\n" + "\n".join(b))
        sys.exit(1)
    print("EQUAL")


if __name__ == "__main__":
    main()
