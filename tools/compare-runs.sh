#!/usr/bin/env bash
# Compares two records of tools/record-run.sh and says, output by output, whether they are identical.
# Usage: tools/compare-runs.sh BEFORE_DIR AFTER_DIR      (exit 0 when everything compared is identical)
set -uo pipefail
before="$1"
after="$2"
status=0
same() {
  if diff -q "$before/$1" "$after/$1" >/dev/null 2>&1; then
    echo "identical  $1"
  else
    echo "DIFFERENT  $1"
    status=1
  fi
}
same features-columns.txt
same feature-manifest.txt
same features-summary.txt
same bundle-files.txt
same bundle.json
same predictions.csv
same drift.json
different=0
for f in "$before"/api/*.json; do
  diff -q "$f" "$after/api/$(basename "$f")" >/dev/null 2>&1 || different=$((different + 1))
done
total=$(ls "$before"/api | wc -l)
if [ "$different" -eq 0 ] && [ "$total" -eq "$(ls "$after"/api | wc -l)" ]; then
  echo "identical  api/ ($total answers)"
else
  echo "DIFFERENT  api/ ($different of $total answers)"
  status=1
fi
if diff -q "$before/logistic-baseline.json" "$after/logistic-baseline.json" >/dev/null 2>&1; then
  echo "identical  logistic-baseline.json"
else
  echo "changed    logistic-baseline.json (the baseline's solver may change its figures):"
  python3 - "$before/logistic-baseline.json" "$after/logistic-baseline.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for k in ("rocAuc", "aucSpread", "gini", "ks", "prAuc", "brier", "logLoss"):
    if k in a:
        print(f"             {k}: {a[k]:.4f} -> {b[k]:.4f}")
PY
fi
exit $status
