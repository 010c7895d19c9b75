#!/usr/bin/env python3
"""Where a search's time goes, stage by stage, as the server reports it in Server-Timing.

    bench/stages.py [--url http://127.0.0.1:7071] [--from 300] [--count 500] [--mode hybrid] [--clients 1]

Asks COUNT questions from bench/medquad-corpus.sh's list (starting at FROM) with CLIENTS concurrent
clients on loopback, and prints the median and mean milliseconds of each stage the server names
(parse, bm25, embedding, knn, blend, diversity, snippets, stored, missing, json), their sum, and the
client's round trip, with the 99th percentile of each. Bounded by COUNT requests with a 10 s timeout each.
"""
import argparse, concurrent.futures, statistics, time, urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--url", default="http://127.0.0.1:7071")
parser.add_argument("--questions", default="/tmp/medquad/questions.txt")
parser.add_argument("--from", dest="start", type=int, default=300)
parser.add_argument("--count", type=int, default=500)
parser.add_argument("--mode", default="")
parser.add_argument("--clients", type=int, default=1)
args = parser.parse_args()
if not args.url.startswith("http://127.0.0.1:"):
    raise SystemExit("stages: --url must be http://127.0.0.1:PORT")
questions = open(args.questions).read().split("\n")[args.start:args.start + args.count]
mode = "&mode=" + args.mode if args.mode else ""

def ask(question):
    started = time.perf_counter()
    with urllib.request.urlopen(f"{args.url}/api/search?q={question}&limit=10{mode}", timeout=10) as response:
        response.read()
        header = response.headers.get("Server-Timing", "")
    stages = {}
    for entry in header.split(","):
        name, _, duration = entry.strip().partition(";dur=")
        if duration:
            stages[name] = float(duration)
    stages["round trip"] = (time.perf_counter() - started) * 1000
    return stages

with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
    answers = list(pool.map(ask, questions))
names = []
for answer in answers:
    names += [n for n in answer if n not in names]
names.remove("round trip")
for answer in answers:
    answer["sum of stages"] = sum(answer.get(n, 0) for n in names)
print(f"{len(answers)} questions, {args.clients} client(s), mode {args.mode or 'default'}")
print(f"{'stage':<14} {'median ms':>10} {'mean ms':>9} {'p99 ms':>8} {'share':>6}")
total = statistics.mean(a["sum of stages"] for a in answers)
for name in names + ["sum of stages", "round trip"]:
    values = [a.get(name, 0) for a in answers]
    share = f"{100 * statistics.mean(values) / total:5.1f}%" if name in names else ""
    p99 = sorted(values)[min(len(values) - 1, int(0.99 * len(values)))]
    print(f"{name:<14} {statistics.median(values):>10.3f} {statistics.mean(values):>9.3f} {p99:>8.3f} {share:>6}")
