package web

import "fmt"

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

// barChart lays bars out.
func barChart(title string, bars []bar) chart {
	c := chart{Title: title, Width: chartW, Height: chartH}
	plot := float64(chartH - chartBottom - chartTop)
	for _, y := range []float64{0, 0.5, 1} {
		py := chartTop + (1-y)*plot
		c.Grid = append(c.Grid, chartLine{Y: py, TextY: py + 4, Label: fmt.Sprintf("%d %%", int(y*100))})
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
			Label: b.Label, Title: fmt.Sprintf("%s : %d %% (%s)", b.Label, int(v*100+0.5), b.Note)})
	}
	return c
}
