"""Reads a folder of brat files as brat's server does, and fails where brat
would flag or lose an annotation.

usage: brat_check.py FOLDER
Every .ann under FOLDER is read with its .txt and the annotation.conf brat
would use (its folder or one above). The rules are brat's own
(server/src/annotation.py, projectconfig.py):
- a type name brat stores must match [a-zA-Z0-9_-] (normalize_to_storage_form),
  and every T line's type must be an [entities] type ("not a known textbound type");
- a configuration line may hold no <...> but brat's reserved ones;
- a .ann is read line by line as Python splits lines (str.splitlines), so a
  text column holding U+2028, NEL and the like is cut in two;
- T lines: fragments within the text, not overlapping (brat's own test), and the
  text column equal to the fragments' texts in the order listed, joined by a space.
Prints the number of T lines checked; exits 1 with a message on the first fault.
"""
import os
import re
import sys

RESERVED = {"<%s>" % n for n in ["ANY", "ENTITY", "RELATION", "EVENT", "NONE", "EMPTY", "REL-TYPE", "URL",
                                 "URLBASE", "GLYPH-POS", "DEFAULT", "NORM", "OVERLAP", "OVL-TYPE", "INHERIT"]}


def fail(where, msg):
    print(f"{where}: {msg}")
    sys.exit(1)


def storage_form(t):
    return re.sub(r"[^a-zA-Z0-9_-]", "_", t.replace(" ", "_"))


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def conf_sections(path):
    """The terms of each section of a configuration file, parsed as brat does."""
    sections = {}
    section = "general"
    for n, line in enumerate(read(path).split("\n"), 1):
        where = f"{path}:{n}"
        m = re.match(r"^\s*\[(.*)\]\s*$", line)
        if m:
            section = m.group(1)
            continue
        if line.strip() == "" or re.match(r"^\s*#", line):
            continue
        for macro in re.findall(r"(<.*?>)", line):
            if macro not in RESERVED:
                fail(where, f"undefined macro {macro}: brat refuses the whole file")
        if section == "labels":
            m = re.match(r"^(\s*)([^\t]+)(?:\t(.*))?$", line)
        else:
            m = re.match(r"^(\s*)(\S+)(?:\s+(.*))?$", line)
        terms = [t.strip() for t in m.group(2).split("|") if t.strip() != ""]
        if section in ("entities", "labels") and storage_form(terms[0]) != terms[0]:
            fail(where, f"brat stores type {terms[0]!r} as {storage_form(terms[0])!r}")
        sections.setdefault(section, []).append(terms)
    return sections


def nearest(folder, name):
    folder = os.path.abspath(folder)
    while True:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


root = sys.argv[1]
checked = 0
for folder, _, files in sorted(os.walk(root)):
    for name in sorted(files):
        if not name.endswith(".ann"):
            continue
        ann_path = os.path.join(folder, name)
        conf = nearest(folder, "annotation.conf")
        if conf is None:
            fail(ann_path, "no annotation.conf in its folder or above")
        types = {terms[0] for terms in conf_sections(conf).get("entities", [])}
        visual = nearest(folder, "visual.conf")
        if visual is not None:
            conf_sections(visual)
        text = read(ann_path[:-4] + ".txt")
        ann = read(ann_path)
        lines = ann.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if ann.splitlines() != lines:
            fail(ann_path, "brat splits a line where Claimdesk did not end one")
        for n, line in enumerate(lines, 1):
            where = f"{ann_path}:{n}"
            ident, tail = line.split("\t", 1)
            data, data_tail = (tail.split("\t", 1) + [""])[:2]
            if ident.startswith("#"):
                if len(data.split()) != 2:
                    fail(where, "a note is written ID<TAB>TYPE TARGET<TAB>TEXT")
                continue
            if not ident.startswith("T"):
                continue
            typ, rest = data.split(" ", 1)
            spans = [tuple(int(x) for x in part.split(" ")) for part in rest.split(";")]
            seen = []
            for start, end in spans:
                if start > end or start < 0 or end > len(text):
                    fail(where, f"fragment {start} {end} outside the text")
                for ostart, oend in seen:
                    if end >= ostart and start < oend:
                        fail(where, "fragments overlap")
                seen.append((start, end))
            reftext = " ".join(text[s:e] for s, e in spans)
            if data_tail[:len(reftext)] != reftext or data_tail[len(reftext):].strip() != "":
                fail(where, f"text {data_tail!r} does not match the fragments' text {reftext!r}")
            if typ not in types:
                fail(where, f"{typ!r} is not a known textbound type of {conf}")
            checked += 1
print(checked)
