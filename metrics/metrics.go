// Package metrics exposes triage's Prometheus metrics: replies ingested by
// source, messages that could not be parsed, suggestion latency by
// strategy, LLM calls, tokens and fallbacks, the pending queue, and what
// collectors did with suggestions. It observes the workflow through the
// hooks triage, inbox and the LLM strategy offer; nothing there imports it.
package metrics

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/triage-ar/triage/suggest/llm"
)

// Metrics holds triage's collectors in a registry of their own.
type Metrics struct {
	reg            *prometheus.Registry
	ingested       *prometheus.CounterVec
	unreadable     prometheus.Counter
	suggestLatency *prometheus.HistogramVec
	qualified      *prometheus.CounterVec
}

// New registers the collectors. queueSize counts the pending replies of
// every tenant at scrape time (nil: not exported); stats are the LLM
// strategy's counters (nil: no LLM).
func New(queueSize func(context.Context) (int, error), stats *llm.Stats) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.ingested = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "triage_replies_ingested_total",
		Help: "Replies ingested, by source and whether they were new (a retry finds the stored one)."}, []string{"source", "outcome"})
	m.unreadable = prometheus.NewCounter(prometheus.CounterOpts{Name: "triage_messages_unreadable_total",
		Help: "Messages that could not be parsed, stored raw and flagged."})
	m.suggestLatency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "triage_suggestion_seconds",
		Help: "Time to compute a suggestion, by strategy.", Buckets: []float64{.0005, .001, .002, .005, .01, .05, .1, .5, 1, 5, 20}}, []string{"strategy"})
	m.qualified = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "triage_qualifications_total",
		Help: "Qualifications, by what was done with the suggestion: accepted as is, edited, rejected (another status), none."}, []string{"suggestion"})
	m.reg.MustRegister(m.ingested, m.unreadable, m.suggestLatency, m.qualified,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if queueSize != nil {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "triage_queue_pending",
			Help: "Pending replies, all tenants."}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			n, err := queueSize(ctx)
			if err != nil {
				return -1 // the database did not answer: visible on a graph, never a stale value
			}
			return float64(n)
		}))
	}
	if stats != nil {
		m.reg.MustRegister(llmCollector{stats})
	}
	return m
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Ingested counts a reply stored (created) or found stored already.
func (m *Metrics) Ingested(source string, created bool) {
	outcome := "new"
	if !created {
		outcome = "retry"
	}
	m.ingested.WithLabelValues(source, outcome).Inc()
}

// Unreadable counts a message stored raw because it could not be parsed.
func (m *Metrics) Unreadable() { m.unreadable.Inc() }

// Suggested records a suggestion's latency.
func (m *Metrics) Suggested(strategy string, d time.Duration) {
	m.suggestLatency.WithLabelValues(strategy).Observe(d.Seconds())
}

// Qualified counts a qualification by what became of its suggestion.
func (m *Metrics) Qualified(fromSuggestion bool, edits []string) {
	outcome := "none"
	switch {
	case !fromSuggestion:
	case slices.Contains(edits, "status"):
		outcome = "rejected"
	case len(edits) > 0:
		outcome = "edited"
	default:
		outcome = "accepted"
	}
	m.qualified.WithLabelValues(outcome).Inc()
}

// llmCollector reads the LLM strategy's counters at scrape time.
type llmCollector struct{ stats *llm.Stats }

var (
	llmCalls     = prometheus.NewDesc("triage_llm_calls_total", "LLM calls (retries not counted).", nil, nil)
	llmRetries   = prometheus.NewDesc("triage_llm_retries_total", "LLM requests sent again after a 429, a 5xx or a network error.", nil, nil)
	llmTokens    = prometheus.NewDesc("triage_llm_tokens_total", "LLM tokens, by kind.", []string{"kind"}, nil)
	llmCost      = prometheus.NewDesc("triage_llm_cost_total", "LLM cost, in the configured price unit.", nil, nil)
	llmFallbacks = prometheus.NewDesc("triage_llm_fallbacks_total", "Suggestions left to the offline strategy, by reason.", []string{"reason"}, nil)
)

func (llmCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{llmCalls, llmRetries, llmTokens, llmCost, llmFallbacks} {
		ch <- d
	}
}

func (c llmCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.stats.Snapshot()
	ch <- prometheus.MustNewConstMetric(llmCalls, prometheus.CounterValue, float64(s.Calls))
	ch <- prometheus.MustNewConstMetric(llmRetries, prometheus.CounterValue, float64(s.Retries))
	ch <- prometheus.MustNewConstMetric(llmTokens, prometheus.CounterValue, float64(s.PromptTokens), "prompt")
	ch <- prometheus.MustNewConstMetric(llmTokens, prometheus.CounterValue, float64(s.CompletionTokens), "completion")
	ch <- prometheus.MustNewConstMetric(llmCost, prometheus.CounterValue, s.Cost)
	for reason, n := range s.Fallbacks {
		ch <- prometheus.MustNewConstMetric(llmFallbacks, prometheus.CounterValue, float64(n), reason)
	}
}
