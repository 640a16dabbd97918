"""Drives boto3 against mock services: reads a plan (JSON) on standard input, makes each call,
and writes what boto3 made of each answer (JSON) on standard output.

A plan: {"calls": [{"service", "endpoint", "method", "params"}]}; in params, {"$bytes": BASE64}
stands for bytes. An answer per call: {"result": PLAIN} (ResponseMetadata left out) or
{"error": {"code", "message", "status"}}. Plain values: bytes and streamed bodies as base64,
datetimes as RFC 3339 in UTC.
"""
import base64
import datetime
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.response import StreamingBody


def wire(value):
    if isinstance(value, dict):
        if set(value) == {"$bytes"}:
            return base64.b64decode(value["$bytes"])
        return {key: wire(item) for key, item in value.items()}
    if isinstance(value, list):
        return [wire(item) for item in value]
    return value


def plain(value):
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, StreamingBody):
        return base64.b64encode(value.read()).decode()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, datetime.datetime):
        value = value.astimezone(datetime.timezone.utc)
        text = value.strftime("%Y-%m-%dT%H:%M:%S")
        if value.microsecond:
            text += ("%.6f" % (value.microsecond / 1e6))[1:].rstrip("0")
        return text + "Z"
    return value


def client(service, endpoint):
    config = Config(
        retries={"max_attempts": 1},
        s3={"addressing_style": "path"},
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        config=config,
    )


def call(step):
    method = getattr(client(step["service"], step["endpoint"]), step["method"])
    try:
        result = method(**wire(step["params"]))
    except ClientError as error:
        details = error.response.get("Error", {})
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return {"error": {"code": details.get("Code"), "message": details.get("Message"), "status": status}}
    result.pop("ResponseMetadata", None)
    return {"result": plain(result)}


plan = json.load(sys.stdin)
json.dump([call(step) for step in plan["calls"]], sys.stdout)
