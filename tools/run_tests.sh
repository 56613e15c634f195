#!/usr/bin/env bash
# Run every notebook (nbdev_test, one notebook at a time so each is counted) and the pytest suite.
# Ends with one line "N passed, N failed" (notebooks + pytest tests); exits non-zero if anything failed.
set -u
cd "$(dirname "$0")/.."
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-3}
if [ -n "${ENHANCER_NETS_DATA:-}" ] && [ -d "$ENHANCER_NETS_DATA" ]; then
  export ENHANCER_NETS_DATA=$(cd "$ENHANCER_NETS_DATA" && pwd)   # notebooks run from nbs/: make it absolute
fi
passed=0; failed=0
for nb in nbs/*.ipynb; do
  start=$(date +%s)
  if nbdev_test --path "$nb" > /tmp/nbtest.$$.log 2>&1; then
    passed=$((passed+1)); echo "PASS $nb ($(( $(date +%s)-start )) s)"
  else
    failed=$((failed+1)); echo "FAIL $nb ($(( $(date +%s)-start )) s)"; grep -v -E 'absl|cuda_' /tmp/nbtest.$$.log | tail -40
  fi
done
rm -f /tmp/nbtest.$$.log
junit=$(mktemp --suffix .xml)
python -m pytest -q -p no:cacheprovider tests --junitxml="$junit"
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 1 ] && [ $rc -ne 5 ]; then failed=$((failed+1)); echo "pytest exited with $rc"; fi
read tp tf < <(python - "$junit" <<'PY'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot(); s = r if r.tag == 'testsuite' else r.find('testsuite')
n, f, e, k = (int(s.get(a, 0)) for a in ('tests', 'failures', 'errors', 'skipped'))
print(n - f - e - k, f + e)
PY
)
rm -f "$junit"
passed=$((passed+${tp:-0})); failed=$((failed+${tf:-0}))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
