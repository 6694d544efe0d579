"""scikit-learn's standard text-classification baseline on the same folds.

Reads JSON lines {"variant", "fold", "text", "label"} on stdin and, for
each variant and fold, trains TfidfVectorizer + LogisticRegression on the
other folds and predicts this one. Prints, per variant, {"accuracy",
"macro_f1", "per_label"} as one JSON object (one process: importing
scikit-learn is most of the run time).
"""
import json
import sys

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support



def scores(rows):
    folds = sorted({r["fold"] for r in rows})
    truth, predicted = [], []
    for f in folds:
        train = [r for r in rows if r["fold"] != f]
        test = [r for r in rows if r["fold"] == f]
        vectorizer = TfidfVectorizer()
        x = vectorizer.fit_transform([r["text"] for r in train])
        model = LogisticRegression(max_iter=1000, random_state=0)
        model.fit(x, [r["label"] for r in train])
        predicted += list(model.predict(vectorizer.transform([r["text"] for r in test])))
        truth += [r["label"] for r in test]
    labels = sorted(set(truth))
    p, r, f1, n = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
    return {
        "accuracy": accuracy_score(truth, predicted),
        "macro_f1": f1_score(truth, predicted, labels=labels, average="macro", zero_division=0),
        "per_label": {l: {"precision": p[i], "recall": r[i], "f1": f1[i], "support": int(n[i])} for i, l in enumerate(labels)},
    }


rows = [json.loads(line) for line in sys.stdin if line.strip()]
variants = sorted({r["variant"] for r in rows})
print(json.dumps({v: scores([r for r in rows if r["variant"] == v]) for v in variants}))
