"""Reads a CoNLL export the way its two main consumers do, and checks what
they would make of it.

usage: check_conll.py LAYOUT FILE ARTICLES CLAIMS
LAYOUT is conll2003 or tsv; ARTICLES and CLAIMS are how many the export wrote.

conlleval (the CoNLL shared tasks' scorer, conlleval.pl and its Python port):
every prediction is appended to its line as one more column, as `paste`
does; the lines are split at the delimiter (a single space unless -d says
otherwise, which is what the default layout must need no -d for); every
non-blank line must have as many fields as the first one, else conlleval
stops with "unexpected number of features"; the last two fields are the
correct and the guessed tag. With the gold tags as predictions it must find
every claim as a chunk and score 100.

spaCy's `spacy convert` (conll_ner_to_docs): documents are split at the exact
line "-DOCSTART- -X- O O", sentences at blank lines, the columns of a line at
any white space; the first column is the token, the last the IOB tag, and
every sentence needs two columns at least.

Prints "ok"; exits 1 with a message naming the line on the first problem.
"""
import re
import sys

layout, path, want_docs, want_claims = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with open(path, encoding="utf-8", newline="") as f:
    data = f.read()


def fail(msg):
    print(f"{path}: {msg}")
    sys.exit(1)


def split_tag(tag):
    m = re.match(r"^([^-]*)-(.*)$", tag)
    return (m.group(1), m.group(2)) if m else (tag, "")


# conlleval's chunk rules (endOfChunk and startOfChunk).
def end_of_chunk(prev, tag, prev_type, type_):
    return prev in ("E", "S", "[", "]") \
        or (prev in ("B", "I") and tag in ("B", "S", "O")) \
        or (prev not in ("O", ".") and prev_type != type_)


def start_of_chunk(prev, tag, prev_type, type_):
    return tag in ("B", "S", "[", "]") \
        or (prev in ("E", "S", "O") and tag in ("E", "I")) \
        or (tag not in ("O", ".") and prev_type != type_)


def conlleval(lines, delimiter):
    n_features = None
    found_correct = found_guessed = correct_chunks = tokens = correct_tags = 0
    last_correct, last_correct_type, last_guessed, last_guessed_type = "O", "", "O", ""
    in_correct = False
    for n, line in enumerate(lines, 1):
        features = line.split(delimiter) if line else []
        if features and "" in features:
            fail(f"line {n}: an empty field: {line!r} (conlleval splits at every single {delimiter!r})")
        if n_features is None:
            n_features = len(features)
        elif features and len(features) != n_features:
            fail(f"line {n}: conlleval stops: unexpected number of features: {len(features)} ({n_features})")
        if not features or features[0] == "-X-":
            features = ["-X-", "O", "O"]
        if len(features) < 3:
            fail(f"line {n}: conlleval stops: unexpected number of features in line {line!r}")
        guessed, guessed_type = split_tag(features[-1])
        correct, correct_type = split_tag(features[-2])
        if features[0] == "-X-":
            guessed = "O"
        end_correct = end_of_chunk(last_correct, correct, last_correct_type, correct_type)
        end_guessed = end_of_chunk(last_guessed, guessed, last_guessed_type, guessed_type)
        start_correct = start_of_chunk(last_correct, correct, last_correct_type, correct_type)
        start_guessed = start_of_chunk(last_guessed, guessed, last_guessed_type, guessed_type)
        if in_correct:
            if end_correct and end_guessed and last_guessed_type == last_correct_type:
                in_correct = False
                correct_chunks += 1
            elif end_correct != end_guessed or guessed_type != correct_type:
                in_correct = False
        if start_correct and start_guessed and guessed_type == correct_type:
            in_correct = True
        if start_correct:
            found_correct += 1
        if start_guessed:
            found_guessed += 1
        if features[0] != "-X-":
            tokens += 1
            correct_tags += correct == guessed and guessed_type == correct_type
        last_correct, last_correct_type, last_guessed, last_guessed_type = correct, correct_type, guessed, guessed_type
    if in_correct:
        correct_chunks += 1
    return found_correct, found_guessed, correct_chunks, tokens, correct_tags


delimiter = "\t" if layout == "tsv" else " "
if not data.endswith("\n"):
    fail("the last line has no line end")
lines = data[:-1].split("\n")
# The gold tags as predictions, appended as one more column.
with_predictions = [line + delimiter + line.split(delimiter)[-1] if line else "" for line in lines]
found, guessed, correct, tokens, correct_tags = conlleval(with_predictions, delimiter)
if found != want_claims or guessed != found or correct != found or correct_tags != tokens:
    fail(f"conlleval: {found} chunks in key, {guessed} in response, {correct} correct, "
         f"{correct_tags} of {tokens} tags; want {want_claims} claims, all correct")

if layout == "conll2003":
    docs = [d.strip() for d in data.strip().split("-DOCSTART- -X- O O")]
    docs = [d for d in docs if d]
    if len(docs) != want_docs:
        fail(f"spacy convert: {len(docs)} documents, want {want_docs}")
    entities = 0
    for d in docs:
        for sent in d.split("\n\n"):
            rows = [line.split() for line in sent.strip().split("\n") if line.strip()]
            if not rows:
                continue
            cols = list(zip(*rows))
            if len(cols) < 2 or any(len(r) != len(rows[0]) for r in rows):
                fail(f"spacy convert: a sentence without two even columns: {sent[:80]!r}")
            prev = "O"
            for tag in cols[-1]:
                if tag.startswith("I-") and prev[2:] != tag[2:]:
                    fail(f"spacy convert: {tag} after {prev}, invalid IOB")
                entities += tag.startswith("B-")
                prev = tag
    if entities != want_claims:
        fail(f"spacy convert: {entities} entities, want {want_claims}")
print("ok")
