#!/usr/bin/env python3
"""Java CPU samples of a JFR recording, attributed to the stages of a search.

    bench/jfr-stages.py RECORDING.jfr

Each execution sample (a Java thread running Java code) counts towards the innermost stage its
stack passes through; native samples (a Java thread inside native code, such as ONNX Runtime's
session run) are counted apart. ONNX Runtime's own worker threads are not Java threads and are not
sampled at all: the embedding's wall time is in Server-Timing (bench/stages.py).
"""
import json, subprocess, sys, collections, os

STAGES = [  # (marker in "Class.method", stage); the innermost marked frame decides
    ("SpellingCorrector.", "parse + spell-check"),
    ("EnglishWords.", "parse + spell-check"),
    ("UserQuery.", "parse + spell-check"),
    ("QueryFactory.missingWords", "missing words"),
    ("QuestionEmbeddings.", "embedding"),
    ("OnnxEmbedder.", "embedding"),
    ("HybridRanking.nearest", "kNN"),
    ("HybridRanking.", "blend"),
    ("ProviderAnswers.", "blend"),
    ("Snippets.", "snippets"),
    ("SearchService.hits", "stored fields"),
    ("Diversity.", "diversity"),
    ("SearchService.ordered", "diversity"),
    ("QueryFactory.", "BM25 candidates"),
    ("SearchService.ranked", "BM25 candidates"),
    ("SearchService.search", "search (other)"),
    ("Suggestion", "suggestions"),
    ("com.fasterxml.jackson.", "JSON"),
    ("SearchController.", "search (other)"),
    ("io.javalin.", "HTTP (Javalin, Jetty)"),
    ("org.eclipse.jetty.", "HTTP (Javalin, Jetty)"),
]

def stage_of(frames):
    for frame in frames:  # innermost first
        method = frame["method"]
        name = method["type"]["name"].replace("/", ".") + "." + method["name"]
        for marker, stage in STAGES:
            if marker in name:
                return stage
    return "other (JIT, GC, refresh, idle pools)"

recording = sys.argv[1]
jfr = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "jfr")
counts = {}
for event in ["jdk.ExecutionSample", "jdk.NativeMethodSample"]:
    out = subprocess.run([jfr, "print", "--json", "--stack-depth", "64", "--events", event, recording],
                         capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    counts[event] = collections.Counter(stage_of(e["values"]["stackTrace"]["frames"]) for e in events)
java = counts["jdk.ExecutionSample"]
total = sum(java.values())
print(f"Java CPU samples: {total}")
for stage, n in java.most_common():
    print(f"  {stage:<40} {n:6d} {100 * n / total:5.1f}%")
native = counts["jdk.NativeMethodSample"]
print(f"Samples of Java threads in native code: {sum(native.values())}")
for stage, n in native.most_common(6):
    print(f"  {stage:<40} {n:6d}")
