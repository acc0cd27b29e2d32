"""Shared command line and output of the Python drivers: the same contract as dev.kcb.bench.clients.JavaDriver.

Each driver produces --records records of --message-size bytes with the library's default config, waits for
delivery, then consumes them all from the beginning, and prints one JSON line:
{"client", "version", "records", "messageSize", "passes": [{"produceSeconds", "producedRecords",
 "consumeSeconds", "consumedRecords", "consumedBytes"}]}
"""
import argparse
import json
import os


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--bootstrap-servers", required=True)
    p.add_argument("--topic", required=True)
    p.add_argument("--records", type=int, required=True)
    p.add_argument("--message-size", type=int, default=100)
    p.add_argument("--partitions", type=int, default=1)
    return p.parse_args()


def payload(size):
    """Random bytes, generated once (incompressible, like the Java driver's)."""
    return os.urandom(size)


def emit(client, version, args, passes):
    print(json.dumps({"client": client, "version": version, "records": args.records,
                      "messageSize": args.message_size, "passes": passes}), flush=True)
