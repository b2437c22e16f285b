# A Glue-style pythonshell job: reads the orders given as --orders (JSON), keeps the paid ones and prints a summary.
import json
import sys

args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
orders = json.loads(args["--orders"])
paid = [o for o in orders if o.get("status") == "paid"]
if not paid:
    sys.exit("no paid orders in the batch")
print(json.dumps({"paid": len(paid), "total": sum(o["amount"] for o in paid)}))
