#!/usr/bin/env bash
# Issue 11's measure, in one command: a tenant with a small, mostly French
# history (250 past qualifications) and customers answering in French,
# English, German, Spanish and Italian, most replies quoting the reminder.
#
#   scripts/bench-multilingual.sh [WORKDIR]
#
# History: the demo tenant's French and English qualifications, shuffled with
# a fixed seed, the first N (curve 0, 50, 100, 250). Cases: every built-in
# eval set (evals/testdata/ar_*.jsonl). On the same split it runs
#   triage      `triage eval --curve` (cleaned replies, starter prior, cues, vote)
#   linear      triage's TF-IDF softmax classifier alone, no starter, no vote
#   fastText    supervised on the raw history, default settings, then tuned
#               (-wordNgrams 2 -epoch 50 -minn 2 -maxn 5 -lr 1.0), 250 cases
# and prints one table. Needs go, python3 and fasttext (apt-get install -y fasttext).
set -euo pipefail

for tool in go python3 fasttext; do
	command -v "$tool" >/dev/null || { echo "bench-multilingual: $tool is missing" >&2; exit 1; }
done
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
work=${1:-$(mktemp -d /tmp/ml-bench.XXXXXX)}
mkdir -p "$work"
echo "bench-multilingual: working in $work" >&2

python3 - "$root" "$work" <<'PY'
import glob, json, random, sys
root, work = sys.argv[1], sys.argv[2]
hist = []
for f in ("history_fr", "history_en"):
    hist += [json.loads(l) for l in open(f"{root}/demo/data/{f}.jsonl")]
random.Random(7).shuffle(hist)
hist = hist[:250]
cases = []
for f in sorted(glob.glob(f"{root}/evals/testdata/ar_*.jsonl")):
    cases += [json.loads(l) for l in open(f) if l.strip()]
def flat(t):
    return " ".join(t.split())
with open(f"{work}/history.jsonl", "w") as h, open(f"{work}/history.ft", "w") as ft:
    for c in hist:
        h.write(json.dumps(c, ensure_ascii=False) + "\n")
        ft.write(f"__label__{c['status']} {flat(c['text'])}\n")
with open(f"{work}/set.jsonl", "w") as s, open(f"{work}/set.ft", "w") as ft:
    for c in cases:
        s.write(json.dumps(c, ensure_ascii=False) + "\n")
        ft.write(f"__label__{c['status']} {flat(c['text'])}\n")
print(f"{len(hist)} history cases, {len(cases)} eval cases", file=sys.stderr)
PY

(cd "$root" && go build -o "$work/triage" ./cmd/triage)
"$work/triage" eval --history "$work/history.jsonl" --set "$work/set.jsonl" --curve 0,50,100,250 >"$work/curve.txt"
"$work/triage" eval --history "$work/history.jsonl" --set "$work/set.jsonl" --json >"$work/triage.json"
"$work/triage" eval --history "$work/history.jsonl" --set "$work/set.jsonl" --starter off --classifier-only --json >"$work/linear.json"

fasttext_acc() { # name, flags... → accuracy on the set
	local name=$1
	shift
	fasttext supervised -input "$work/history.ft" -output "$work/ft-$name" -thread 1 -verbose 0 "$@" >&2
	fasttext predict "$work/ft-$name.bin" "$work/set.ft" >"$work/ft-$name.pred"
	python3 - "$work/set.ft" "$work/ft-$name.pred" <<'PY'
import sys
gold = [l.split(" ", 1)[0] for l in open(sys.argv[1])]
pred = [l.strip() for l in open(sys.argv[2])]
print(f"{sum(g == p for g, p in zip(gold, pred)) / len(gold):.4f}")
PY
}
ft_default=$(fasttext_acc default)
ft_tuned=$(fasttext_acc tuned -wordNgrams 2 -epoch 50 -minn 2 -maxn 5 -lr 1.0)

python3 - "$work" "$ft_default" "$ft_tuned" <<'PY'
import json, sys
work, ftd, ftt = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
t = json.load(open(f"{work}/triage.json"))
l = json.load(open(f"{work}/linear.json"))
langs = sorted(t["per_lang"])
print(open(f"{work}/curve.txt").read())
print(f"{'250 history cases':28} {'accuracy':>9}  " + "  ".join(f"{x.upper():>6}" for x in langs))
for name, r in (("triage knn (starter, cues)", t), ("TF-IDF linear, no starter", l)):
    print(f"{name:28} {r['accuracy']:9.4f}  " + "  ".join(f"{r['per_lang'].get(x, {}).get('accuracy', 0):6.4f}" for x in langs))
print(f"{'fastText default':28} {ftd:9.4f}")
print(f"{'fastText tuned':28} {ftt:9.4f}")
print(f"\ntriage latency p50 {t['latency_ms']['p50']:.3f} ms, p99 {t['latency_ms']['p99']:.3f} ms")
PY
