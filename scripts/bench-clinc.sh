#!/usr/bin/env bash
# Compares triage's offline `knn` strategy with fastText on CLINC150, the
# public intent data set of Larson et al. 2019 (github.com/clinc/oos-eval),
# in-scope part only: 150 intents, train 15 000 (100 per intent), test 4 500.
# It stands in for customer replies (issue 5); nothing of it enters the repo.
#
#   scripts/bench-clinc.sh DATA_FULL_JSON [WORKDIR]
#
# Get data_full.json from the oos-eval repository (data/data_full.json), e.g.
#   git clone --depth 1 https://github.com/clinc/oos-eval /tmp/oos-eval
#   scripts/bench-clinc.sh /tmp/oos-eval/data/data_full.json
#
# Two settings, each trained on the train split and scored on the test split:
#   full  all of train (15 000 cases)
#   10    the first 10 cases of each intent in train (1 500 cases)
# triage: `triage eval --history <train> --set test.jsonl --json` (DESIGN.md §6);
# its latencies are per suggestion, with the whole train split as history.
# fastText (apt-get install -y fasttext): supervised, -wordNgrams 2 -epoch 50
# -minn 2 -maxn 5 -dim 100 as issue 5 asks, -thread 1 so that runs repeat;
# a second line with -lr 1.0, which suits small training sets better, for fairness.
# Needs go, python3 and fasttext. WORKDIR (default: a new /tmp dir) keeps the
# converted files, both tools' outputs and the JSON reports.
set -euo pipefail

data=${1:?usage: scripts/bench-clinc.sh DATA_FULL_JSON [WORKDIR]}
[[ -r $data ]] || { echo "bench-clinc: cannot read $data" >&2; exit 1; }
for tool in go python3 fasttext; do
	command -v "$tool" >/dev/null || { echo "bench-clinc: $tool is missing (fasttext: apt-get install -y fasttext)" >&2; exit 1; }
done
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
work=${2:-$(mktemp -d /tmp/clinc-bench.XXXXXX)}
mkdir -p "$work"
echo "bench-clinc: working in $work" >&2

# JSONL for triage (id, text, status) and __label__ lines for fastText.
python3 - "$data" "$work" <<'PY'
import collections, json, sys
data, work = sys.argv[1], sys.argv[2]
d = json.load(open(data))
per = collections.Counter()
ten = []
for text, label in d["train"]:
    if per[label] < 10:
        ten.append((text, label))
        per[label] += 1
for name, rows in (("full", d["train"]), ("10", ten), ("test", d["test"])):
    with open(f"{work}/{name}.jsonl", "w") as j, open(f"{work}/{name}.ft", "w") as f:
        for i, (text, label) in enumerate(rows):
            j.write(json.dumps({"id": f"{name}-{i}", "text": text, "status": label}) + "\n")
            f.write(f"__label__{label} {text}\n")
PY

(cd "$root" && go build -o "$work/triage" ./cmd/triage)

fasttext_acc() { # train file, extra flags... → accuracy on test
	local train=$1
	shift
	fasttext supervised -input "$work/$train.ft" -output "$work/ft-$train" -wordNgrams 2 -epoch 50 \
		-minn 2 -maxn 5 -dim 100 -thread 1 -verbose 0 "$@" >&2
	fasttext predict "$work/ft-$train.bin" "$work/test.ft" >"$work/ft-$train.pred"
	paste -d ' ' "$work/ft-$train.pred" "$work/test.ft" | awk '{ n++; if ($1 == $2) ok++ } END { printf "%.4f", ok / n }'
}

printf '%-8s %8s %8s %8s %8s %9s %9s %10s %12s %12s\n' setting history knn_acc macro_f1 ece p50_ms p99_ms train_ms fasttext fasttext_lr1
for setting in full 10; do
	"$work/triage" eval --history "$work/$setting.jsonl" --set "$work/test.jsonl" --json >"$work/knn-$setting.json"
	ft=$(fasttext_acc "$setting")
	ft1=$(fasttext_acc "$setting" -lr 1.0)
	python3 - "$work/knn-$setting.json" "$setting" "$ft" "$ft1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"{sys.argv[2]:<8} {r['history']:>8} {r['accuracy']:>8.4f} {r['macro_f1']:>8.4f} {r['ece']:>8.4f} "
      f"{r['latency_ms']['p50']:>9.3f} {r['latency_ms']['p99']:>9.3f} {r['train_ms']:>10.0f} {float(sys.argv[3]):>12.4f} {float(sys.argv[4]):>12.4f}")
PY
done
