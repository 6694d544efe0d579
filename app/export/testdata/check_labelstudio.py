"""Reads Label Studio task files as label-studio-converter does
(Converter.annotation_result_from_task): every task needs "id", "data" and
"annotations", each annotation a "result" list of regions with from_name,
to_name, type and value. An annotation's completed_by, when present, is
what Label Studio's import matches to a user: an object with an "email"
string; a task has at most one annotation per annotator, and at most one
without completed_by.

usage: check_labelstudio.py TASKS_JSON...
Prints a JSON object mapping each task's data.article_id to its id; exits 1
with a message naming the file and task on the first problem.
"""
import json
import sys

ids = {}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        tasks = json.load(f)
    for i, task in enumerate(tasks):
        where = f"{path} task {i}"
        try:
            task_id, data = task["id"], task["data"]
            for annotation in task["annotations"]:
                for r in annotation["result"]:
                    r["from_name"], r["to_name"], r["type"], r["value"]
            who = []
            for annotation in task["annotations"]:
                by = annotation.get("completed_by")
                if by is not None and not (isinstance(by, dict) and isinstance(by["email"], str) and by["email"]):
                    print(f"{where}: completed_by {by!r} is not an object with an e-mail")
                    sys.exit(1)
                who.append(None if by is None else by["email"])
            if len(who) != len(set(who)):
                print(f"{where}: annotators {who!r} have more than one annotation")
                sys.exit(1)
        except (KeyError, TypeError) as e:
            print(f"{where}: label-studio-converter fails: {type(e).__name__} {e}")
            sys.exit(1)
        if not isinstance(task_id, int) or isinstance(task_id, bool) or task_id in ids.values():
            print(f"{where}: id {task_id!r} is not an integer of its own")
            sys.exit(1)
        ids[data["article_id"]] = task_id
print(json.dumps(ids))
