"""confluent-kafka (librdkafka) driver for ./run.sh clients. Default config; Debian: python3-confluent-kafka.

Produce: produce() with a delivery callback, poll(0) to serve callbacks, flush() at the end (the library's
documented pattern); BufferError (local queue full) is answered with poll(0.1) and a retry.
Consume: assign every partition at OFFSET_BEGINNING, poll() one message at a time until all arrived.
"""
import sys
import time
import uuid

import confluent_kafka
from confluent_kafka import Consumer, Producer, TopicPartition, OFFSET_BEGINNING

import driver_args

args = driver_args.parse()
value = driver_args.payload(args.message_size)
result = {}

delivered = [0]
errors = []


def on_delivery(err, msg):
    if err is not None:
        errors.append(err)
    else:
        delivered[0] += 1


producer = Producer({"bootstrap.servers": args.bootstrap_servers})
start = time.perf_counter()
for _ in range(args.records):
    while True:
        try:
            producer.produce(args.topic, value, callback=on_delivery)
            break
        except BufferError:
            producer.poll(0.1)
    producer.poll(0)
producer.flush()
result["produceSeconds"] = time.perf_counter() - start
result["producedRecords"] = delivered[0]
if errors:
    print("confluent-kafka: delivery failed: %s" % errors[0], file=sys.stderr)

consumer = Consumer({"bootstrap.servers": args.bootstrap_servers, "group.id": "kcb-" + uuid.uuid4().hex[:8],
                     "enable.auto.commit": False})
consumer.assign([TopicPartition(args.topic, p, OFFSET_BEGINNING) for p in range(args.partitions)])
count = 0
size = 0
start = time.perf_counter()
last = start
while count < delivered[0]:
    msg = consumer.poll(1.0)
    if msg is None:
        if time.perf_counter() - last > 30:
            break
        continue
    if msg.error():
        continue
    count += 1
    size += len(msg.value())
    last = time.perf_counter()
consumer.close()
result["consumeSeconds"] = last - start
result["consumedRecords"] = count
result["consumedBytes"] = size
driver_args.emit("confluent-kafka", "%s (librdkafka %s)" % (confluent_kafka.version()[0], confluent_kafka.libversion()[0]),
                 args, [result])
sys.exit(0 if not errors and count >= args.records else 1)
