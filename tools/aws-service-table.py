#!/usr/bin/env python3
"""Writes src/Quickstep.Integrations/AwsSdk/aws-services.tsv from botocore's service models (installed with the AWS CLI):
one line per service with what forwarding a Task's call needs (issue 12, "Everything else"): the aws-sdk:SERVICE name,
serviceId, SigV4 signing name, protocol, JSON version, X-Amz-Target prefix, API version, endpoint prefix.
usage: python3 tools/aws-service-table.py"""
import gzip
import json
import os
import botocore

root = os.path.join(os.path.dirname(botocore.__file__), "data")
out = os.path.join(os.path.dirname(__file__), "..", "src", "Quickstep.Integrations", "AwsSdk", "aws-services.tsv")
rows = []
for service in sorted(os.listdir(root)):
    folder = os.path.join(root, service)
    versions = sorted(d for d in os.listdir(folder) if os.path.isdir(os.path.join(folder, d))) if os.path.isdir(folder) else []
    if not versions:
        continue
    path = os.path.join(folder, versions[-1], "service-2.json")
    if os.path.exists(path):
        model = json.load(open(path))
    elif os.path.exists(path + ".gz"):
        model = json.load(gzip.open(path + ".gz"))
    else:
        continue
    m = model["metadata"]
    protocols = m.get("protocols") or [m["protocol"]]
    # Quickstep forwards AWS JSON and query; a service that also speaks one of them is forwarded in it.
    protocol = next((p for p in protocols if p in ("json", "query", "ec2")), protocols[0])
    key = "".join(c for c in m["serviceId"] if c.isalnum()).lower()
    rows.append([key, m["serviceId"], m.get("signingName") or m["endpointPrefix"], protocol, m.get("jsonVersion") or "1.0" if protocol == "json" else "",
                 m.get("targetPrefix") or "", m["apiVersion"], m["endpointPrefix"]])
with open(out, "w") as f:
    f.write("# sdk-name\tserviceId\tsigningName\tprotocol\tjsonVersion\ttargetPrefix\tapiVersion\tendpointPrefix (tools/aws-service-table.py, botocore %s)\n" % botocore.__version__)
    for row in rows:
        f.write("\t".join(row) + "\n")
print(f"{len(rows)} services -> {os.path.normpath(out)}")
