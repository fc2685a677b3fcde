"""Every scenario in scenarios/ validates against scenarios/schema.json, and the
schema refuses what the loader refuses (an unknown key, a wrong enum, a step
with two actions). Run by ctest with Debian's python3 (python3-jsonschema,
python3-yaml); the C++ test ScenarioSchemaTest checks the schema's keys against
the loader's."""
import glob
import json
import os
import sys

import jsonschema
import yaml

root = sys.argv[1]
schema = json.load(open(os.path.join(root, "scenarios", "schema.json")))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failures = 0
files = sorted(glob.glob(os.path.join(root, "scenarios", "*.yaml")))
assert files, "no scenarios found"
for path in files:
    doc = yaml.safe_load(open(path))
    errors = list(validator.iter_errors(doc))
    for e in errors:
        print(f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    failures += len(errors)
    print(f"{path}: {'ok' if not errors else 'INVALID'}")

refused = {
    "unknown top-level key": {"version": 1, "nmae": "x"},
    "unknown step key": {"version": 1, "timeline": [{"at": "1s", "admin": {"path": "/_sim/reset"}, "when": 1}]},
    "two actions in a step": {"version": 1, "timeline": [{"at": "1s", "admin": {"path": "/_sim/reset"},
                                                          "graph": {"path": "/v23.0/1/messages"}}]},
    "bad customer state": {"version": 1, "world": {"customers": [{"wa_id": "1", "state": "asleep"}]}},
    "bad duration": {"version": 1, "timeline": [{"at": "soon", "admin": {"path": "/_sim/reset"}}]},
    "unknown fact type": {"version": 1, "expect": [{"fact": "message_sent"}]},
    "wrong version": {"version": 2},
    "a step that advances the clock": {"version": 1, "timeline": [{"at": "1s", "admin": {"path": "/_sim/clock/advance"}}]},
}
for name, doc in refused.items():
    if validator.is_valid(doc):
        print(f"schema accepts a scenario the loader refuses: {name}")
        failures += 1
sys.exit(1 if failures else 0)
