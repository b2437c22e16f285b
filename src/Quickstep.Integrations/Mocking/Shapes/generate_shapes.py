#!/usr/bin/env python3
"""Writes service-shapes.json: the output shapes of the AWS APIs a Task can call, from botocore's
service models (shipped with the AWS CLI), reduced to what a mocked result is checked against:
type, members, required members, min/max, enum values, list member and map value.

Usage: python3 generate_shapes.py   (run from this folder; rewrites service-shapes.json)
"""
import gzip
import json
import os

import botocore

# Services Task states call (optimized integrations and common aws-sdk ones).
SERVICES = ["lambda", "dynamodb", "events", "stepfunctions", "sqs", "sns", "s3", "kms", "glue", "ecs",
            "batch", "athena", "secretsmanager", "ssm", "sts", "scheduler", "pipes",
            "apigateway", "bedrock-runtime", "logs", "cloudwatch"]
KEEP = ("min", "max", "enum")
TYPES = {"structure": "o", "list": "a", "map": "m", "string": "s", "blob": "s", "timestamp": "s",
         "integer": "n", "long": "n", "float": "n", "double": "n", "boolean": "b"}


def load(service):
    root = os.path.join(os.path.dirname(botocore.__file__), "data", service)
    version = sorted(os.listdir(root))[-1]
    path = os.path.join(root, version, "service-2.json")
    if os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz", "rt", encoding="utf-8") as fh:
            return json.load(fh)
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def main():
    out = {}
    for service in SERVICES:
        model = load(service)
        shapes = model["shapes"]
        ops = {}
        used = {}

        def visit(name):
            if name in used:
                return
            s = shapes[name]
            t = TYPES.get(s["type"], "s")
            r = {"t": t}
            if s["type"] == "blob":
                r["blob"] = 1
            for k in KEEP:
                if k in s:
                    r[k] = s[k]
            used[name] = r
            if t == "o":
                r["m"] = {m: v["shape"] for m, v in s.get("members", {}).items()}
                if s.get("required"):
                    r["r"] = s["required"]
                for v in r["m"].values():
                    visit(v)
            elif t == "a":
                r["e"] = s["member"]["shape"]
                visit(r["e"])
            elif t == "m":
                r["v"] = s["value"]["shape"]
                visit(r["v"])

        for op, spec in model["operations"].items():
            if "output" in spec:
                ops[op] = spec["output"]["shape"]
                visit(spec["output"]["shape"])
        out[service] = {"ops": ops, "shapes": used}
    with open("service-shapes.json", "w", encoding="utf-8") as fh:
        json.dump(out, fh, separators=(",", ":"), sort_keys=True)


if __name__ == "__main__":
    main()
