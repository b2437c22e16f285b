# An unchanged Python Lambda handler module.
import os
import sys
import time


class PaymentDeclined(Exception):
    pass


def handler(event, context):
    print("charging", event.get("amount"))
    return {
        "charged": event.get("amount"),
        "requestId": context.aws_request_id,
        "functionName": context.function_name,
        "remainingOk": context.get_remaining_time_in_millis() > 0,
        "taskRoot": os.environ.get("LAMBDA_TASK_ROOT") is not None,
    }


def fail(event, context):
    raise PaymentDeclined("card %s declined" % event.get("card"))


def crash(event, context):
    sys.stdout.flush()
    os._exit(2)


def slow(event, context):
    time.sleep(event["seconds"])
    return {"slept": event["seconds"]}


def record(event, context):
    # Writes the event where RECORD_FILE says: how tests see asynchronous (Event, SNS) invocations.
    import json
    path = os.environ["RECORD_FILE"]
    with open(path + ".tmp", "w") as f:
        json.dump({"event": event, "requestId": context.aws_request_id}, f)
    os.replace(path + ".tmp", path)
    return {"recorded": True}
