package web

import (
	"fmt"
	"slices"

	"github.com/triage-ar/triage/evals"
)

// bar is one bar of a chart: a label under it and a value in [0, 1].
type bar struct {
	Label string
	Value float64
	Note  string // shown on hover, e.g. "12/15"
}

// chart is a bar chart laid out for the "barchart" template, which draws it
// as inline SVG, server-side: no script, nothing to load, readable by
// screen readers through its title and each bar's title.
type chart struct {
	Title         string
	Width, Height int
	Grid          []chartLine
	Bars          []chartBar
}

type chartLine struct {
	Y, TextY float64
	Label    string
}

type chartBar struct {
	X, Y, W, H, LabelX float64
	Label, Title       string
}

// Geometry of the charts, in SVG user units.
const (
	chartW, chartH = 640, 200
	chartBottom    = 28 // room for the labels
	chartTop       = 12
	chartLeft      = 40 // room for the axis
)

// barChart lays bars out; lang writes the axis and the bars' titles.
func barChart(lang, title string, bars []bar) chart {
	c := chart{Title: title, Width: chartW, Height: chartH}
	plot := float64(chartH - chartBottom - chartTop)
	for _, y := range []float64{0, 0.5, 1} {
		py := chartTop + (1-y)*plot
		c.Grid = append(c.Grid, chartLine{Y: py, TextY: py + 4, Label: formatPercent(lang, y)})
	}
	if len(bars) == 0 {
		return c
	}
	slot := float64(chartW-chartLeft) / float64(len(bars))
	for i, b := range bars {
		v := min(max(b.Value, 0), 1)
		h := v * plot
		x := chartLeft + float64(i)*slot
		c.Bars = append(c.Bars, chartBar{X: x + slot*0.15, Y: chartTop + plot - h, W: slot * 0.7, H: h, LabelX: x + slot/2,
			Label: b.Label, Title: trf(lang, "charts.bar", b.Label, formatPercent(lang, v), b.Note)})
	}
	return c
}

// heatmap is a confusion matrix laid out for the "heatmap" template: rows
// are the expected statuses, columns the predicted ones, each cell shaded
// by its share of the row.
type heatmap struct {
	Title  string // what the matrix shows, for screen readers
	Label  string
	Size   int // the square's side in user units
	Labels []heatLabel
	Cells  []heatCell
}

type heatLabel struct {
	Text     string
	Pos      float64 // row y / column x of the label
	Diagonal bool
}

type heatCell struct {
	X, Y, W, Shade float64
	Count          int
	Title          string
	Correct        bool
}

// Heatmap geometry, in SVG user units.
const (
	heatCell0  = 34  // a cell's side
	heatMargin = 150 // room for the row labels
)

func confusionHeatmap(lang string, conf map[string]map[string]int) heatmap {
	var labels []string
	seen := map[string]bool{}
	for g, row := range conf {
		for p := range row {
			for _, l := range []string{g, p} {
				if !seen[l] {
					seen[l] = true
					labels = append(labels, l)
				}
			}
		}
	}
	slices.Sort(labels)
	h := heatmap{Title: tr(lang, "charts.heatmap.title"), Label: tr(lang, "charts.heatmap"), Size: heatMargin + heatCell0*len(labels)}
	for i, l := range labels {
		h.Labels = append(h.Labels, heatLabel{Text: l, Pos: heatMargin + float64(i)*heatCell0 + heatCell0/2})
	}
	for i, g := range labels {
		total := 0
		for _, n := range conf[g] {
			total += n
		}
		for j, p := range labels {
			n := conf[g][p]
			if n == 0 {
				continue
			}
			h.Cells = append(h.Cells, heatCell{X: heatMargin + float64(j)*heatCell0, Y: heatMargin + float64(i)*heatCell0, W: heatCell0 - 2,
				Shade: 0.15 + 0.85*float64(n)/float64(total), Count: n, Correct: i == j,
				Title: trf(lang, "charts.heatmap.cell", g, p, n)})
		}
	}
	return h
}

// reliabilityChart draws the accuracy of each confidence bin.
func reliabilityChart(lang string, c evals.Calibration) chart {
	var bars []bar
	for _, b := range c.Bins {
		bars = append(bars, bar{Label: fmt.Sprintf("%.1f", b.Lo), Value: b.Accuracy,
			Note: trf(lang, "charts.reliability.note", b.Cases, b.Confidence)})
	}
	return barChart(lang, tr(lang, "charts.reliability"), bars)
}
