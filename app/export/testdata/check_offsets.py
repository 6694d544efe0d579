"""Checks an export the way its users read it: in Python, offsets count code
points and text[start:end] must equal the stored quote for every span.

usage: check_offsets.py FORMAT EXPORT_DIR EXPECTED_JSON
FORMAT is a format's name, or doccano-utf16 (offsets in UTF-16 code units, as
doccano's editor counts them) or conll-tsv.
EXPECTED_JSON maps article ids to {"text": ..., "claims": [{"start", "end", "quote", "label"}]}.
Prints the number of spans checked; exits 1 with a message on the first mismatch.
"""
import csv
import glob
import io
import json
import os
import sys

fmt, root, expected_path = sys.argv[1:4]
with open(expected_path, encoding="utf-8") as f:
    expected = {int(k): v for k, v in json.load(f).items()}
checked = 0


def fail(where, msg):
    print(f"{where}: {msg}")
    sys.exit(1)


def check(where, article_id, text, start, end, label=None):
    """text[start:end] is a stored claim's quote, with its label."""
    global checked
    want = expected[article_id]
    if text != want["text"]:
        fail(where, "article text differs from the stored text")
    for c in want["claims"]:
        if (c["start"], c["end"]) == (start, end) and (label is None or c["label"] == label):
            if text[start:end] != c["quote"]:
                fail(where, f"text[{start}:{end}] = {text[start:end]!r}, quote {c['quote']!r}")
            checked += 1
            return c["quote"]
    fail(where, f"no stored claim at {start}-{end} {label}")


def jsonl(pattern):
    for path in sorted(glob.glob(os.path.join(root, pattern))):
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                yield f"{path}:{n}", json.loads(line)


def from_utf16(where, text, units):
    """The code-point offset of a UTF-16 offset, by Python's own UTF-16
    codec; an offset that splits a surrogate pair fails to decode."""
    encoded = text.encode("utf-16-le")
    if not 0 <= units <= len(encoded) // 2:
        fail(where, f"UTF-16 offset {units} outside the text of {len(encoded) // 2} units")
    try:
        return len(encoded[:2 * units].decode("utf-16-le"))
    except UnicodeDecodeError:
        fail(where, f"UTF-16 offset {units} splits a surrogate pair")


if fmt == "doccano":
    for where, r in jsonl("*.jsonl"):
        if "offsets" in r["meta"]:
            fail(where, "a code-point export names an offsets unit")
        for s, e, label in r["label"]:
            check(where, r["id"], r["text"], s, e, label)
        for c in r["meta"]["claims"]:
            check(where, r["id"], r["text"], c["start"], c["end"], c["label"])
elif fmt == "doccano-utf16":
    for where, r in jsonl("*.jsonl"):
        text = r["text"]
        if r["meta"].get("offsets") != "utf16":
            fail(where, f"meta.offsets is {r['meta'].get('offsets')!r}, not 'utf16'")
        for s, e, label in r["label"] + [[c["start"], c["end"], c["label"]] for c in r["meta"]["claims"]]:
            q = check(where, r["id"], text, from_utf16(where, text, s), from_utf16(where, text, e), label)
            if text.encode("utf-16-le")[2 * s:2 * e].decode("utf-16-le") != q:
                fail(where, f"UTF-16 units {s}-{e} are not the quote {q!r}")
elif fmt == "spans":
    for where, r in jsonl("*.jsonl"):
        for c in r["spans"]:
            check(where, r["meta"]["article_id"], r["text"], c["start"], c["end"], c["label"])
elif fmt == "claims":
    for where, r in jsonl("*.jsonl"):
        text = expected[r["article_id"]]["text"]
        q = check(where, r["article_id"], text, r["start"], r["end"], r["label"])
        if r["quote"] != q or r["sentence"][r["start_in_sentence"]:r["end_in_sentence"]] != q \
                or r["context"][r["start_in_context"]:r["end_in_context"]] != q:
            fail(where, "quote, sentence or context offsets disagree")
        if r["sentence"] not in r["context"] or r["context"] not in text:
            fail(where, "sentence not inside context, or context not inside the text")
elif fmt == "labelstudio":
    for path in sorted(glob.glob(os.path.join(root, "*.json"))):
        with open(path, encoding="utf-8") as f:
            tasks = json.load(f)
        for i, task in enumerate(tasks):
            where = f"{path} task {i}"
            text, aid = task["data"]["text"], task["data"]["article_id"]
            for res in [r for a in task["annotations"] for r in a["result"]]:
                v = res["value"]
                label = v["labels"][0] if res["type"] == "labels" else None
                q = check(where, aid, text, v["start"], v["end"], label)
                if res["type"] == "labels" and v["text"] != q:
                    fail(where, f"value.text {v['text']!r} is not the quote {q!r}")
elif fmt == "brat":
    for txt in sorted(glob.glob(os.path.join(root, "**", "*.txt"), recursive=True)):
        aid = int(os.path.basename(txt).split("-")[0].split(".")[0])
        with open(txt, encoding="utf-8", newline="") as f:
            text = f.read()
        with open(txt[:-4] + ".ann", encoding="utf-8", newline="") as f:
            for n, line in enumerate(f.read().split("\n")[:-1], 1):
                where = f"{txt[:-4]}.ann:{n}"
                if not line.startswith("T"):
                    continue
                _, data, shown = line.split("\t", 2)
                label, offsets = data.split(" ", 1)
                frags = [tuple(map(int, p.split(" "))) for p in offsets.split(";")]
                if " ".join(text[s:e] for s, e in frags) != shown:
                    fail(where, "fragment texts joined by a space differ from the .ann text")
                check(where, aid, text, frags[0][0], frags[-1][1], label)
elif fmt == "csv":
    for path in sorted(glob.glob(os.path.join(root, "*.csv"))):
        with open(path, encoding="utf-8-sig", newline="") as f:
            raw = f.read()
        records = list(csv.reader(io.StringIO(raw, newline="")))
        # RFC 4180: every record ends in CRLF; the stored texts hold no CR, so
        # any other CR would be one the export put inside a quoted field.
        if not raw.endswith("\r\n") or raw.count("\r") != len(records) or raw.count("\r\n") != len(records):
            fail(path, f"{len(records)} records but {raw.count(chr(13))} CR and {raw.count(chr(13) + chr(10))} CRLF")
        header, rows = records[0], records[1:]
        for n, cells in enumerate(rows, 2):
            row = dict(zip(header, cells))
            aid = int(row["article_id"])
            q = check(f"{path} row {n}", aid, expected[aid]["text"], int(row["start"]), int(row["end"]), row["label"])
            if row["quote"] != q:
                fail(f"{path} row {n}", f"quote cell {row['quote']!r} is not {q!r}")
elif fmt in ("conll", "conll-tsv"):
    sep, columns = ("\t", 2) if fmt == "conll-tsv" else (" ", 4)
    docs = []
    for path in sorted(glob.glob(os.path.join(root, "*.conll"))):
        with open(path, encoding="utf-8", newline="") as f:
            for n, line in enumerate(f.read().split("\n"), 1):
                fields = line.split(sep)
                if fields[0] == "-DOCSTART-":
                    docs.append([])
                elif line:
                    if len(fields) != columns or fields != line.split():
                        fail(f"{path}:{n}", f"{line!r} is not {columns} columns split by {sep!r}")
                    docs[-1].append(fields[0])
    texts = ["".join(expected[k]["text"].split()) for k in sorted(expected)]
    if sorted("".join(d) for d in docs) != sorted(texts):
        fail(root, "tokens do not cover the texts without their white space")
    checked = len(docs)
else:
    fail(fmt, "unknown format")
print(checked)
