package web

import (
	"fmt"
	"html/template"
	"strings"
)

// bar is one bar of a chart: a label under it and a value in [0, 1].
type bar struct {
	Label string
	Value float64
	Note  string // shown on hover, e.g. "12/15"
}

// barChart draws bars as an inline SVG, server-side: no script, nothing to
// load, readable by screen readers through its title and each bar's title.
func barChart(title string, bars []bar) template.HTML {
	const w, h, pad, top = 640, 200, 28, 12
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`, w, h, template.HTMLEscapeString(title))
	fmt.Fprintf(&b, `<title>%s</title>`, template.HTMLEscapeString(title))
	for _, y := range []float64{0, 0.5, 1} {
		py := top + (1-y)*(h-pad-top)
		fmt.Fprintf(&b, `<line x1="30" x2="%d" y1="%.1f" y2="%.1f" class="grid"/><text x="26" y="%.1f" class="axis" text-anchor="end">%d %%</text>`,
			w, py, py, py+4, int(y*100))
	}
	if n := len(bars); n > 0 {
		slot := float64(w-40) / float64(n)
		for i, x := range bars {
			v := min(max(x.Value, 0), 1)
			bh := v * (h - pad - top)
			px := 40 + float64(i)*slot
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="bar"><title>%s : %d %% (%s)</title></rect>`,
				px+slot*0.15, top+(h-pad-top)-bh, slot*0.7, bh, template.HTMLEscapeString(x.Label), int(v*100+0.5), template.HTMLEscapeString(x.Note))
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="axis" text-anchor="middle">%s</text>`, px+slot/2, h-8, template.HTMLEscapeString(x.Label))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text above is escaped
}
