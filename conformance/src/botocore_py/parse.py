"""Reads responses with botocore's own parsers: one JSON request a line on standard input, one
JSON answer a line on standard output. Used by awsval's tests to compare with botocore.

A request: {"model": path, "operation": name, "status": int, "headers": {...}, "body": base64}.
An answer: {"ok": parsed} or {"error": text}. Parsed values are plain JSON: datetimes as
"ts:<microseconds since the epoch>", bytes as "b64:<base64>", NaN and the infinities by name.
"""
import base64
import datetime
import json
import math
import sys

from botocore.model import ServiceModel
from botocore.parsers import create_parser

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
MODELS = {}


def plain(value):
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, (bytes, bytearray)):
        return "b64:" + base64.b64encode(bytes(value)).decode()
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return "ts:%d" % ((value - EPOCH) // datetime.timedelta(microseconds=1))
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return value


def answer(request):
    path = request["model"]
    if path not in MODELS:
        with open(path) as file:
            MODELS[path] = ServiceModel(json.load(file))
    model = MODELS[path]
    operation = model.operation_model(request["operation"])
    parser = create_parser(request.get("protocol") or model.metadata["protocol"])
    response = {
        "status_code": request["status"],
        "headers": request["headers"],
        "body": base64.b64decode(request["body"]),
    }
    parsed = parser.parse(response, operation.output_shape)
    parsed.pop("ResponseMetadata", None)
    return plain(parsed)


for line in sys.stdin:
    try:
        reply = {"ok": answer(json.loads(line))}
    except Exception as error:  # noqa: BLE001 - every failure is reported to the caller
        reply = {"error": "%s: %s" % (type(error).__name__, error)}
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()
