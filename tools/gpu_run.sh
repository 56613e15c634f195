#!/usr/bin/env bash
# The GPU check of issue 21 as one prepared script.
#   Here (a CPU machine with PyPI):  bash tools/gpu_run.sh prepare   wheels into .whl/, data into .gpudata/
#   Then, with the device tool:      run(command="bash tools/gpu_run.sh run", carry=[".whl", ".gpudata"],
#                                        timeout_s=580)
#   On a CPU, to check the path:     bash tools/gpu_run.sh smoke
# `run` installs the carried wheels (keras and the package's pure-Python needs; the machine has JAX), runs
# tools/gpu_run.py on the JAX backend with bf16 mixed precision inside a 520 s budget, and copies the results
# JSON to $OUT for committing.
set -euo pipefail
cd "$(dirname "$0")/.."
WHEELS="keras==3.15.1 namex optree pyfaidx pyBigWig memelite fastcore<2"   # the machine has JAX, numba, pandas, sklearn
DATA="hg38_chr22 hg38_gencode_annotation genomic_benchmarks_enhancer_coords deepcage_encode hocomoco_v11_human encode_dnase_hg38"
case "${1:-}" in
  prepare)
    grep -qx '/.whl/' .git/info/exclude 2>/dev/null || echo /.whl/ >> .git/info/exclude
    grep -qx '/.gpudata/' .git/info/exclude 2>/dev/null || echo /.gpudata/ >> .git/info/exclude
    rm -rf .whl && mkdir -p .whl .gpudata
    for w in $WHEELS; do
      python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
        --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
        -d .whl "$w" || python3 -m pip download -q --no-deps -d .whl "$w"
    done
    src=${ENHANCER_NETS_DATA:-../shared/data}
    for d in $DATA; do [ -d "$src/$d" ] && cp -r "$src/$d" .gpudata/; done
    # pyjaspar (55 MB) stays here: the JASPAR counts the GPU cells use travel in the package's cache format
    ENHANCER_NETS_CACHE=$PWD/.gpudata/cache python3 -c "
from enhancer_nets.speid import GRAMMAR
from enhancer_nets.data import jaspar_ppm
for m in {g[0] for g in GRAMMAR} | {g[2] for g in GRAMMAR} | {'MA0102.2'}: jaspar_ppm(m)"
    du -sh .whl .gpudata ;;
  run)
    python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
    export PYTHONPATH=/tmp/site:$PWD KERAS_BACKEND=jax ENHANCER_NETS_DATA=$PWD/.gpudata PYTHONUNBUFFERED=1
    export ENHANCER_NETS_CACHE=$PWD/.gpudata/cache
    nvidia-smi --query-gpu=name,memory.total --format=csv || true
    timeout 540 python3 tools/gpu_run.py --budget 520 || echo "gpu_run.py exited with $?"
    mkdir -p "${OUT:-results}"
    for f in results/gpu_run.json results/deepenhancer_chr22_stride2.json results/speid_gpu_epoch.json \
             results/deepcage_chr22_full.json results/deepenhancer_cv_stride2.json; do
      [ -f "$f" ] && cp "$f" "${OUT:-results}/" || true
    done ;;
  smoke)
    KERAS_BACKEND=jax python3 tools/gpu_run.py --smoke --budget 600 --out "${2:-/tmp/gpu_run_smoke.json}" ;;
  *) echo "usage: bash tools/gpu_run.sh prepare|run|smoke" >&2; exit 2 ;;
esac
