#!/usr/bin/env bash
# Records everything a seeded run produces (features, model, scorecard, metrics, batch scores, API answers with their
# explanations) as text, so that a restructuring can show that it changed nothing: run it with the jar built before
# and the jar built after, then diff the two folders (tools/compare-runs.sh).
#
# Usage: tools/record-run.sh JAR OUT_DIR [CLIENTS (default 30000, the demo's)] [TRIALS (default 2, the demo's)]
#                            [FROM_WORK (an earlier record's OUT_DIR/work: its files and feature table are reused)]
# The run is the demo's: seed 42, 5 folds, the scorecard challenger. DuckDB's parallel sums of decimals are not
# bit-for-bit repeatable (their order varies with thread scheduling: about 1e-15 relative), so comparing two builds'
# models and scores is done on the same feature table (FROM_WORK), and their feature tables are compared apart.
set -euo pipefail
jar="$(realpath "$1")"
out="$(realpath -m "$2")"
clients="${3:-30000}"
trials="${4:-2}"
from="${5:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$out/work"
rm -rf "$out"
mkdir -p "$work" "$out/api"
export OMP_WAIT_POLICY=passive GLIBC_TUNABLES=glibc.malloc.hugetlb=1
scoring() { java -jar "$jar" "$@"; }

if [ -n "$from" ]; then
  ln -s "$(realpath "$from")/data" "$work/data"
  cp "$from/homecredit.duckdb" "$work/homecredit.duckdb"
else
  scoring generate --out "$work/data" --clients "$clients" --seed 42 2>"$out/generate.log"
  scoring ingest --data "$work/data" --db "$work/homecredit.duckdb" 2>"$out/ingest.log"
  scoring features --db "$work/homecredit.duckdb" 2>"$out/features.log"
fi
java -cp "$jar" "$here/RunDigest.java" features "$work/homecredit.duckdb" "$out"

scoring train --db "$work/homecredit.duckdb" --models "$work/models" --trials "$trials" --seed 42 --scorecard \
  2>"$out/train.log" >"$out/train.txt"
bundle="$work/models/current"
sha256sum "$bundle/model.ubj" "$bundle/out-of-fold.csv" | sed "s|$bundle/||" >"$out/bundle-files.txt"
# bundle.json without what differs between two runs by design: time, version, library versions, trial seconds.
python3 - "$bundle/bundle.json" "$out" <<'EOF'
import json, sys
b = json.load(open(sys.argv[1]))
for k in ("version", "createdAt", "libraries"):
    b.pop(k, None)
for t in b.get("search", []):
    t.pop("seconds", None)
logistic = b.pop("logistic", None)
json.dump(b, open(sys.argv[2] + "/bundle.json", "w"), indent=1, sort_keys=True)
json.dump(logistic, open(sys.argv[2] + "/logistic-baseline.json", "w"), indent=1, sort_keys=True)
EOF

scoring predict --input "$work/data/application_test.csv" --history "$work/data" --model "$bundle" \
  --out "$out/predictions.csv" 2>"$out/predict.log"
scoring drift --current "$work/data/application_test.csv" --model "$bundle" --out "$work/drift" 2>"$out/drift.log" || true
python3 - "$work/drift/drift.json" "$out/drift.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for k in ("createdAt", "modelVersion", "current", "generatedAt"):
    d.pop(k, None)
json.dump(d, open(sys.argv[2], "w"), indent=1, sort_keys=True)
EOF

# The API: stored clients scored as stored (both languages), and edited applications computed online.
users="$work/users.json"
scoring users add recorder --role advisor --generate --users "$users" >/dev/null 2>&1
key="$(scoring users key recorder --users "$users" 2>/dev/null)"
port=$(( 20000 + RANDOM % 20000 ))
java -jar "$jar" serve --port "$port" --model "$bundle" --db "$work/homecredit.duckdb" --users "$users" \
  --audit "$work/audit.jsonl" >"$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/api/v1/ready" >/dev/null 2>&1 && break
  sleep 1
done
api() { curl -s -H "Authorization: Bearer $key" "$@"; }
for id in $(cut -d' ' -f1 "$out/features-by-client.txt" | awk 'NR % 150 == 1' | head -200); do
  for lang in en fr; do
    api "http://127.0.0.1:$port/api/v1/clients/$id/score?lang=$lang" >"$out/api/client-$id-$lang.json"
  done
done
java -cp "$jar" "$here/RunDigest.java" requests "$work/data" "$work/requests" 40
for body in "$work"/requests/*.json; do
  api -X POST -H 'Content-Type: application/json' --data-binary "@$body" \
    "http://127.0.0.1:$port/api/v1/score?lang=en" >"$out/api/score-$(basename "$body")"
done
kill $server
wait $server 2>/dev/null || true
python3 - "$out/api" <<'EOF'
import json, os, sys
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    path = os.path.join(folder, name)
    answer = json.load(open(path))
    answer.pop("modelVersion", None)
    json.dump(answer, open(path, "w"), indent=1, sort_keys=True)
EOF
echo "recorded in $out: $(cat "$out/features-summary.txt"); $(ls "$out/api" | wc -l) API answers"
