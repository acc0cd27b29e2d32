"""kafka-python driver for ./run.sh clients. Default config; Debian: python3-kafka.

Produce: send() (asynchronous, returns a future) with an errback, then flush() (the documented pattern).
Consume: assign every partition, seek_to_beginning(), iterate the consumer until all records arrived.
"""
import sys
import time

import kafka
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

import driver_args

args = driver_args.parse()
value = driver_args.payload(args.message_size)
result = {}

delivered = [0]
errors = []


def on_success(_metadata):
    delivered[0] += 1


producer = KafkaProducer(bootstrap_servers=args.bootstrap_servers)
start = time.perf_counter()
for _ in range(args.records):
    producer.send(args.topic, value).add_callback(on_success).add_errback(errors.append)
producer.flush()
result["produceSeconds"] = time.perf_counter() - start
result["producedRecords"] = delivered[0]
producer.close()
if errors:
    print("kafka-python: delivery failed: %s" % errors[0], file=sys.stderr)

consumer = KafkaConsumer(bootstrap_servers=args.bootstrap_servers, group_id=None, enable_auto_commit=False,
                         consumer_timeout_ms=30000)
partitions = [TopicPartition(args.topic, p) for p in range(args.partitions)]
consumer.assign(partitions)
consumer.seek_to_beginning(*partitions)
count = 0
size = 0
start = time.perf_counter()
last = start
for msg in consumer:
    count += 1
    size += len(msg.value)
    last = time.perf_counter()
    if count >= delivered[0]:
        break
consumer.close()
result["consumeSeconds"] = last - start
result["consumedRecords"] = count
result["consumedBytes"] = size
driver_args.emit("kafka-python", kafka.__version__, args, [result])
sys.exit(0 if not errors and count >= args.records else 1)
