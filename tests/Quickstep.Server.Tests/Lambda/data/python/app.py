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


def attempt(event, context):
    # Appends each attempt to ATTEMPTS_FILE, then fails until the attempt for this event reaches event["succeedOn"] (never when absent).
    import json
    path = os.environ["ATTEMPTS_FILE"]
    with open(path, "a") as f:
        f.write(json.dumps({"requestId": context.aws_request_id, "event": event, "time": time.time()}) + "\n")
    with open(path) as f:
        count = sum(1 for line in f if json.loads(line)["event"] == event)
    if count < event.get("succeedOn", 1000):
        raise PaymentDeclined("attempt %d for %s failed" % (count, event.get("id")))
    return {"attempts": count}


def echo(event, context):
    return dict(event, pid=os.getpid())
